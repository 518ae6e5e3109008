"""2-D toy distributions with known mode centres and σ, so mode-coverage metrics can use them.

The ring and grid follow VEEGAN / PacGAN: ring of 8 Gaussians with radius 2 and σ = 0.02, and a
5x5 grid with centres at {-4, -2, 0, 2, 4}^2 and σ = 0.05.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Toy2D:
    """A 2-D data set. ``centres`` is (M, 2) for mixtures and None for continuous sets."""

    name: str
    centres: np.ndarray | None
    sigma: float | None

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """(n, 2) float32 samples."""
        rng = np.random.default_rng(seed)
        if self.centres is not None:
            k = rng.integers(len(self.centres), size=n)
            return (self.centres[k] + self.sigma * rng.standard_normal((n, 2))).astype(np.float32)
        if self.name == "spiral":
            t = np.sqrt(rng.uniform(0, 1, n)) * 3 * np.pi
            pts = np.stack([t * np.cos(t), t * np.sin(t)], 1) / (3 * np.pi) * 3
            return (pts + 0.05 * rng.standard_normal((n, 2))).astype(np.float32)
        if self.name == "moons":
            from sklearn.datasets import make_moons

            pts, _ = make_moons(n, noise=0.05, random_state=seed)
            return ((pts - [0.5, 0.25]) * 1.5).astype(np.float32)
        raise ValueError(self.name)

    def log_density(self, x: np.ndarray) -> np.ndarray:
        """Exact log p(x) of a mixture of equal isotropic Gaussians, (N, 2) -> (N,) nats:
        log (1/M) Σ_m N(x; c_m, σ²I)."""
        if self.centres is None:
            raise ValueError(f"{self.name} has no closed-form density")
        from scipy.special import logsumexp

        d2 = ((x[:, None, :] - self.centres[None]) ** 2).sum(-1)  # (N, M)
        log_n = -d2 / (2 * self.sigma**2) - np.log(2 * np.pi * self.sigma**2)
        return logsumexp(log_n, axis=1) - np.log(len(self.centres))

    def entropy(self, n: int = 200_000, seed: int = 1) -> tuple[float, float]:
        """H(p) = −E_p log p(x) in nats by Monte Carlo over the exact density -> (H, its standard
        error). Held-out NLL − H is then the exact KL(p ‖ q) of a model q, up to that error."""
        lp = self.log_density(self.sample(n, seed).astype(np.float64))
        return float(-lp.mean()), float(lp.std() / np.sqrt(n))


def _ring(m: int = 8, radius: float = 2.0) -> np.ndarray:
    a = 2 * np.pi * np.arange(m) / m
    return np.stack([radius * np.cos(a), radius * np.sin(a)], 1)


def _grid(k: int = 5, spacing: float = 2.0) -> np.ndarray:
    v = (np.arange(k) - (k - 1) / 2) * spacing
    return np.stack(np.meshgrid(v, v), -1).reshape(-1, 2)


TOY_SETS = {
    "ring8": Toy2D("ring8", _ring(), 0.02),
    "grid25": Toy2D("grid25", _grid(), 0.05),
    "spiral": Toy2D("spiral", None, None),
    "moons": Toy2D("moons", None, None),
}
