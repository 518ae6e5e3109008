"""Paths and projections in a VAE's latent space.

- lerp: z(t) = (1 − t) z_a + t z_b
- slerp (Shoemake 1985; White 2016 "Sampling generative networks"):
  z(t) = sin((1 − t)Ω)/sin Ω · z_a + sin(tΩ)/sin Ω · z_b, Ω = ∠(z_a, z_b). It keeps the norm
  near the prior's typical shell, where decodes look like digits, instead of cutting through the
  low-norm middle.
"""

from __future__ import annotations

import numpy as np
import torch


def interpolate(z_a: torch.Tensor, z_b: torch.Tensor, steps: int, method: str = "linear") -> torch.Tensor:
    """z_a, z_b: (D,) -> (steps, D), endpoints included."""
    if steps < 2:
        raise ValueError("an interpolation needs at least 2 steps")
    t = torch.linspace(0, 1, steps, dtype=z_a.dtype, device=z_a.device).unsqueeze(1)
    if method == "linear":
        return (1 - t) * z_a + t * z_b
    if method == "spherical":
        cos = torch.dot(z_a, z_b) / (z_a.norm() * z_b.norm()).clamp_min(1e-12)
        omega = torch.arccos(cos.clamp(-1.0, 1.0))
        if omega.abs() < 1e-4:  # parallel vectors: slerp's limit is lerp
            return (1 - t) * z_a + t * z_b
        return (torch.sin((1 - t) * omega) * z_a + torch.sin(t * omega) * z_b) / torch.sin(omega)
    raise ValueError(f"method must be 'linear' or 'spherical', not {method!r}")


class Projection:
    """Maps latent vectors (N, D) to the 2-D coordinates of a latent map.

    'latent': identity (2-D models only); 'pca': principal components of the test encodings;
    'umap': the shipped UMAP of the test encodings. UMAP has no cheap exact transform for new
    points, so a new z lands at the inverse-distance-weighted mean of the map positions of its
    k nearest test encodings (what umap's own ``transform`` initialises from).
    """

    def __init__(self, kind: str, atlas_mu: np.ndarray, atlas_2d: np.ndarray | None = None, k: int = 5):
        self.kind, self.atlas_mu, self.k = kind, atlas_mu, k
        if kind == "latent":
            if atlas_mu.shape[1] != 2:
                raise ValueError("the 'latent' projection needs a 2-D latent space")
            self.points = atlas_mu
        elif kind == "pca":
            from sklearn.decomposition import PCA

            self._pca = PCA(n_components=2, random_state=0).fit(atlas_mu)
            self.points = self._pca.transform(atlas_mu)
        elif kind == "umap":
            if atlas_2d is None:
                raise ValueError("this model ships no UMAP atlas")
            self.points = atlas_2d
        else:
            raise ValueError(f"unknown projection {kind!r}")

    def __call__(self, z: np.ndarray) -> np.ndarray:
        z = np.atleast_2d(z)
        if self.kind == "latent":
            return z
        if self.kind == "pca":
            return self._pca.transform(z)
        d = ((z[:, None, :] - self.atlas_mu[None]) ** 2).sum(-1) ** 0.5  # (N, M)
        nn = np.argsort(d, axis=1)[:, : self.k]
        w = 1.0 / (np.take_along_axis(d, nn, 1) + 1e-6)
        return (self.points[nn] * w[..., None]).sum(1) / w.sum(1, keepdims=True)

    def nearest(self, xy: np.ndarray) -> int:
        """Index of the atlas point nearest to map position xy (2,)."""
        return int(np.argmin(((self.points - xy) ** 2).sum(1)))
