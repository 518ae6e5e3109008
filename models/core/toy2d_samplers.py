"""Real-data samplers for the 2-D GAN: a toy set, or a set of points the user drew."""

from __future__ import annotations

import numpy as np
import torch

from models.core.toy2d import TOY_SETS


def toy_sampler(name: str, pool: int = 20_000, seed: int = 0):
    """-> sample_real(n, generator) drawing from a fixed pool of the toy set's samples."""
    data = torch.from_numpy(TOY_SETS[name].sample(pool, seed=seed))
    return points_sampler(data, jitter=0.0)


def points_sampler(points: np.ndarray | torch.Tensor, jitter: float = 0.05):
    """Sample from a finite point set (e.g. drawn by the user), with small Gaussian jitter so the
    real distribution has some spread instead of being a handful of exact points."""
    pts = torch.as_tensor(points, dtype=torch.float32)

    def sample_real(n: int, generator: torch.Generator) -> torch.Tensor:
        idx = torch.randint(len(pts), (n,), generator=generator)
        x = pts[idx]
        return x + jitter * torch.randn(n, 2, generator=generator) if jitter > 0 else x

    return sample_real
