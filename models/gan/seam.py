"""The digit DCGANs at the generator seam (``models.core.seam``): one generator call at a snapshot."""

from __future__ import annotations

import torch

from models.core.seam import Generator


def _at(step: int | None):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        return module.sample(module.cfg.snapshots[-1] if step is None else step, n, seed)

    return draw


def dcgan_generator(model: str, label: str, step: int | None = None) -> Generator:
    """A DCGAN run at a snapshot (default: its last)."""
    return Generator(label, "GAN", model, 1, False, _at(step))


def generators() -> list[Generator]:
    return [dcgan_generator("dcgan_vanilla", "DCGAN (collapsing)"), dcgan_generator("dcgan_stable", "DCGAN (64-D z)")]
