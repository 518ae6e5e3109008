"""The pixel diffusion model at the generator seam (``models.core.seam``): a guided sampler's steps."""

from __future__ import annotations

import torch

from models.core.seam import Generator
from models.diffusion.samplers import diffusion_samples


def _at(sampler: str, steps: int, guidance: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        return diffusion_samples(module, labels, guidance, sampler, steps, seed)

    return draw


def diffusion_generator(sampler: str = "DDIM", steps: int = 50, guidance: float = 2.0) -> Generator:
    """The shipped digits diffusion model at a sampler, step count and guidance scale."""
    name = f"diffusion {sampler}-{steps}" + ("" if guidance == 2.0 else f" w={guidance:g}")
    return Generator(name, "diffusion", "diffusion", steps, True, _at(sampler, steps, guidance))


def generators() -> list[Generator]:
    return [diffusion_generator("DDIM", 10), diffusion_generator("DDIM", 50), diffusion_generator("DDPM", 1000)]
