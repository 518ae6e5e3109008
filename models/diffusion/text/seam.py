"""Text to image at the generator seam (``models.core.seam``): the class asked for is typed as a prompt, so the home
tab's trilemma and metrics measure the prompt's path like every other family. "a large k": half the training digits
were shrunk into a spot of the canvas, and the seam's digits are compared with MNIST's, which fill it."""

from __future__ import annotations

import torch

from models.core.seam import Generator

GUIDANCE = 2.0  # the lowest w at which "a k" and "一个k" read as k in >= 99% of samples (benchmarks/results/t2i.md)
STEPS = 25


def _draw(pipe, n: int, seed: int, labels: torch.Tensor) -> torch.Tensor:
    from models.diffusion.text.sampling import prompt_samples

    return prompt_samples(pipe, [f"a large {int(k)}" for k in labels], GUIDANCE, STEPS, seed)


def generators() -> list[Generator]:
    return [Generator(f"text to image DDIM-{STEPS}", "text to image", "t2i", STEPS, True, _draw)]
