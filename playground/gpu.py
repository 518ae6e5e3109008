"""The wrapper of every handler that runs a model.

It takes its share of the CPU cores while it runs (``models.core.compute.sharing_cores``: with n such
requests at once, each gets cores // n torch threads, refitted at every streamed step), and on
Hugging Face ZeroGPU it is wrapped in ``spaces.GPU`` (when the ``spaces`` package is installed, as
it is on a Space), so a ZeroGPU Space attaches a GPU for each call."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from models.core.compute import sharing_cores

# Seconds a call may hold a ZeroGPU device. The longest requests: a 20,000-step GAN run, DDPM-1000
# against DDIM-50, a 240-image guidance grid.
DEFAULT_DURATION = 60
LONG_DURATION = 120


def spaces_installed() -> bool:
    return importlib.util.find_spec("spaces") is not None


def gpu_task(fn: Callable, duration: int = DEFAULT_DURATION) -> Callable:
    """``fn`` sharing the cores, inside ``spaces.GPU(duration=...)`` where ``spaces`` is installed.
    Works for generator handlers too (spaces wraps generators as generators)."""
    fn = sharing_cores(fn)
    if not spaces_installed():
        return fn
    import spaces

    return spaces.GPU(duration=duration)(fn)
