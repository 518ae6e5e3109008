"""The forward (noising) process q(x_t | x_0), on diffusers' own schedules.

Closed form (Ho et al. 2020, eq. 4): x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, ε ~ N(0, I), with
ᾱ_t = Π_{s≤t} (1 − β_s). The iterative process it summarises: x_s = √(1−β_s) x_{s−1} + √β_s ε_s.
Time steps are 0-based as in diffusers: t = 0 is the first noising step, t = T−1 the last.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import torch

# Display name -> diffusers' beta_schedule.
SCHEDULES = {
    "linear": "linear",
    "cosine": "squaredcos_cap_v2",
    "scaled linear": "scaled_linear",
    "sigmoid": "sigmoid",
}


def schedule_name(name: str) -> str:
    if name not in SCHEDULES:
        raise ValueError(f"schedule must be one of {', '.join(SCHEDULES)}, not {name!r}")
    return SCHEDULES[name]


@functools.lru_cache(maxsize=64)
def noise_scheduler(name: str, T: int):
    """diffusers' DDPMScheduler for the schedule: its ``betas``/``alphas_cumprod`` and ``add_noise``.

    diffusers' linear schedules run from β = 1e-4 to 0.02 at T = 1000; at other T the same end
    points are kept (as diffusers does), so a short T destroys the image less completely.
    Cached (the slider asks for the same few schedules again and again): treat it as read-only.
    """
    from diffusers import DDPMScheduler

    return DDPMScheduler(num_train_timesteps=int(T), beta_schedule=schedule_name(name))


def alphas_cumprod(name: str, T: int) -> torch.Tensor:
    """(T,) ᾱ_t for t = 0..T−1."""
    return noise_scheduler(name, T).alphas_cumprod.clone()


def log_snr(alpha_bar: torch.Tensor) -> torch.Tensor:
    """log SNR(t) = log(ᾱ_t / (1 − ᾱ_t)): signal-to-noise ratio of x_t, in nats."""
    a = alpha_bar.double()
    return (a.log() - (1 - a).log()).float()


def q_sample(x0: torch.Tensor, t: int, alpha_bar: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    """The closed form: x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε. x0, noise: same shape; t: 0..T−1."""
    a = alpha_bar[t]
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


def iterate_forward(x0: torch.Tensor, t: int, betas: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """The one-step process applied t+1 times (steps 0..t): x_s = √(1−β_s) x_{s−1} + √β_s ε_s."""
    x = x0.clone()
    for s in range(t + 1):
        b = betas[s]
        x = (1 - b).sqrt() * x + b.sqrt() * torch.randn(x.shape, generator=generator)
    return x


@dataclass(frozen=True)
class ClosedFormCheck:
    """Per-pixel statistics of x_t over ``n`` noise draws, closed form vs. iterated, and the
    largest gap between the empirical and the exact moments (mean √ᾱ_t x_0, variance 1 − ᾱ_t)."""

    t: int
    n: int
    exact_mean_scale: float  # √ᾱ_t
    exact_var: float  # 1 − ᾱ_t
    closed_mean_err: float  # max over pixels |mean − √ᾱ_t x_0|
    iter_mean_err: float
    closed_var: float  # variance averaged over pixels
    iter_var: float
    tolerance_mean: float  # 5 standard errors of a mean of n draws

    @property
    def agrees(self) -> bool:
        var_tol = 4 * self.exact_var * np.sqrt(2 / self.n)
        return (
            self.closed_mean_err < self.tolerance_mean
            and self.iter_mean_err < self.tolerance_mean
            and abs(self.closed_var - self.exact_var) < var_tol
            and abs(self.iter_var - self.exact_var) < var_tol
        )


def check_closed_form(x0: torch.Tensor, t: int, name: str, T: int, n: int = 256, seed: int = 0) -> ClosedFormCheck:
    """Draw x_t ``n`` times both ways from one image x0 (H, W) and compare the moments.

    The max-over-pixels mean error of n draws has standard error √((1−ᾱ)/n) per pixel; the
    tolerance is 5 of them, so the maximum over a few thousand pixels stays inside by chance too.
    """
    sched = noise_scheduler(name, T)
    gen = torch.Generator().manual_seed(seed)
    x0 = x0.float()
    batch = x0.expand(n, *x0.shape)
    closed = q_sample(batch, t, sched.alphas_cumprod, torch.randn(batch.shape, generator=gen))
    iterated = iterate_forward(batch, t, sched.betas, gen)
    a = float(sched.alphas_cumprod[t])
    mean_exact = np.sqrt(a) * x0
    return ClosedFormCheck(
        t=t,
        n=n,
        exact_mean_scale=float(np.sqrt(a)),
        exact_var=1 - a,
        closed_mean_err=float((closed.mean(0) - mean_exact).abs().max()),
        iter_mean_err=float((iterated.mean(0) - mean_exact).abs().max()),
        closed_var=float(closed.var(0).mean()),
        iter_var=float(iterated.var(0).mean()),
        tolerance_mean=float(5 * np.sqrt((1 - a) / n)) + 1e-6,
    )
