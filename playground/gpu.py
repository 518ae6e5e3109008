"""Hugging Face ZeroGPU: the handlers that run a model are wrapped in ``spaces.GPU`` when the
``spaces`` package is installed (it is on a Space), so a ZeroGPU Space attaches a GPU for each call.
Everywhere else, and on Spaces with a dedicated GPU, the wrapper is the identity."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

# Seconds a call may hold a ZeroGPU device. The longest requests: a 20,000-step GAN run, DDPM-1000
# against DDIM-50, a 240-image guidance grid.
DEFAULT_DURATION = 60
LONG_DURATION = 120


def spaces_installed() -> bool:
    return importlib.util.find_spec("spaces") is not None


def gpu_task(fn: Callable, duration: int = DEFAULT_DURATION) -> Callable:
    """``spaces.GPU(duration=...)(fn)`` where ``spaces`` is installed, else ``fn`` itself.
    Works for generator handlers too (spaces wraps generators as generators)."""
    if not spaces_installed():
        return fn
    import spaces

    return spaces.GPU(duration=duration)(fn)
