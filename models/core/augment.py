"""Seeded random jitter of digit batches: a small affine map (rotation, scale, shift), or a shift by whole pixels."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def random_affine(
    x: torch.Tensor,
    generator: torch.Generator,
    max_degrees: float = 10.0,
    scale: tuple[float, float] = (0.9, 1.1),
    max_shift: float = 2.0,
) -> torch.Tensor:
    """x: (B, C, H, W) -> same shape, each image rotated/scaled/shifted independently."""
    b, _, h, _ = x.shape
    u = torch.rand(b, 4, generator=generator)
    angle = (u[:, 0] * 2 - 1) * math.radians(max_degrees)
    s = scale[0] + u[:, 1] * (scale[1] - scale[0])
    shift = (u[:, 2:] * 2 - 1) * (2 * max_shift / h)  # pixels -> normalised coordinates
    cos, sin = torch.cos(angle) / s, torch.sin(angle) / s
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, align_corners=False, padding_mode="zeros")


def random_shift(x: torch.Tensor, gen: torch.Generator, max_shift: int = 1) -> torch.Tensor:
    """Each digit moved by a whole number of pixels (−1..1 each way). Whole pixels, because any
    resampling blurs the strokes, and blurred edges binarize thicker or thinner than real ones."""
    padded = F.pad(x, (max_shift,) * 4)
    offsets = torch.randint(0, 2 * max_shift + 1, (len(x), 2), generator=gen).tolist()
    side = x.shape[-1]
    return torch.stack([padded[k, :, i : i + side, j : j + side] for k, (i, j) in enumerate(offsets)])
