"""The LCM student at the generator seam (``models.core.seam``): a few plain calls, guidance folded in."""

from __future__ import annotations

import torch

from models.core.seam import Generator
from models.diffusion.distill.consistency import student_samples


def _at(steps: int):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        return student_samples(module, labels, steps, seed)

    return draw


def student_generator(steps: int) -> Generator:
    """The LCM student distilled from the diffusion model: ``steps`` plain calls (guidance folded in,
    so each costs half a guided step of its teacher), sampled with diffusers' LCMScheduler."""
    return Generator(f"LCM student {steps}-step", "diffusion (distilled)", "student", steps, True, _at(steps))


def generators() -> list[Generator]:
    return [student_generator(k) for k in (1, 2, 4)]
