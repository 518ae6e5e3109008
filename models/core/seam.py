"""What a generator of the seam is (``models.generators`` assembles the shipped ones from the registry's table):
a shipped model asked for n digits the same way, whatever its family.

    x = gen.sample(n, seed)          # (n, 1, 28, 28) in [0, 1], the same for the same seed
    gen.evaluations                  # network evaluations per sample (the trilemma's cost axis)

Each family's ``seam.py`` makes its rows (``generators() -> list[Generator]``) and names that function in its kind's
row of ``models.core.registry.KINDS``. Conditional generators draw the classes 0..9 in turn unless given ``labels``;
unconditional ones ignore ``labels``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from models.core.data import balanced_labels


@dataclass(frozen=True)
class Generator:
    """name: how the app and the API call it; family: "VAE", "GAN", "diffusion", ...; model: the
    registry name of its weights; evaluations: network evaluations per sample (a guided diffusion
    step is one evaluation of the batched conditional/unconditional pair); conditional: whether
    ``labels`` choose the class; draw: (module, n, seed, labels or None) -> (n, 1, 28, 28) in [0, 1]."""

    name: str
    family: str
    model: str
    evaluations: int
    conditional: bool
    draw: Callable[[torch.nn.Module, int, int, torch.Tensor | None], torch.Tensor]

    def sample(self, n: int, seed: int, labels: torch.Tensor | None = None, registry=None) -> torch.Tensor:
        """n digits, (n, 1, 28, 28) float32 in [0, 1] on the CPU; deterministic per seed."""
        from models.core.registry import default_registry

        module = (registry or default_registry()).load(self.model)
        if labels is None and self.conditional:
            labels = balanced_labels(n)
        with torch.inference_mode():
            return self.draw(module, n, seed, labels).float().cpu().clamp(0, 1)


def ms_per_sample(gen: Generator, batch: int = 16, repeats: int = 3) -> float:
    """Milliseconds per sample on this machine: a batch of ``batch`` (an interactive request), the
    median of ``repeats`` runs after a warm-up (weights loaded, kernels built)."""
    import statistics
    import time

    gen.sample(batch, seed=0)
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        gen.sample(batch, seed=r + 1)
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times) / batch
