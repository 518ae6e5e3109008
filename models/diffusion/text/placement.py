"""Where a digit sits on the 28 x 28 canvas, so that the captions' spatial words mean something.

Training digits are placed at two scales: as they are (MNIST's ~20 px box, centred) and shrunk to about half,
centred or in one of the four corners. ``normalise`` undoes a placement the way MNIST itself was made (the ink's
bounding box scaled to fit 20 x 20, centred by its centre of mass in 28 x 28), so the project's evaluator, trained on
centred digits, reads a generated digit wherever it was drawn.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

CANVAS = 28
SPOTS = ("middle", "top left", "top right", "bottom left", "bottom right")
# Centre of each spot (row, column) on the canvas: a shrunk digit (10-13 px) fits in a corner with a pixel to spare.
_CENTRES = {
    "middle": (13.5, 13.5),
    "top left": (8.0, 8.0),
    "top right": (8.0, 19.0),
    "bottom left": (19.0, 8.0),
    "bottom right": (19.0, 19.0),
}
# The shrunk digits' scale range, 10-13 px tall: at 0.45 the f = 4 autoencoder kept only 86% of them readable.
SMALL_SCALES = (0.5, 0.65)
LARGE_SCALES = (0.85, 1.0)


def place(x01: torch.Tensor, scale: float, spot: str) -> torch.Tensor:
    """One digit (1, 28, 28) in [0, 1] shrunk by ``scale`` around its centre and moved to ``spot`` -> (1, 28, 28).
    (An affine resampling: bilinear, background 0.)"""
    row, col = _CENTRES[spot]
    # affine_grid works in [-1, 1] output coordinates: output point p samples input point A p + b.
    dy, dx = (row - 13.5) / 14.0, (col - 13.5) / 14.0
    theta = torch.tensor([[1 / scale, 0.0, -dx / scale], [0.0, 1 / scale, -dy / scale]], dtype=torch.float32)
    grid = F.affine_grid(theta[None], (1, 1, CANVAS, CANVAS), align_corners=False)
    return F.grid_sample(x01[None].float(), grid, mode="bilinear", padding_mode="zeros", align_corners=False)[0]


def placements(x01: torch.Tensor, per_digit: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Every digit (N, 1, 28, 28) ``per_digit`` times: half large (as it is, then scaled by 0.85-1 in the middle),
    half shrunk into a random spot, so the training median of size falls between the two -> (N·per_digit, 1, 28, 28)
    and the source digit's index (N·per_digit,), seeded."""
    rng = np.random.default_rng(seed)
    out, source = [], []
    for i in range(len(x01)):
        for k in range(per_digit):
            if k == 0:
                out.append(x01[i])
            elif k < per_digit // 2:
                out.append(place(x01[i], float(rng.uniform(*LARGE_SCALES)), "middle"))
            else:
                out.append(place(x01[i], float(rng.uniform(*SMALL_SCALES)), SPOTS[rng.integers(len(SPOTS))]))
            source.append(i)
    return torch.stack(out), torch.tensor(source)


def normalise(x01: torch.Tensor, threshold: float = 0.3) -> torch.Tensor:
    """Digits (B, 1, 28, 28) anywhere on the canvas -> MNIST's framing: the ink's box scaled to fit 20 x 20, centred
    by mass in 28 x 28. A blank image stays blank."""
    from scipy import ndimage

    out = torch.zeros_like(x01)
    for b, img in enumerate(x01[:, 0].float().numpy()):
        rows, cols = np.nonzero(img > threshold)
        if len(rows) == 0:
            continue
        crop = img[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
        s = 20.0 / max(crop.shape)
        h, w = max(1, round(crop.shape[0] * s)), max(1, round(crop.shape[1] * s))
        small = F.interpolate(torch.from_numpy(crop)[None, None], size=(h, w), mode="bilinear", align_corners=False)
        canvas = np.zeros((CANVAS, CANVAS), np.float32)
        top, left = (CANVAS - h) // 2, (CANVAS - w) // 2
        canvas[top : top + h, left : left + w] = small[0, 0].clamp(0, 1).numpy()
        cy, cx = ndimage.center_of_mass(canvas)
        canvas = ndimage.shift(canvas, (13.5 - cy, 13.5 - cx), order=1, mode="constant")
        out[b, 0] = torch.from_numpy(np.clip(canvas, 0, 1))
    return out
