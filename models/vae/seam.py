"""The VAEs at the generator seam (``models.core.seam``): z ~ N(0, I), one decoder call."""

from __future__ import annotations

import torch

from models.core.seam import Generator


def _draw(module, n: int, seed: int, labels) -> torch.Tensor:
    """z ~ N(0, I) -> the decoder's mean image (the Bernoulli means, as the VAE tab shows them)."""
    z = torch.randn(n, module.latent_dim, generator=torch.Generator().manual_seed(seed))
    return module.decode(z.to(next(module.parameters()).device))


def vae_generator(model: str) -> Generator:
    return Generator(model, "VAE", model, 1, False, _draw)


def generators() -> list[Generator]:
    return [vae_generator(name) for name in ("vae2", "vae16", "vae16_beta4")]
