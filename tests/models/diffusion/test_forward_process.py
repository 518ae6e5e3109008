"""The forward process: diffusers' schedules against the papers' formulas, and the closed form
q(x_t | x_0) against running the one-step process, statistically."""

import math

import numpy as np
import pytest
import torch

from models.diffusion.forward_process import (
    SCHEDULES,
    alphas_cumprod,
    check_closed_form,
    iterate_forward,
    log_snr,
    noise_scheduler,
    q_sample,
)


def test_linear_schedule_is_ddpm_papers():
    # Ho et al. 2020: β linear from 1e-4 to 0.02 over T = 1000, ᾱ_t = Π (1 − β_s).
    betas = np.linspace(1e-4, 0.02, 1000)
    np.testing.assert_allclose(alphas_cumprod("linear", 1000).numpy(), np.cumprod(1 - betas), rtol=1e-5)


def test_cosine_schedule_is_improved_ddpm_papers():
    # Nichol & Dhariwal 2021: ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2), s = 0.008,
    # with β_t = 1 − ᾱ(t+1)/ᾱ(t) clipped at 0.999.
    T, s = 1000, 0.008
    f = lambda t: math.cos((t / T + s) / (1 + s) * math.pi / 2) ** 2  # noqa: E731
    betas = np.array([min(1 - f(t + 1) / f(t), 0.999) for t in range(T)])
    np.testing.assert_allclose(alphas_cumprod("cosine", T).numpy(), np.cumprod(1 - betas), rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_schedules_decay_from_signal_to_noise(name):
    a = alphas_cumprod(name, 1000)
    assert a[0] > 0.99 and a[-1] < 0.01 and bool((a[1:] <= a[:-1]).all())
    snr = log_snr(a)
    assert bool((snr[1:] < snr[:-1]).all())


def test_closed_form_is_diffusers_add_noise():
    sched = noise_scheduler("cosine", 1000)
    x0, noise = torch.rand(4, 1, 8, 8) * 2 - 1, torch.randn(4, 1, 8, 8)
    for t in (0, 10, 500, 999):
        expected = sched.add_noise(x0, noise, torch.full((4,), t))
        torch.testing.assert_close(q_sample(x0, t, sched.alphas_cumprod, noise), expected)


@pytest.mark.parametrize("name,t", [("linear", 0), ("linear", 99), ("cosine", 40), ("cosine", 199), ("sigmoid", 120)])
def test_iterated_process_has_the_closed_forms_moments(name, t):
    # 20,000 draws of a 4-pixel image: mean √ᾱ_t x_0 and variance 1 − ᾱ_t, within 5 standard errors.
    x0 = torch.tensor([[-1.0, -0.2], [0.4, 1.0]])
    sched = noise_scheduler(name, 200)
    n = 20_000
    xs = iterate_forward(x0.expand(n, 2, 2), t, sched.betas, torch.Generator().manual_seed(0))
    a = float(sched.alphas_cumprod[t])
    se = math.sqrt((1 - a) / n)
    assert float((xs.mean(0) - math.sqrt(a) * x0).abs().max()) < 5 * se
    assert abs(float(xs.var(0).mean()) - (1 - a)) < 5 * (1 - a) * math.sqrt(2 / n)


def test_iterating_one_step_too_few_is_caught():
    # The check can fail: stopping one step early leaves visibly more signal at small T.
    x0 = torch.ones(2, 2)
    betas = torch.full((10,), 0.3)  # large steps so one step matters
    alpha_bar = torch.cumprod(1 - betas, 0)
    xs = iterate_forward(x0.expand(20_000, 2, 2), 3, betas, torch.Generator().manual_seed(0))
    assert abs(float(xs.mean()) - math.sqrt(float(alpha_bar[3]))) < 0.02
    assert abs(float(xs.mean()) - math.sqrt(float(alpha_bar[2]))) > 0.1


def test_check_closed_form_reports_agreement_on_an_image():
    x0 = torch.linspace(-1, 1, 64).view(8, 8)
    for t in (5, 300, 999):
        c = check_closed_form(x0, t, "cosine", 1000, n=256, seed=1)
        assert c.agrees, c
        assert abs(c.exact_var - (1 - float(alphas_cumprod("cosine", 1000)[t]))) < 1e-6
