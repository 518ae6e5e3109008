"""Inpainting with a diffusion model that was never trained for it, two ways:

- **RePaint** (Lugmayr et al. 2022) in pixel space with diffusers' ``RePaintScheduler``: at every
  step the known pixels are the original noised to that step, the unknown ones the model's
  denoising; every ``jump_length`` steps the sample is pushed back up (re-noised) and denoised
  again ``jump_n_sample`` times, so the generated part has time to agree with the kept part.
- **Latent blending** (what diffusers' inpaint pipeline does with a plain UNet): the same
  replacement in the latent, once per step, through ``models.diffusion.samplers.sample_progressive(keep=…)``;
  then the decoder, and the kept pixels pasted back (the decoder's round trip is not exact).

Masks here are ``keep`` masks (B or 1, 1, H, W): 1 where the original stays, 0 where new content goes.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import torch

from models.core.compute import fit_threads
from models.diffusion.samplers import ModelFn, StepRecord, drain, split_prediction

MASK_PRESETS = ("top half", "bottom half", "left half", "right half", "centre square")


def preset_fill(name: str, side: int = 32) -> torch.Tensor:
    """A fill mask (1, 1, side, side), 1 where new content goes, by name (``MASK_PRESETS``).
    The digit's 28 x 28 box sits at 2..29 of the 32 x 32 frame; halves split it at the middle."""
    m = torch.zeros(1, 1, side, side)
    h = side // 2
    if name == "top half":
        m[..., :h, :] = 1
    elif name == "bottom half":
        m[..., h:, :] = 1
    elif name == "left half":
        m[..., :, :h] = 1
    elif name == "right half":
        m[..., :, h:] = 1
    elif name == "centre square":
        q = side // 4
        m[..., q : side - q, q : side - q] = 1
    else:
        raise ValueError(f"mask preset must be one of {', '.join(MASK_PRESETS)}, not {name!r}")
    return m


def make_repaint_scheduler(train_config: dict):
    """diffusers' ``RePaintScheduler`` on the model's schedule; η = 0 (diffusers' default), no x̂₀
    clipping (the clamp breaks guidance at w > 1, see ``models.diffusion.samplers.make_scheduler``)."""
    from diffusers import RePaintScheduler

    return RePaintScheduler(
        num_train_timesteps=train_config["num_train_timesteps"],
        beta_schedule=train_config["beta_schedule"],
        clip_sample=False,
    )


def repaint_progressive(
    model_fn: ModelFn,
    scheduler,
    original: torch.Tensor,
    keep: torch.Tensor,
    noise: torch.Tensor,
    steps: int,
    jump_length: int = 5,
    jump_n_sample: int = 2,
    generator: torch.Generator | None = None,
    prediction_type: str = "epsilon",
) -> Iterator[StepRecord]:
    """RePaint from x_T = ``noise`` (B, C, H, W), keeping ``original`` where ``keep`` is 1, the loop of
    diffusers' ``RePaintPipeline``. Yields a record per network call (denoising step); the
    re-noising jumps between them cost no call. model_fn's output, in the model's
    ``prediction_type``, is turned into ε̂, which RePaint's step takes.
    """
    scheduler.set_timesteps(steps, jump_length, jump_n_sample, device=noise.device)
    alphas_cumprod = scheduler.alphas_cumprod.to(noise.device)
    timesteps = scheduler.timesteps
    calls = int((timesteps[1:] < timesteps[:-1]).sum()) + 1
    original, keep = original.to(noise.device), keep.to(noise.device)
    x, t_last, index = noise, timesteps[0] + 1, 0
    for t in timesteps:
        fit_threads()
        with torch.inference_mode():
            if t < t_last:
                x_in = x
                output = model_fn(x, t)
                x0, eps = split_prediction(output, x, alphas_cumprod[t], prediction_type)
                x = scheduler.step(eps, t, x, original, keep, generator).prev_sample
                rec = StepRecord(index, calls, int(t), *[v.float().cpu() for v in (x_in, x0, eps, x)])
            else:
                x = scheduler.undo_step(x, t_last, generator)
                rec = None
        t_last = t
        if rec is not None:
            index += 1
            yield rec


def repaint_calls(steps: int, jump_length: int, jump_n_sample: int) -> int:
    """Network calls a RePaint run makes (denoising steps, jumps included)."""
    from diffusers import RePaintScheduler

    s = RePaintScheduler()
    s.set_timesteps(steps, jump_length, jump_n_sample)
    return int((s.timesteps[1:] < s.timesteps[:-1]).sum()) + 1


def repaint_pixels(
    model,
    x01: torch.Tensor,
    fill: torch.Tensor,
    labels: torch.Tensor,
    scale: float,
    steps: int,
    seed: int,
    jump_length: int = 5,
    jump_n_sample: int = 2,
) -> torch.Tensor:
    """RePaint with the pixel model: digits x01 (B, 1, 28, 28), fill (B or 1, 1, 32, 32) -> (B, 1, 28, 28)."""
    return drain(repaint_pixels_progressive(model, x01, fill, labels, scale, steps, seed, jump_length, jump_n_sample))


def repaint_pixels_progressive(
    model,
    x01: torch.Tensor,
    fill: torch.Tensor,
    labels: torch.Tensor,
    scale: float,
    steps: int,
    seed: int,
    jump_length: int = 5,
    jump_n_sample: int = 2,
) -> Generator[StepRecord, None, torch.Tensor]:
    """``repaint_pixels``, yielding ``repaint_progressive``'s record per network call."""
    from models.diffusion.model import to_digit_space, to_model_space
    from models.diffusion.samplers import guided_model_fn

    device = next(model.parameters()).device
    noise = torch.randn(len(x01), 1, 32, 32, generator=torch.Generator().manual_seed(seed)).to(device)
    gen = torch.Generator(device).manual_seed(seed + 1)
    scheduler = make_repaint_scheduler(model.scheduler_config())
    x = noise
    model_fn = guided_model_fn(model, labels, scale)
    for rec in repaint_progressive(
        model_fn,
        scheduler,
        to_model_space(x01),
        1 - fill,
        noise,
        steps,
        jump_length,
        jump_n_sample,
        gen,
        model.cfg.prediction_type,
    ):
        x = rec.x_prev
        yield rec
    return to_digit_space(x)
