"""Pictures of the latent-diffusion tab: the pipeline at one step (latent channels, then the decoded
x̂₀) and strips with numbers under each digit. Labels are drawn in the app's font
(``pictures.font``), in the visitor's language."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image, ImageDraw

from playground.pictures import LABEL_PX, draw_text, font, to_uint8
from playground.tabs.latent.texts import say

CELL = 56  # px per latent channel or digit in the pipeline picture
LATENT_RANGE = 3.0  # the scaled latent has unit variance: ±3 covers 99.7% of it
LINE = LABEL_PX + 5  # px per line of a label (Chinese glyphs fill the whole em)


def text_width(text: str) -> int:
    return int(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font()))


def _tile(a: np.ndarray, size: int) -> Image.Image:
    return Image.fromarray(a).resize((size, size), Image.NEAREST)


def latent_tiles(z: torch.Tensor) -> list[np.ndarray]:
    """(c, h, w) scaled latent -> c uint8 images, [−3, 3] mapped to black..white."""
    return [to_uint8((ch + LATENT_RANGE) / (2 * LATENT_RANGE)) for ch in z]


def pipeline_picture(
    z_t: torch.Tensor, z0_hat: torch.Tensor, x0_hat: torch.Tensor, cell: int = CELL, rows: list[str] | None = None
) -> Image.Image:
    """Rows of z_t's c channels | ẑ₀'s c channels | D(ẑ₀): one reverse step of n samples, or one
    sample at n steps (then ``rows`` labels each row, e.g. its t, on the left).

    z_t, z0_hat: (n, c, h, w) scaled latents; x0_hat: (n, 1, 28, 28) in [0, 1]."""
    n, c = z_t.shape[:2]
    gap, head = 4, LINE + 4
    left = max(text_width(t) for t in rows) + 10 if rows else 0
    groups = [(say("z_t_noisy_latent"), c), (say("z0_hat_predicted_clean"), c), ("D(ẑ₀)", 1)]
    # each group as wide as its tiles or its label, whichever is wider: a label never runs into the next
    widths = [max(k * (cell + 2), text_width(label) + 2) for label, k in groups]
    width = left + sum(widths) + gap * 2 * len(groups)
    out = Image.new("L", (width, head + n * (cell + gap) + gap), 255)
    draw = ImageDraw.Draw(out)
    x = left + gap
    for (label, _), w in zip(groups, widths, strict=True):
        draw_text(draw, (x, 1), label, fill=0, font=font())
        x += w + 2 * gap
    for r in range(n):
        y = head + r * (cell + gap)
        if rows:
            draw_text(draw, (4, y + (cell - LINE) // 2), rows[r], fill=0, font=font())
        x = left + gap
        tiles_of = (latent_tiles(z_t[r]), latent_tiles(z0_hat[r]), [to_uint8(x0_hat[r])])
        for w, tiles in zip(widths, tiles_of, strict=True):
            for k, tile in enumerate(tiles):
                out.paste(_tile(tile, cell), (x + k * (cell + 2), y))
            x += w + 2 * gap
    return out


def numbered_strip(xs: torch.Tensor, captions: list[list[str]], cell: int = 84, gap: int = 6) -> Image.Image:
    """(N, 1, 28, 28) in [0, 1] side by side, each with its lines of text under it (cells widen to the
    longest line, so no text runs into its neighbour)."""
    lines = max(len(c) for c in captions)
    text_h = LINE * lines + 4
    cell_w = max(cell, *(text_width(t) + 4 for c in captions for t in c))
    out = Image.new("L", (len(xs) * (cell_w + gap) + gap, cell + text_h + 2 * gap), 255)
    draw = ImageDraw.Draw(out)
    for i, (x, caption) in enumerate(zip(xs, captions, strict=True)):
        left = gap + i * (cell_w + gap)
        out.paste(_tile(to_uint8(x), cell), (left + (cell_w - cell) // 2, gap))
        for k, text in enumerate(caption):
            draw_text(draw, (left + 2, gap + cell + 3 + LINE * k), text, fill=0, font=font())
    return out


def mask_overlay(x01: torch.Tensor, fill28: torch.Tensor) -> Image.Image:
    """A digit (1, 28, 28) with the region to fill tinted red: what the inpainting replaces."""
    grey = to_uint8(x01)
    rgb = np.stack([grey] * 3, -1).astype(np.float32)
    m = fill28.squeeze().numpy().astype(bool)
    rgb[m] = 0.5 * rgb[m] + 0.5 * np.array([230, 40, 40])
    return Image.fromarray(rgb.astype(np.uint8)).resize((140, 140), Image.NEAREST)
