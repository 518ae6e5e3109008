"""Fast samplers: diffusers' schedulers as they are, on the shipped model, at a budget of network
evaluations (NFE), plus the distilled student (``models.consistency``).

One evaluation is one call of the network on the batched conditional/unconditional pair (a guided
step); the student folds guidance in, so its evaluation is a plain call — half the work. A
scheduler's evaluations are the length of its ``timesteps`` after ``set_timesteps(steps)``: one per
step, except Heun's (2 per step but the last: 2·steps − 1).
"""

from __future__ import annotations

import torch

NFE_POINTS = (1, 2, 4, 8, 16, 32, 50, 100)
FAST_SAMPLERS = ("DDPM", "DDIM", "DPM-Solver++ 1", "DPM-Solver++ 2", "DPM-Solver++ 3", "UniPC",
                 "Euler (Karras)", "Heun (Karras)")  # fmt: skip
STUDENT = "LCM student"
STUDENT_NFE = (1, 2, 4, 8)


def make_fast_scheduler(name: str, train_config: dict):
    """A fresh scheduler of ``FAST_SAMPLERS`` for the schedule the model was trained with.
    "trailing" spacing where a scheduler has it (few-step runs then start at t = T−1)."""
    from diffusers import (
        DPMSolverMultistepScheduler,
        EulerDiscreteScheduler,
        HeunDiscreteScheduler,
        UniPCMultistepScheduler,
    )

    from models.samplers import make_scheduler

    if name in ("DDPM", "DDIM"):
        return make_scheduler(name, train_config)
    if name.startswith("DPM-Solver++ "):
        order = int(name.rsplit(" ", 1)[1])
        return DPMSolverMultistepScheduler(**train_config, algorithm_type="dpmsolver++", solver_order=order,
                                           timestep_spacing="trailing")  # fmt: skip
    if name == "UniPC":
        return UniPCMultistepScheduler(**train_config, timestep_spacing="trailing")
    if name == "Euler (Karras)":
        return EulerDiscreteScheduler(**train_config, use_karras_sigmas=True, timestep_spacing="trailing")
    if name == "Heun (Karras)":
        return HeunDiscreteScheduler(**train_config, use_karras_sigmas=True, timestep_spacing="trailing")
    raise ValueError(f"sampler must be one of {', '.join(FAST_SAMPLERS)}, not {name!r}")


def evaluations(scheduler, steps: int) -> int:
    """Network evaluations of a ``steps``-step run of ``scheduler``."""
    scheduler.set_timesteps(steps)
    return len(scheduler.timesteps)


def steps_for(name: str, nfe: int) -> int:
    """The most steps of sampler ``name`` whose evaluations fit in ``nfe``."""
    return (nfe + 1) // 2 if name == "Heun (Karras)" else nfe


def fast_samples(model, name: str, labels: torch.Tensor, nfe: int, seed: int, scale: float = 2.0,
                 batch: int = 100) -> torch.Tensor:  # fmt: skip
    """Digits (N, 1, 28, 28) in [0, 1] from sampler ``name`` at ``nfe`` evaluations, from the noise
    of ``seed`` (the same x_T for every sampler, and for the student)."""
    if name == STUDENT:
        from models.consistency import student_samples

        return student_samples(model, labels, nfe, seed, batch)
    from models.generators import diffusion_samples

    return diffusion_samples(model, labels, scale, name, steps_for(name, nfe), seed, batch,
                             make=lambda: make_fast_scheduler(name, model.scheduler_config()))  # fmt: skip
