"""Turn a drawing into an MNIST-style digit: the way MNIST itself was made (LeCun et al.):
the ink's bounding box scaled to fit 20x20 keeping its aspect, then placed in a 28x28 frame so
that its centre of mass sits at the centre.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from scipy import ndimage


class EmptyDrawing(ValueError):
    pass


def ink_from_rgba(rgba: np.ndarray) -> np.ndarray:
    """(H, W, 4) uint8 stroke layer -> (H, W) ink in [0, 1], from the alpha channel."""
    return rgba[..., 3].astype(np.float32) / 255.0


def ink_from_picture(img: np.ndarray) -> np.ndarray:
    """A picture without alpha (H, W[, 3]) -> ink in [0, 1]: dark strokes on light paper or light
    strokes on dark paper, decided by the border, which is paper."""
    grey = img.astype(np.float32)
    if grey.ndim == 3:
        grey = grey[..., :3].mean(-1)
    grey = grey / 255.0 if grey.max() > 1.0 else grey
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    return 1.0 - grey if np.median(border) > 0.5 else grey


def to_mnist(ink: np.ndarray, threshold: float = 0.05) -> np.ndarray:
    """(H, W) ink in [0, 1] -> (28, 28) float32 in [0, 1]. Raises EmptyDrawing if there is no ink."""
    mask = ink > threshold
    if mask.sum() < 3:
        raise EmptyDrawing("the drawing is empty")
    rows, cols = np.flatnonzero(mask.any(1)), np.flatnonzero(mask.any(0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = crop.shape
    scale = 20.0 / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    small = np.asarray(Image.fromarray((crop * 255).astype(np.uint8)).resize((nw, nh), Image.LANCZOS), np.float32) / 255
    frame = np.zeros((28, 28), np.float32)
    top, left = (28 - nh) // 2, (28 - nw) // 2
    frame[top : top + nh, left : left + nw] = small
    cy, cx = ndimage.center_of_mass(frame)
    frame = ndimage.shift(frame, (13.5 - cy, 13.5 - cx), order=1, mode="constant")
    return np.clip(frame, 0.0, 1.0)


def as_drawn(ink: np.ndarray, threshold: float = 0.05) -> np.ndarray:
    """(H, W) ink in [0, 1] -> (28, 28) float32 in [0, 1], the whole pad scaled down: each stroke stays where it was
    drawn (``to_mnist`` moves the drawing to the frame's centre, which a completion of the top rows must not).
    Raises EmptyDrawing if there is no ink."""
    if (ink > threshold).sum() < 3:
        raise EmptyDrawing("the drawing is empty")
    small = Image.fromarray((np.clip(ink, 0, 1) * 255).astype(np.uint8)).resize((28, 28), Image.BOX)
    return np.asarray(small, np.float32) / 255
