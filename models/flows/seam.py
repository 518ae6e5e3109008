"""The digit Glow at the generator seam (``models.core.seam``): one pass of the flow."""

from __future__ import annotations

import torch

from models.core.seam import Generator
from models.flows.flow_digits import RECOMMENDED_TEMPERATURE, sample


def _at(temperature: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        return sample(module, labels.to(next(module.parameters()).device), temperature, seed)

    return draw


def flow_generator(model: str = "flow_digits", label: str = "Glow flow") -> Generator:
    """The digit Glow: z from the class's prior at the recommended temperature, one pass of the flow."""
    return Generator(label, "flow", model, 1, True, _at(RECOMMENDED_TEMPERATURE))


def generators() -> list[Generator]:
    return [flow_generator()]
