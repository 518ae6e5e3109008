"""Pictures of the PixelCNN tab, as RGB uint8 arrays at one pixel per digit pixel (the handlers
enlarge them without blur): the digits being drawn with their cursor, what the model believed at
each visited pixel, per-pixel surprise, receptive fields and the masks."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image, ImageDraw

from playground.pictures import FIGURE_LABEL_PX, draw_text, font
from playground.tabs.ar.texts import say

UNKNOWN = (38, 48, 84)  # not drawn yet: dark slate, so 0 (black paper) and "not yet" differ
CURSOR = (235, 60, 50)
SEEN = (40, 190, 170)  # teal: the prediction depends on this pixel
BLIND = (250, 150, 30)  # orange: an earlier pixel it cannot see, inside the region it does see
PIXEL = 28
FONT_PX = 15  # captions drawn into pictures stay readable on a projector
# the completion picture's captions and titles: the picture is shrunk to fit a projector's screen, and at FONT_PX
# they showed at ~8 px in lecture mode at 1280x720 (issue 36)
CAPTION_PX = FIGURE_LABEL_PX
GAP = 2
# a perceptual dark-to-bright ramp (after matplotlib's "inferno"): 0 nats black, much surprise yellow
HEAT = np.array(
    [
        (0, 0, 4),
        (40, 11, 84),
        (101, 21, 110),
        (159, 42, 99),
        (212, 72, 66),
        (245, 125, 21),
        (250, 193, 39),
        (252, 255, 164),
    ],
    np.float32,
)


def _tiles(cells: np.ndarray, cols: int) -> np.ndarray:
    """(B, 28, 28, 3) -> one mosaic with a grey gap between digits."""
    b = len(cells)
    rows = -(-b // cols)
    out = np.full((rows * (PIXEL + GAP) - GAP, cols * (PIXEL + GAP) - GAP, 3), 128, np.uint8)
    for i, cell in enumerate(cells):
        r, c = divmod(i, cols)
        out[r * (PIXEL + GAP) : r * (PIXEL + GAP) + PIXEL, c * (PIXEL + GAP) : c * (PIXEL + GAP) + PIXEL] = cell
    return out


def columns(n: int) -> int:
    return int(np.ceil(np.sqrt(n)))


def drawing_progress(x: torch.Tensor, index: int | None) -> np.ndarray:
    """x: (B, 1, 28, 28) binary, pixels up to ``index`` drawn -> RGB mosaic: ink white, paper
    black, pixels not drawn yet slate, the cursor (pixel ``index + 1``, the next one) red."""
    b = len(x)
    grey = (x[:, 0].float().cpu().numpy() * 255).astype(np.uint8)
    cells = np.repeat(grey[..., None], 3, axis=-1)
    flat = cells.reshape(b, -1, 3)
    if index is not None:
        flat[:, index + 1 :] = UNKNOWN
        if index + 1 < PIXEL * PIXEL:
            flat[:, index + 1] = CURSOR
    return _tiles(cells, columns(b))


def belief(probs: torch.Tensor) -> np.ndarray:
    """probs: (B, 1, 28, 28), p(x_i = 1 | x_<i) where visited and NaN elsewhere -> RGB mosaic:
    grey level p (white = sure of ink, black = sure of paper), slate where not visited."""
    p = probs[:, 0].float().cpu().numpy()
    visited = ~np.isnan(p)
    cells = np.repeat((np.nan_to_num(p) * 255).astype(np.uint8)[..., None], 3, axis=-1)
    cells[~visited] = UNKNOWN
    return _tiles(cells, columns(len(p)))


def heat(values: np.ndarray, vmax: float) -> np.ndarray:
    """(H, W) values >= 0 -> (H, W, 3) uint8 on the dark-to-bright ramp, 0 .. vmax (clipped)."""
    t = np.clip(values / vmax, 0, 1) * (len(HEAT) - 1)
    lo = np.floor(t).astype(int).clip(0, len(HEAT) - 2)
    frac = (t - lo)[..., None]
    return (HEAT[lo] * (1 - frac) + HEAT[lo + 1] * frac).astype(np.uint8)


def surprise_map(nats: np.ndarray, vmax: float = 5.0) -> np.ndarray:
    """(28, 28) −log p(x_i | x_<i) in nats -> RGB (0 black, ≥ vmax bright yellow)."""
    return heat(nats, vmax)


def colour_bar(vmax: float, width: int = 280, height: int = 42) -> Image.Image:
    """The surprise ramp as a labelled bar (0 .. vmax nats), the labels under it."""
    ramp = heat(np.tile(np.linspace(0, vmax, width), (14, 1)), vmax)
    out = Image.new("RGB", (width, height), (255, 255, 255))
    out.paste(Image.fromarray(ramp), (0, 0))
    draw = ImageDraw.Draw(out)
    draw_text(draw, (2, 16), say("n0_nats"), fill=(0, 0, 0), font=_font())
    draw_text(draw, (width - 2, 16), say("vmax_g_nats", vmax=vmax), fill=(0, 0, 0), font=_font(), anchor="ra")
    return out


def receptive_field(digit: np.ndarray, depends: np.ndarray, row: int, col: int) -> tuple[np.ndarray, int, int]:
    """digit (28, 28) in {0, 1}; depends (28, 28) bool (the logit's gradient is non-zero there) ->
    (RGB picture, pixels seen, blind-spot pixels). The blind spot: earlier pixels inside the box
    spanned by the seen ones (rows and columns) that the prediction cannot see."""
    pic = np.repeat((digit * 90).astype(np.uint8)[..., None], 3, axis=-1)  # the digit, dimmed
    earlier = np.zeros((PIXEL, PIXEL), bool)
    earlier.flat[: row * PIXEL + col] = True
    blind = np.zeros_like(earlier)
    if depends.any():
        rows, cols = np.flatnonzero(depends.any(1)), np.flatnonzero(depends.any(0))
        box = np.zeros_like(earlier)
        box[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1] = True
        blind = box & earlier & ~depends
    pic[depends] = (0.55 * np.array(SEEN) + 0.45 * pic[depends]).astype(np.uint8)
    pic[blind] = BLIND
    pic[row, col] = CURSOR
    return pic, int(depends.sum()), int(blind.sum())


def mask_picture(masks: list[tuple[str, np.ndarray, tuple[int, int]]], cell: int = 22) -> Image.Image:
    """Named 0/1 kernels side by side as grids, each with the output's own position (row, col):
    white = a weight in use, black = masked out; the output's position is outlined in red."""
    face = _font()
    lines = max(len(name.split("\n")) for name, _, _ in masks)
    gap, label_h = 22, lines * (FONT_PX + 9) + 8  # the font's line (ascent + descent) and the spacing
    widths = [max(m.shape[1] * cell, max(face.getlength(t) for t in name.split("\n"))) for name, m, _ in masks]
    height = max(m.shape[0] for _, m, _ in masks) * cell
    out = Image.new("RGB", (int(sum(widths)) + gap * (len(masks) + 1), height + label_h + 8), (255, 255, 255))
    draw = ImageDraw.Draw(out)
    x0 = gap
    for (name, m, centre), w in zip(masks, widths, strict=True):
        draw.multiline_text((x0, 0), name, fill=(0, 0, 0), font=face, spacing=3)
        for (r, c), v in np.ndenumerate(m):
            box = (x0 + c * cell, label_h + r * cell, x0 + (c + 1) * cell - 1, label_h + (r + 1) * cell - 1)
            draw.rectangle(box, fill=(255, 255, 255) if v else (20, 20, 20), outline=(150, 150, 150))
            if (r, c) == centre:
                draw.rectangle(box, outline=CURSOR, width=3)
        x0 += int(w) + gap
    return out


def _font():
    return font(FONT_PX)


def completion_picture(given: np.ndarray, completions: np.ndarray, rows: int, captions=None, scale: int = 6):
    """The kept top rows (left, a red line under them) and the completions mosaic (right), enlarged;
    above each row of completions a band for their captions (the evaluator's reading, once they are
    done), so no caption covers a digit and the picture keeps its size while they are drawn."""
    left = Image.fromarray(given).resize((given.shape[1] * scale, given.shape[0] * scale), Image.NEAREST)
    right = Image.fromarray(completions).resize(
        (completions.shape[1] * scale, completions.shape[0] * scale), Image.NEAREST
    )
    face, head, band = font(CAPTION_PX), CAPTION_PX + 12, CAPTION_PX + 10
    row_h, n_rows = (PIXEL + GAP) * scale, (completions.shape[0] + GAP) // (PIXEL + GAP)
    height = max(head + left.height, head + n_rows * (band + row_h) - GAP * scale)
    canvas = Image.new("RGB", (left.width + right.width + 24, height), (255, 255, 255))
    canvas.paste(left, (0, head))
    for r in range(n_rows):  # each row of the mosaic, under its caption band
        tiles = right.crop((0, r * row_h, right.width, r * row_h + PIXEL * scale))
        canvas.paste(tiles, (left.width + 24, head + band + r * (band + row_h)))
    draw = ImageDraw.Draw(canvas)
    draw.line([(0, head + rows * scale), (left.width, head + rows * scale)], fill=CURSOR, width=2)
    draw_text(draw, (2, 2), say("kept_top_rows_rows", rows=rows), fill=(0, 0, 0), font=face)
    draw_text(draw, (left.width + 26, 2), say("models_completions"), fill=(0, 0, 0), font=face)
    cols = columns(len(captions or []))
    for i, text in enumerate(captions or []):
        r, c = divmod(i, cols)
        x0, y0 = left.width + 24 + c * (PIXEL + GAP) * scale, head + r * (band + row_h)
        draw_text(draw, (x0 + 2, y0 + 1), text, fill=(0, 0, 0), font=face)
    return canvas
