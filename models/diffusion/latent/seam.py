"""Latent diffusion at the generator seam (``models.core.seam``): guided steps in the latent, then one decode."""

from __future__ import annotations

import torch

from models.core.registry import default_registry
from models.core.seam import Generator
from models.diffusion.latent.latent_diffusion import latent_samples


def _at(sampler: str, steps: int, guidance: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        autoencoder = default_registry().load(module.cfg.autoencoder)
        return latent_samples(module, autoencoder, labels, guidance, sampler, steps, seed)

    return draw


def latent_diffusion_generator(sampler: str = "DDIM", steps: int = 50, guidance: float = 2.0) -> Generator:
    """The latent diffusion model: ``steps`` guided UNet calls in the 4x8x8 latent, then one decode
    (not counted: one decoder pass costs ~1/3 of a latent step)."""
    return Generator(
        f"latent diffusion {sampler}-{steps}", "latent diffusion", "ldm", steps, True, _at(sampler, steps, guidance)
    )


def generators() -> list[Generator]:
    return [latent_diffusion_generator("DDIM", 50)]
