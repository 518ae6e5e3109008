"""Fast samplers: diffusers' schedulers as they are, on the shipped model, at a budget of network
evaluations (NFE), plus the distilled student (``models.diffusion.distill.consistency``).

One evaluation is one call of the network on the batched conditional/unconditional pair (a guided
step); the student folds guidance in, so its evaluation is a plain call — half the work. A
scheduler's evaluations are the length of its ``timesteps`` after ``set_timesteps(steps)``: one per
step, except Heun's (2 per step but the last: 2·steps − 1).
"""

from __future__ import annotations

from collections.abc import Generator

import torch

from models.diffusion.samplers import StepRecord

NFE_POINTS = (1, 2, 4, 8, 16, 32, 50, 100)
FAST_SAMPLERS = (
    "DDPM",
    "DDIM",
    "DPM-Solver++ 1",
    "DPM-Solver++ 2",
    "DPM-Solver++ 3",
    "UniPC",
    "Euler (Karras)",
    "Heun (Karras)",
)
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

    from models.diffusion.samplers import make_scheduler

    if name in ("DDPM", "DDIM"):
        return make_scheduler(name, train_config)
    if name.startswith("DPM-Solver++ "):
        order = int(name.rsplit(" ", 1)[1])
        return DPMSolverMultistepScheduler(
            **train_config, algorithm_type="dpmsolver++", solver_order=order, timestep_spacing="trailing"
        )
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


def _scheduler(model, name: str):
    """A fresh scheduler for sampler ``name`` (the student's own ``LCMScheduler``)."""
    return model.make_scheduler() if name == STUDENT else make_fast_scheduler(name, model.scheduler_config())


def fast_steps(model, name: str, nfe: int) -> int:
    """The steps of sampler ``name`` at ``nfe`` evaluations: the records ``fast_samples_progressive``
    yields per batch. One an evaluation, but Heun's: its step (2 evaluations) is one record."""
    steps = nfe if name == STUDENT else steps_for(name, nfe)
    return steps if name == "Heun (Karras)" else evaluations(_scheduler(model, name), steps)


def _student_fn(student, labels: torch.Tensor):
    """The student's prediction (v̂, guidance folded in): one plain call a step."""
    from models.core.compute import autocast

    device = next(student.parameters()).device
    y = labels.to(device)

    def model_fn(x_t, t):
        with autocast(device):
            return student(x_t, t, y).float()

    return model_fn


def _watching(model_fn, scheduler):
    """``model_fn`` that also keeps, in ``seen["x0"]``, the x̂₀ its latest prediction implies (for a
    progress view; the prediction itself is returned as it is). The network's input is x_t at ᾱ_t (the
    variance-preserving point): ᾱ of the integer t, or 1/(1+σ²) on the σ-space schedulers (Euler, Heun),
    whose ``scale_model_input`` divides by √(σ²+1) at their current σ."""
    from models.diffusion.samplers import split_prediction

    seen = {}
    prediction_type = scheduler.config.prediction_type

    def watched(x_in: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        out = model_fn(x_in, t)
        if scheduler.timesteps.is_floating_point():
            sigma = float(scheduler.sigmas[scheduler.step_index])
            alpha_bar = torch.tensor(1 / (1 + sigma**2), device=x_in.device)
        else:
            alpha_bar = scheduler.alphas_cumprod[int(t)].to(x_in.device)
        seen["x0"] = split_prediction(out, x_in.float(), alpha_bar, prediction_type)[0]
        return out

    return watched, seen


def fast_samples_progressive(
    model, name: str, labels: torch.Tensor, nfe: int, seed: int, scale: float = 2.0, batch: int = 100
) -> Generator[StepRecord, None, torch.Tensor]:
    """``fast_samples`` step by step: a ``StepRecord`` per step of each batch in turn (``fast_steps`` a
    batch; Heun's step of 2 evaluations is one), with x0_hat the x̂₀ of the step's (last) prediction and
    x_prev the sample after it, (B, 1, 32, 32) on the model's device (x_prev in σ-space on Euler and Heun
    until the last step); x_t and eps_hat are None. Returns the digits (N, 1, 28, 28) in [0, 1].

    x_T from ``seed`` (drawn on the CPU, so the same on every device and for every sampler, the
    student's too), the noise stochastic steps add from ``seed`` + 1: as ``guided_samples`` and
    ``student_samples`` draw them, so the digits are theirs."""
    from models.diffusion.model import to_digit_space
    from models.diffusion.samplers import guided_model_fn, sample_progressive

    device = next(model.parameters()).device
    size = model.cfg.sample_size
    noise = torch.randn(len(labels), model.cfg.channels, size, size, generator=torch.Generator().manual_seed(seed))
    gen = torch.Generator().manual_seed(seed + 1)
    steps, records = nfe if name == STUDENT else steps_for(name, nfe), fast_steps(model, name, nfe)
    out = []
    for i in range(0, len(labels), batch):
        y = labels[i : i + batch]
        scheduler = _scheduler(model, name)
        model_fn, seen = _watching(
            _student_fn(model, y) if name == STUDENT else guided_model_fn(model, y, scale), scheduler
        )
        k = 0
        for rec in sample_progressive(
            model_fn, scheduler, noise[i : i + batch].to(device), steps, generator=gen, record=False
        ):
            if rec.index + 1 < rec.steps and not getattr(scheduler, "state_in_first_order", True):
                continue  # Heun between its two evaluations of a step
            yield StepRecord(k, records, rec.t, None, seen["x0"], None, rec.x_prev)
            k += 1
        out.append(rec.x_prev.float().cpu())
    return to_digit_space(torch.cat(out))


def fast_samples(
    model, name: str, labels: torch.Tensor, nfe: int, seed: int, scale: float = 2.0, batch: int = 100
) -> torch.Tensor:
    """Digits (N, 1, 28, 28) in [0, 1] from sampler ``name`` at ``nfe`` evaluations, from the noise
    of ``seed`` (the same x_T for every sampler, and for the student): ``fast_samples_progressive`` run
    to its end."""
    from models.diffusion.samplers import drain

    return drain(fast_samples_progressive(model, name, labels, nfe, seed, scale, batch))
