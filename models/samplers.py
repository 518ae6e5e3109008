"""Reverse-process samplers: diffusers' schedulers as they are, driven by one progressive loop.

The loop does not own a network (openai/improved-diffusion's ``p_sample_loop_progressive``): it
takes any ``eps_fn(x_t, t) -> ε̂`` and a fresh scheduler, and yields one ``StepRecord`` per step
(x_t before the step, the predicted x̂₀, the predicted noise ε̂, and x_{t-1}). ``sample`` just
runs it to the end. Classifier-free guidance is an ``eps_fn`` made by ``guided_eps_fn``: the
conditional and unconditional predictions come from one batched forward pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import torch

SAMPLERS = ("DDPM", "DDIM", "DPM-Solver++")


def make_scheduler(name: str, train_config: dict, clip_sample: bool = False):
    """A fresh diffusers scheduler for one request (they keep per-run state, so never share one).

    train_config: the schedule the model was trained with (``DigitDiffusion.scheduler_config()``).
    clip_sample: clamp x̂₀ to [-1, 1] inside each step. diffusers' DDPM/DDIM default is True; with
    the cosine schedule that clamp breaks classifier-free guidance at w > 1 (the guided x̂₀
    overshoots early, is clamped, and the sample drifts off the class), so the default here is off.
    DPM-Solver++ has no clamp; its equivalent is (static) thresholding at 1.
    """
    from diffusers import DDIMScheduler, DDPMScheduler, DPMSolverMultistepScheduler

    if name == "DDPM":
        return DDPMScheduler(**train_config, clip_sample=clip_sample, timestep_spacing="trailing")
    if name == "DDIM":
        # "trailing" spacing starts at t = T-1, so few-step runs start from pure noise (Lin et al. 2024).
        return DDIMScheduler(**train_config, clip_sample=clip_sample, timestep_spacing="trailing")
    if name == "DPM-Solver++":
        return DPMSolverMultistepScheduler(
            **train_config,
            algorithm_type="dpmsolver++",
            timestep_spacing="trailing",
            thresholding=clip_sample,
            dynamic_thresholding_ratio=1.0,
            sample_max_value=1.0,
        )
    raise ValueError(f"sampler must be one of {', '.join(SAMPLERS)}, not {name!r}")


@dataclass
class StepRecord:
    """One reverse step. Tensors (B, C, H, W) on the CPU, float32.

    index: 0-based step number of ``steps``; t: the diffusion time step of x_t (T-1 … 0);
    x_t: the sample entering the step; x0_hat: the predicted clean image; eps_hat: the predicted
    noise (guided); x_prev: the sample after the step (x_{t-1}; the final image after the last step).
    """

    index: int
    steps: int
    t: int
    x_t: torch.Tensor
    x0_hat: torch.Tensor
    eps_hat: torch.Tensor
    x_prev: torch.Tensor


EpsFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def predict_x0(x_t: torch.Tensor, eps: torch.Tensor, alpha_bar_t: torch.Tensor) -> torch.Tensor:
    """x̂₀ = (x_t − √(1−ᾱ_t) ε̂) / √ᾱ_t, the clean image the noise prediction implies."""
    return (x_t - (1 - alpha_bar_t).sqrt() * eps) / alpha_bar_t.sqrt()


def sample_progressive(
    eps_fn: EpsFn,
    scheduler,
    noise: torch.Tensor,
    steps: int,
    eta: float = 0.0,
    generator: torch.Generator | None = None,
    record: bool = True,
) -> Iterator[StepRecord]:
    """Run the reverse process from x_T = ``noise`` (B, C, H, W), yielding a record after each step.

    eta: DDIM's η (0 = deterministic DDIM, 1 = DDPM-like noise); ignored by the other samplers.
    generator: the noise added by stochastic steps (DDPM, DDIM with η > 0), on noise's device.
    record: False yields records that hold only x_prev (no copies: the plain loop, for benchmarks).
    """
    from diffusers import DDIMScheduler

    scheduler.set_timesteps(steps, device=noise.device)
    alphas_cumprod = scheduler.alphas_cumprod.to(noise.device)
    x = noise * scheduler.init_noise_sigma
    kwargs = {"generator": generator}
    if isinstance(scheduler, DDIMScheduler):
        kwargs["eta"] = eta
    n = len(scheduler.timesteps)
    for i, t in enumerate(scheduler.timesteps):
        model_in = scheduler.scale_model_input(x, t)
        eps = eps_fn(model_in, t)
        out = scheduler.step(eps, t, x, **kwargs)
        if record:
            x0 = getattr(out, "pred_original_sample", None)
            if x0 is None:  # DPM-Solver++ does not return it: the same formula, unclamped
                x0 = predict_x0(x, eps, alphas_cumprod[t])
            cpu = [v.float().cpu() for v in (x, x0, eps, out.prev_sample)]
            yield StepRecord(i, n, int(t), *cpu)
        else:
            yield StepRecord(i, n, int(t), None, None, None, out.prev_sample)
        x = out.prev_sample


def sample(eps_fn: EpsFn, scheduler, noise: torch.Tensor, steps: int, eta: float = 0.0, generator=None) -> torch.Tensor:
    """The final x_0 of ``sample_progressive`` (no per-step copies)."""
    x = noise
    for rec in sample_progressive(eps_fn, scheduler, noise, steps, eta, generator, record=False):
        x = rec.x_prev
    return x


def guidance_combine(eps_uncond: torch.Tensor, eps_cond: torch.Tensor, scale: float) -> torch.Tensor:
    """ε̂ = ε_u + w (ε_c − ε_u): w = 0 is unconditional, w = 1 conditional, w > 1 extrapolates."""
    return eps_uncond + scale * (eps_cond - eps_uncond)


def guided_eps_fn(model, labels: torch.Tensor, scale: float, autocast: bool = True) -> EpsFn:
    """ε̂(x_t, t) with classifier-free guidance at ``scale``: one forward pass on 2B images, the
    first half with the labels, the second with the null class.

    model: a ``DigitDiffusion`` (``model(x, t, labels)`` and ``model.null_class``).
    autocast: bf16 on the CPU's / GPU's matrix units (about 1.6x faster here; the loss of precision
    is far below the noise the sampler adds).
    """
    device = next(model.parameters()).device
    labels = labels.to(device)
    both = torch.cat([labels, torch.full_like(labels, model.null_class)])

    @torch.inference_mode()
    def eps_fn(x_t: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
            eps = model(torch.cat([x_t, x_t]), t, both).float()
        eps_cond, eps_uncond = eps.chunk(2)
        return guidance_combine(eps_uncond, eps_cond, scale)

    return eps_fn
