"""The metrics lab: "break the model" on purpose and see which measures notice.

A perfect generator would produce new digits from the data distribution; the held-out digits are
such a set. Each break is a transform of them that imitates a failure — a generator that forgot
classes (mode dropping), one that is blurry, one that is noisy, one that memorised its training set
(copies), or simply fewer samples — and ``lab`` measures the broken set against the training
digits, beside the unbroken one, with every measure of ``models.measure.metrics``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import torch
import torch.nn.functional as F

from models.core.data import digit_split
from models.measure.metrics import features, measure_samples

BREAKS = ("none", "drop classes", "blur", "add noise", "copies of training digits", "fewer samples")
REFERENCE_N = 1000  # training digits the sets are measured against (fixed, seed 0)


@dataclass(frozen=True)
class Break:
    """kind: one of ``BREAKS``; amount: classes dropped (1-9), blur σ in pixels, noise σ (on [0, 1]),
    or unused; n: samples in the set (the "fewer samples" break is just a small n)."""

    kind: str = "none"
    amount: float = 0.0
    n: int = 500


@cache
def reference_index() -> torch.Tensor:
    """The training digits the lab measures against (the same for every call)."""
    split = digit_split()
    return torch.randperm(len(split.x_train), generator=torch.Generator().manual_seed(0))[:REFERENCE_N]


def reference() -> torch.Tensor:
    return digit_split().x_train[reference_index()]


def _blur(x: torch.Tensor, sigma: float) -> torch.Tensor:
    radius = max(1, int(round(3 * sigma)))
    t = torch.arange(-radius, radius + 1, dtype=torch.float32)
    k = torch.exp(-(t**2) / (2 * sigma**2))
    k = (k / k.sum()).view(1, 1, 1, -1)
    x = F.conv2d(F.pad(x, (radius, radius, 0, 0), mode="replicate"), k)
    return F.conv2d(F.pad(x, (0, 0, radius, radius), mode="replicate"), k.transpose(2, 3))


def broken_set(b: Break, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """-> (digits (n, 1, 28, 28) in [0, 1], their classes (n,)) for the break ``b``."""
    split = digit_split()
    gen = torch.Generator().manual_seed(seed)
    if b.kind == "copies of training digits":
        pick = reference_index()[torch.randint(REFERENCE_N, (b.n,), generator=gen)]
        return split.x_train[pick].clone(), split.y_train[pick].clone()
    x, y = split.x_test, split.y_test
    if b.kind == "drop classes":
        keep = y >= int(b.amount)  # classes 0 .. amount-1 are gone
        x, y = x[keep], y[keep]
    # More samples than the held-out set has (after dropping classes): drawn with repetition.
    if b.n > len(x):
        pick = torch.randint(len(x), (b.n,), generator=gen)
    else:
        pick = torch.randperm(len(x), generator=gen)[: b.n]
    x, y = x[pick].clone(), y[pick].clone()
    if b.kind == "blur" and b.amount > 0:
        x = _blur(x, b.amount)
    if b.kind == "add noise":
        x = (x + b.amount * torch.randn(x.shape, generator=gen)).clamp(0, 1)
    return x, y


def nearest_training_digits(x: torch.Tensor, k: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    """For each of x (m, 1, 28, 28): the k closest of the training digits in pixel space.
    -> (indices into x_train (m, k), distances (m, k): L2 over the 784 pixels). Pixel distance,
    not features: a copy is then at exactly 0, which is what the memorisation check looks for."""
    train = digit_split().x_train.flatten(1)
    # Without the matrix-product shortcut: a copy must come out at exactly 0, not at rounding error.
    d = torch.cdist(x.flatten(1).float(), train.float(), compute_mode="donot_use_mm_for_euclid_dist")
    dist, idx = d.topk(k, largest=False)
    return idx, dist


BASELINE_N = 500  # the unbroken set every break is compared with: all 500 held-out digits


@cache
@cache  # the same 1,000 digits every call: 0.6 s of a lab's ~1.6 s on 2 cores
def _reference_features(evaluator) -> np.ndarray:
    return features(evaluator, reference()).numpy()


@cache
def baseline(evaluator) -> dict[str, float]:
    """The unbroken set's measures: 500 held-out digits, new digits from the data distribution."""
    x, _ = broken_set(Break("none", 0, BASELINE_N))
    return measure_samples(evaluator, x, _reference_features(evaluator))


def measured_once(evaluator) -> bool:
    """The reference's features and the baseline are computed: the first ``lab`` computes them (~4 s on 2 cores)."""
    return baseline.cache_info().currsize > 0


def lab(evaluator, b: Break, seed: int = 0) -> dict:
    """Every measure of the broken set ("broken") and of the unbroken one ("baseline") against
    ``reference()``, and the broken set itself ("samples", (n, 1, 28, 28))."""
    x, _ = broken_set(b, seed)
    broken = measure_samples(evaluator, x, _reference_features(evaluator))
    return {"broken": broken, "baseline": baseline(evaluator), "samples": x}
