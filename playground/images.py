"""Tensor/array -> PIL helpers shared by the tabs: big, crisp (nearest-neighbour) digits and strips."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image

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
