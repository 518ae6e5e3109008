"""Interleaved wall-clock timing: this machine is noisy, so variants take turns and medians are kept."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np


def interleaved_medians(variants: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """One warm-up call of each variant, then ``repeats`` rounds in which each runs once in turn.
    -> {name: median seconds}."""
    for fn in variants.values():
        fn()
    times = {k: [] for k in variants}
    for _ in range(repeats):
        for k, fn in variants.items():
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    return {k: float(np.median(v)) for k, v in times.items()}
