"""Tensor/array -> PIL helpers shared by the tabs: big, crisp (nearest-neighbour) digits, mosaics
and labelled strips."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image, ImageDraw

DIGIT_DISPLAY = 280  # px: a 28x28 digit at 10x stays crisp on a projector


def to_uint8(x: torch.Tensor | np.ndarray) -> np.ndarray:
    """(H, W) or (1, H, W) in [0, 1] -> (H, W) uint8."""
    if isinstance(x, torch.Tensor):
        x = x.detach().float().cpu().numpy()
    x = np.asarray(x).squeeze()
    return (np.clip(x, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)


def digit_image(x: torch.Tensor | np.ndarray, size: int = DIGIT_DISPLAY) -> Image.Image:
    """One digit in [0, 1], white on black as in MNIST, upscaled without blur."""
    return Image.fromarray(to_uint8(x)).resize((size, size), Image.NEAREST)


def digit_strip(xs: torch.Tensor, cell: int = 84, gap: int = 4, max_per_row: int = 16) -> Image.Image:
    """(N, 1, H, W) in [0, 1] -> a strip (wrapped after ``max_per_row``) on a grey background."""
    n = len(xs)
    cols = min(n, max_per_row)
    rows = -(-n // cols)
    out = Image.new("L", (cols * cell + (cols + 1) * gap, rows * cell + (rows + 1) * gap), 128)
    for i, x in enumerate(xs):
        r, c = divmod(i, cols)
        out.paste(digit_image(x, cell), (gap + c * (cell + gap), gap + r * (cell + gap)))
    return out


def digit_grid(xs: torch.Tensor, rows: int, cols: int) -> np.ndarray:
    """(rows*cols, 1, H, W) in [0, 1] -> one (rows*H, cols*W) uint8 mosaic, row-major."""
    _, _, h, w = xs.shape
    tiles = to_uint8(xs.reshape(rows, cols, h, w)) if rows * cols > 1 else to_uint8(xs).reshape(1, 1, h, w)
    return tiles.transpose(0, 2, 1, 3).reshape(rows * h, cols * w)


def mosaic_columns(n: int) -> int:
    """Columns for n tiles: the nearest divisor of n at or above √n (8 -> 4 x 2, 12 -> 4 x 3), so
    the grid has no grey filler, unless that would be too long a row (7 -> 3 x 3, two fillers)."""
    square = int(np.ceil(np.sqrt(n)))
    return next((c for c in range(square, 2 * square + 1) if n % c == 0), square)


def mosaic(x: torch.Tensor, lo: float = -1.0, hi: float = 1.0, cols: int | None = None) -> np.ndarray:
    """(B, 1, H, W) -> one (rows*H, cols*W) uint8 image; values mapped [lo, hi] -> [0, 255], clipped.

    x_t and x̂₀ use [-1, 1] (the data range, as every diffusion figure shows them); ε̂ uses [-3, 3].
    """
    b, _, h, w = x.shape
    cols = cols or mosaic_columns(b)
    rows = -(-b // cols)
    a = ((x.float().cpu().numpy()[:, 0] - lo) / (hi - lo)).clip(0, 1)
    canvas = np.full((rows * cols, h, w), 0.5, np.float32)
    canvas[:b] = a
    tiles = canvas.reshape(rows, cols, h, w).transpose(0, 2, 1, 3).reshape(rows * h, cols * w)
    return (tiles * 255 + 0.5).astype(np.uint8)


def enlarge(img: np.ndarray, width: int = 320) -> Image.Image:
    """uint8 (H, W) -> PIL, upscaled without blur to about ``width`` pixels wide."""
    k = max(1, width // img.shape[1])
    return Image.fromarray(img).resize((img.shape[1] * k, img.shape[0] * k), Image.NEAREST)


def labelled_strip(images: list[np.ndarray], labels: list[str], cell: int = 96, gap: int = 6) -> Image.Image:
    """Grey uint8 images side by side, each scaled to ``cell`` px wide with its label above."""
    label_h = 16
    heights = [round(cell * im.shape[0] / im.shape[1]) for im in images]
    out = Image.new("L", (len(images) * (cell + gap) + gap, max(heights) + label_h + 2 * gap), 255)
    draw = ImageDraw.Draw(out)
    for i, (im, text, hgt) in enumerate(zip(images, labels, heights, strict=True)):
        x = gap + i * (cell + gap)
        draw.text((x + 2, gap // 2), text, fill=0)
        out.paste(Image.fromarray(im).resize((cell, hgt), Image.NEAREST), (x, gap + label_h))
    return out
