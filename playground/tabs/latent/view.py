"""Pictures of the latent-diffusion tab: the pipeline at one step (latent channels, then the decoded
x̂₀) and strips with numbers under each digit. Labels drawn on images stay ASCII until the app
ships a CJK font (issue 19)."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image, ImageDraw

from playground.pictures import to_uint8

CELL = 56  # px per latent channel or digit in the pipeline picture
LATENT_RANGE = 3.0  # the scaled latent has unit variance: ±3 covers 99.7% of it


def _tile(a: np.ndarray, size: int) -> Image.Image:
    return Image.fromarray(a).resize((size, size), Image.NEAREST)


def latent_tiles(z: torch.Tensor) -> list[np.ndarray]:
    """(c, h, w) scaled latent -> c uint8 images, [−3, 3] mapped to black..white."""
    return [to_uint8((ch + LATENT_RANGE) / (2 * LATENT_RANGE)) for ch in z]


def pipeline_picture(z_t: torch.Tensor, z0_hat: torch.Tensor, x0_hat: torch.Tensor, cell: int = CELL,
                     rows: list[str] | None = None) -> Image.Image:  # fmt: skip
    """Rows of z_t's c channels | ẑ₀'s c channels | D(ẑ₀): one reverse step of n samples, or one
    sample at n steps (then ``rows`` labels each row, e.g. its t, on the left).

    z_t, z0_hat: (n, c, h, w) scaled latents; x0_hat: (n, 1, 28, 28) in [0, 1]."""
    n, c = z_t.shape[:2]
    gap, head = 4, 16
    left = 56 if rows else 0
    groups = [("z_t (noisy latent)", c), ("z0_hat (predicted clean latent)", c), ("D(z0_hat)", 1)]
    widths = [k * (cell + 2) for _, k in groups]
    width = left + sum(widths) + gap * 2 * len(groups)
    out = Image.new("L", (width, head + n * (cell + gap) + gap), 255)
    draw = ImageDraw.Draw(out)
    x = left + gap
    for (label, _), w in zip(groups, widths, strict=True):
        draw.text((x, 2), label, fill=0)
        x += w + 2 * gap
    for r in range(n):
        y = head + r * (cell + gap)
        if rows:
            draw.text((4, y + cell // 2 - 6), rows[r], fill=0)
        x = left + gap
        for tiles in (latent_tiles(z_t[r]), latent_tiles(z0_hat[r]), [to_uint8(x0_hat[r])]):
            for k, tile in enumerate(tiles):
                out.paste(_tile(tile, cell), (x + k * (cell + 2), y))
            x += len(tiles) * (cell + 2) + 2 * gap
    return out


def numbered_strip(xs: torch.Tensor, captions: list[list[str]], cell: int = 84, gap: int = 6) -> Image.Image:
    """(N, 1, 28, 28) in [0, 1] side by side, each with its lines of text under it (ASCII)."""
    lines = max(len(c) for c in captions)
    text_h = 13 * lines + 4
    out = Image.new("L", (len(xs) * (cell + gap) + gap, cell + text_h + 2 * gap), 255)
    draw = ImageDraw.Draw(out)
    for i, (x, caption) in enumerate(zip(xs, captions, strict=True)):
        left = gap + i * (cell + gap)
        out.paste(_tile(to_uint8(x), cell), (left, gap))
        for k, text in enumerate(caption):
            draw.text((left + 2, gap + cell + 3 + 13 * k), text, fill=0)
    return out


def mask_overlay(x01: torch.Tensor, fill28: torch.Tensor) -> Image.Image:
    """A digit (1, 28, 28) with the region to fill tinted red: what the inpainting replaces."""
    grey = to_uint8(x01)
    rgb = np.stack([grey] * 3, -1).astype(np.float32)
    m = fill28.squeeze().numpy().astype(bool)
    rgb[m] = 0.5 * rgb[m] + 0.5 * np.array([230, 40, 40])
    return Image.fromarray(rgb.astype(np.uint8)).resize((140, 140), Image.NEAREST)
