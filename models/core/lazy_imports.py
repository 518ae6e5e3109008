"""diffusers resolves its classes lazily, and two threads doing that at once can see a module
half-imported (an ImportError seen at start). Whatever serves requests (``app.py``, a tab run alone)
resolves the ones the models use before any other thread runs (the precision probe at start; two
first requests at once)."""

from __future__ import annotations

DIFFUSERS_CLASSES = (
    "DDPMScheduler",
    "DDIMScheduler",
    "DPMSolverMultistepScheduler",
    "UNet2DConditionModel",
    "ControlNetModel",
)


def resolve_diffusers() -> None:
    """Import each of ``DIFFUSERS_CLASSES`` now, on the calling thread."""
    import diffusers

    for name in DIFFUSERS_CLASSES:
        getattr(diffusers, name)
