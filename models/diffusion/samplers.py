"""Reverse-process samplers: diffusers' schedulers as they are, driven by one progressive loop.

The loop does not own a network (openai/improved-diffusion's ``p_sample_loop_progressive``): it
takes any ``model_fn(x_t, t)`` returning the network's prediction in the scheduler's
``prediction_type`` (ε̂ or v̂) and a fresh scheduler, and yields one ``StepRecord`` per step (x_t
before the step, the predicted x̂₀, the predicted noise ε̂, and x_{t-1}). ``sample`` just runs it
to the end. Classifier-free guidance is a ``model_fn`` made by ``guided_model_fn``: the conditional
and unconditional predictions come from one batched forward pass. Guidance combines ε̂ or v̂ alike:
both are affine in each other for a fixed x_t, so ε̂ = ε̂_u + w (ε̂_c − ε̂_u) holds for the derived ε̂ too.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import TypeVar

import torch

from models.core.compute import autocast, fit_threads

SAMPLERS = ("DDPM", "DDIM", "DPM-Solver++")
T = TypeVar("T")
R = TypeVar("R")


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


ModelFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def predict_x0(x_t: torch.Tensor, eps: torch.Tensor, alpha_bar_t: torch.Tensor) -> torch.Tensor:
    """x̂₀ = (x_t − √(1−ᾱ_t) ε̂) / √ᾱ_t, the clean image the noise prediction implies."""
    return (x_t - (1 - alpha_bar_t).sqrt() * eps) / alpha_bar_t.sqrt()


def split_prediction(
    output: torch.Tensor, x_t: torch.Tensor, alpha_bar_t: torch.Tensor, prediction_type: str
) -> tuple[torch.Tensor, torch.Tensor]:
    """The network's output -> (x̂₀, ε̂), whatever it predicts.

    epsilon: ε̂ = output, x̂₀ from ``predict_x0``; v_prediction (v = √ᾱ ε − √(1−ᾱ) x₀):
    x̂₀ = √ᾱ x_t − √(1−ᾱ) v̂ and ε̂ = √(1−ᾱ) x_t + √ᾱ v̂; sample: x̂₀ = output.
    """
    a, s = alpha_bar_t.sqrt(), (1 - alpha_bar_t).sqrt()
    if prediction_type == "epsilon":
        return predict_x0(x_t, output, alpha_bar_t), output
    if prediction_type == "v_prediction":
        return a * x_t - s * output, s * x_t + a * output
    if prediction_type == "sample":
        return output, (x_t - a * output) / s
    raise ValueError(f"unknown prediction_type {prediction_type!r}")


def strength_start(scheduler, steps: int, strength: float) -> int:
    """The first of ``steps`` steps an img2img run (SDEdit, Meng et al. 2022) takes at ``strength``
    s in [0, 1], as diffusers' img2img pipeline computes it (``get_timesteps``): int(steps·s) steps
    are run, so s = 1 starts at x_T (pure noise) and s = 0 returns the input unchanged. The
    scheduler's timesteps must be set. -> the index into ``scheduler.timesteps``."""
    run = min(int(steps * strength), steps)
    return max(steps - run, 0) * scheduler.order


def sample_progressive(
    model_fn: ModelFn,
    scheduler,
    noise: torch.Tensor,
    steps: int,
    eta: float = 0.0,
    generator: torch.Generator | None = None,
    record: bool = True,
    start: torch.Tensor | None = None,
    strength: float = 1.0,
    keep: torch.Tensor | None = None,
) -> Iterator[StepRecord]:
    """Run the reverse process from x_T = ``noise`` (B, C, H, W), yielding a record after each step.

    eta: DDIM's η (0 = deterministic DDIM, 1 = DDPM-like noise); ignored by the other samplers.
    generator: the noise added by stochastic steps (DDPM, DDIM with η > 0), on noise's device.
    record: False yields records that hold only x_prev (no copies: the plain loop, for benchmarks).
    start: an image x_0 (B, C, H, W) to begin from instead of noise (img2img): it is noised with
        ``noise`` to the timestep ``strength`` implies (``strength_start``) and the remaining steps run.
    keep: with ``start``, a mask (B or 1, 1, H, W), 1 where ``start`` is kept (inpainting by
        blending, as diffusers' inpaint pipeline does with a plain UNet): after every step the kept
        region is replaced by ``start`` noised to the step's new timestep, so only the rest is generated.
    """
    import inspect

    from diffusers import DDIMScheduler

    scheduler.set_timesteps(steps, device=noise.device)
    if record and scheduler.timesteps.is_floating_point():
        # Euler/Heun step in σ-space (x/√ᾱ), on fractional t: x̂₀ and ε̂ are not split as below.
        raise ValueError(f"record=True needs a scheduler on integer timesteps, not {type(scheduler).__name__}")
    alphas_cumprod = scheduler.alphas_cumprod.to(noise.device)
    timesteps = scheduler.timesteps
    x = noise * scheduler.init_noise_sigma
    if start is not None:
        first = strength_start(scheduler, steps, strength)
        timesteps = timesteps[first:]
        if hasattr(scheduler, "set_begin_index"):
            scheduler.set_begin_index(first)
        x = scheduler.add_noise(start, noise, timesteps[:1]) if len(timesteps) else start
    kwargs = {"generator": generator} if "generator" in inspect.signature(scheduler.step).parameters else {}
    if isinstance(scheduler, DDIMScheduler):
        kwargs["eta"] = eta
    n = len(timesteps)
    prediction_type = scheduler.config.prediction_type
    for i, t in enumerate(timesteps):
        fit_threads()  # this request's share of the cores may have changed since the last step
        # Inference mode per step, not around the yield: the consumer's code must not run inside it.
        with torch.inference_mode():
            model_in = scheduler.scale_model_input(x, t)
            output = model_fn(model_in, t)
            out = scheduler.step(output, t, x, **kwargs)
            x_prev = out.prev_sample
            if keep is not None:
                known = start if i + 1 == n else scheduler.add_noise(start, noise, timesteps[i + 1 : i + 2])
                x_prev = keep * known + (1 - keep) * x_prev
            if record:
                x0, eps = split_prediction(output, x, alphas_cumprod[t], prediction_type)
                # DDPM/DDIM return the x̂₀ they used (clipped when clip_sample is on); DPM-Solver++ does not.
                if getattr(out, "pred_original_sample", None) is not None:
                    x0 = out.pred_original_sample
                rec = StepRecord(i, n, int(t), *[v.float().cpu() for v in (x, x0, eps, x_prev)])
            else:
                rec = StepRecord(i, n, int(t), None, None, None, x_prev)
        yield rec
        x = x_prev


def drain(run: Generator[object, None, T]) -> T:
    """Run a progressive generator (a sampler that yields a record per step and returns its
    result) to its end -> its return value: the plain function of a progressive one."""
    while True:
        try:
            next(run)
        except StopIteration as end:
            return end.value


def keeping(run: Generator[R, None, T], into: list) -> Generator[R, None, T]:
    """A progressive run passed through step by step, each record also kept in ``into``; returns the run's result
    (for a caller that streams the steps and needs them all at the end: a replay, aggregated attention maps)."""
    while True:
        try:
            record = next(run)
        except StopIteration as end:
            return end.value
        into.append(record)
        yield record


def sample(
    model_fn: ModelFn, scheduler, noise: torch.Tensor, steps: int, eta: float = 0.0, generator=None
) -> torch.Tensor:
    """The final x_0 of ``sample_progressive`` (no per-step copies)."""
    x = noise
    for rec in sample_progressive(model_fn, scheduler, noise, steps, eta, generator, record=False):
        x = rec.x_prev
    return x


def _per_sample(scale: float | torch.Tensor, like: torch.Tensor) -> float | torch.Tensor:
    """A scalar stays a scalar; a (B,) tensor of scales becomes (B, 1, 1, 1) to broadcast over images."""
    if isinstance(scale, torch.Tensor):
        return scale.to(like.device, like.dtype).view(-1, *([1] * (like.ndim - 1)))
    return scale


def guidance_combine(eps_uncond: torch.Tensor, eps_cond: torch.Tensor, scale: float | torch.Tensor) -> torch.Tensor:
    """ε̂ = ε_u + w (ε_c − ε_u): w = 0 is unconditional, w = 1 conditional, w > 1 extrapolates.

    scale: one w, or (B,) one per sample (a guidance grid runs all its columns in one batch).
    """
    return eps_uncond + _per_sample(scale, eps_uncond) * (eps_cond - eps_uncond)


def rescale_guided(guided: torch.Tensor, cond: torch.Tensor, phi: float) -> torch.Tensor:
    """CFG-rescale (Lin et al. 2024, sec. 3.4; diffusers' ``rescale_noise_cfg``): scale the guided
    prediction back to the conditional one's per-sample std, mixed in by φ. Large w inflates that
    std, which is what over-saturates the images; φ = 0 changes nothing."""
    if phi == 0:
        return guided
    dims = list(range(1, guided.ndim))
    rescaled = guided * (cond.std(dim=dims, keepdim=True) / guided.std(dim=dims, keepdim=True))
    return phi * rescaled + (1 - phi) * guided


def guided_model_fn(
    model,
    labels: torch.Tensor,
    scale: float | torch.Tensor,
    rescale: float = 0.0,
    batched: bool = True,
    negative: torch.Tensor | None = None,
) -> ModelFn:
    """The guided prediction (ε̂ or v̂, as the model predicts) of x_t at t, classifier-free guidance at
    ``scale``: one forward pass on 2B images, the first half with the labels, the second with the
    null class — or with ``negative`` (B,), a class to guide away from: ε̂ = ε_neg + w (ε_c − ε_neg),
    Stable Diffusion's negative prompt, which is plain CFG when ``negative`` is the null class.

    model: a ``DigitDiffusion`` (``model(x, t, labels)`` and ``model.null_class``).
    scale: one w, or (B,) one per sample. rescale: CFG-rescale φ (0 = off).
    Precision: ``models.core.compute.autocast`` (bf16 only where the machine runs it natively and faster).
    batched: False runs the two halves as two forward passes (only to measure what batching saves).
    """
    device = next(model.parameters()).device
    labels = labels.to(device)
    null = torch.full_like(labels, model.null_class) if negative is None else negative.to(device)
    both = torch.cat([labels, null])

    @torch.inference_mode()
    def model_fn(x_t: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        with autocast(device):
            if batched:
                cond, uncond = model(torch.cat([x_t, x_t]), t, both).float().chunk(2)
            else:
                cond, uncond = model(x_t, t, labels).float(), model(x_t, t, null).float()
        return rescale_guided(guidance_combine(uncond, cond, scale), cond, rescale)

    return model_fn


def guided_samples(
    model,
    labels: torch.Tensor,
    scale: float,
    sampler: str,
    steps: int,
    seed: int,
    batch: int = 100,
    clip_sample: bool = False,
    make=None,
) -> torch.Tensor:
    """Guided samples for ``labels`` (N,) in the model's space (N, C, S, S), float32 on the CPU; x_T
    from ``seed`` (drawn on the CPU, so the same on every device), ``batch`` samples per run.
    make: () -> a fresh scheduler, instead of ``make_scheduler(sampler, ...)`` (the fast samplers)."""
    device = next(model.parameters()).device
    size = model.cfg.sample_size
    noise = torch.randn(len(labels), model.cfg.channels, size, size, generator=torch.Generator().manual_seed(seed))
    gen = torch.Generator().manual_seed(seed + 1)  # the noise stochastic samplers add
    out = []
    for i in range(0, len(labels), batch):
        eps_fn = guided_model_fn(model, labels[i : i + batch], scale)
        scheduler = make() if make else make_scheduler(sampler, model.scheduler_config(), clip_sample=clip_sample)
        out.append(sample(eps_fn, scheduler, noise[i : i + batch].to(device), steps, generator=gen).float().cpu())
    return torch.cat(out)


def diffusion_samples(
    model,
    labels: torch.Tensor,
    scale: float,
    sampler: str,
    steps: int,
    seed: int,
    batch: int = 100,
    clip_sample: bool = False,
    make=None,
) -> torch.Tensor:
    """The pixel model's ``guided_samples`` as digits: (N, 1, 28, 28) in [0, 1]."""
    from models.diffusion.model import to_digit_space

    return to_digit_space(guided_samples(model, labels, scale, sampler, steps, seed, batch, clip_sample, make))
