"""A few-step student of the digits diffusion model: latent-consistency distillation (Song et al.
2023 "Consistency Models"; Luo et al. 2023 "LCM"), sampled with diffusers' ``LCMScheduler``.

The student f_θ(x_t, t, y) = c_skip(t) x_t + c_out(t) x̂₀,θ(x_t, t, y) maps any point of a
probability-flow trajectory straight to its end x₀; c_skip(0) = 1, c_out(0) = 0 make f(x, 0) = x
(the boundary condition), with ``LCMScheduler``'s scalings (σ_data = 0.5, t scaled by 10).
Training pulls f_θ(x_{t_{n+k}}) towards f_θ⁻(x̂_{t_n}), where x̂_{t_n} is one DDIM step of the
*guided* teacher from x_{t_{n+k}} (k = 20 of 1000: the 50-point grid ``LCMScheduler`` samples on)
and θ⁻ an EMA of θ. Guidance is folded in at the teacher's recommended w = 2, so a student step is
one plain forward pass — half the work of a guided teacher step.

Why consistency distillation and not progressive distillation (Salimans & Ho 2022): progressive
halves the steps per round, so 1000 -> 2 steps is ~9 rounds of training, each a full run; one
consistency run gives 1, 2 and 4 steps at once, and diffusers samples it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from models.diffusion.model import DiffusionConfig, DigitDiffusion

SIGMA_DATA = 0.5
TIMESTEP_SCALING = 10.0  # LCMScheduler's default
STUDENT_STEPS = (1, 2, 4)


@dataclass(frozen=True)
class StudentConfig(DiffusionConfig):
    teacher: str = "diffusion"  # the registry name of the model distilled (and initialised from)
    guidance: float = 2.0  # folded in: the teacher's recommended w
    ddim_timesteps: int = 50  # the solver's grid: skip k = 1000 / 50 = 20 (LCM's default)
    target_ema: float = 0.95  # θ⁻ (LCM's ema_decay)
    huber_c: float = 0.001  # pseudo-Huber loss √(d² + c²) − c (LCM's default)
    steps: int = 2000
    batch: int = 32
    lr: float = 5e-5
    warmup: int = 100


class ConsistencyStudent(DigitDiffusion):
    """The teacher's UNet, trained to be a consistency function; its output is v̂ (as the teacher's),
    which ``LCMScheduler`` turns into x̂₀ and then f = c_skip x_t + c_out x̂₀."""

    def make_scheduler(self):
        """The scheduler it samples with, on the grid it was trained on."""
        from diffusers import LCMScheduler

        return LCMScheduler(
            **self.scheduler_config(),
            original_inference_steps=self.cfg.ddim_timesteps,
            timestep_scaling=TIMESTEP_SCALING,
        )


def boundary_scalings(t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(c_skip(t), c_out(t)) for integer timesteps t (B,): LCMScheduler's
    ``get_scalings_for_boundary_condition_discrete``, here batched."""
    s = TIMESTEP_SCALING * t.float()
    return SIGMA_DATA**2 / (s**2 + SIGMA_DATA**2), s / (s**2 + SIGMA_DATA**2).sqrt()


def solver_grid(num_train_timesteps: int, points: int) -> torch.Tensor:
    """The DDIM solver's timesteps, (points,) ascending: k-1, 2k-1, ..., T-1 with k = T / points —
    the grid ``LCMScheduler.set_timesteps(original_inference_steps=points)`` chooses from."""
    k = num_train_timesteps // points
    return torch.arange(1, points + 1) * k - 1


def student_samples(
    student: ConsistencyStudent, labels: torch.Tensor, steps: int, seed: int, batch: int = 100
) -> torch.Tensor:
    """``steps`` LCM steps from x_T drawn from ``seed`` (as the teacher's samples are, so the same
    seed starts from the same noise) -> digits (N, 1, 28, 28) in [0, 1]."""
    from models.core.compute import autocast
    from models.diffusion.model import to_digit_space
    from models.diffusion.samplers import sample

    device = next(student.parameters()).device
    size = student.cfg.sample_size
    noise = torch.randn(len(labels), 1, size, size, generator=torch.Generator().manual_seed(seed))
    gen = torch.Generator().manual_seed(seed + 1)  # LCM re-noises between steps
    out = []
    for i in range(0, len(labels), batch):
        y = labels[i : i + batch].to(device)

        def model_fn(x_t, t, y=y):
            with autocast(device):
                return student(x_t, t, y).float()

        x0 = sample(model_fn, student.make_scheduler(), noise[i : i + batch].to(device), steps, generator=gen)
        out.append(to_digit_space(x0.float().cpu()))
    return torch.cat(out)
