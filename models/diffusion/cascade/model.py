"""A cascade (Ho et al. 2022, "Cascaded Diffusion Models"): a 16 x 16 base model, then a diffusion
upsampler 16 x 16 -> 32 x 32 conditioned on the low-resolution image.

    y --base (16 x 16 DDIM)--> x_lo (B, 1, 16, 16) --noise to level s--> x_lo,s --bicubic x2-->
      concat with x_t (B, 2, 32, 32) --SR UNet, class embedding = s--> x̂ (B, 1, 32, 32)

The upsampler is diffusers' x4 upscaler's recipe in pixels: the low-resolution image, upsampled,
is concatenated to the UNet's input; before that it is noised by a linear DDPM schedule to a
level s (``low_res_scheduler``, ``max_noise_level`` = 350, as in
``StableDiffusionUpscalePipeline``), and s is given to the UNet through its class embedding, so at
sampling time the base model's artefacts can be drowned in noise the upsampler has learned to
ignore ("conditioning augmentation", the cascade paper's headline). The class is not an input of
the upsampler: it is in the low-resolution image.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import torch
import torch.nn.functional as F
from torch import nn

from models.diffusion.model import DiffusionConfig, DigitDiffusion, build_unet, empty_context

LOW_RES = 16
MAX_NOISE_LEVEL = 350  # diffusers' StableDiffusionUpscalePipeline's bound on noise_level


@dataclass(frozen=True)
class BaseConfig(DiffusionConfig):
    """The 16 x 16 base model: two levels (16, 8 with attention), ~4x cheaper a step than 32 x 32."""

    sample_size: int = LOW_RES
    block_out_channels: tuple[int, ...] = (32, 64)
    steps: int = 3000


class BaseDiffusion(DigitDiffusion):
    """The first stage: class-conditional digits at 16 x 16 (the pixel model's class, smaller)."""


@dataclass(frozen=True)
class UpsamplerConfig(DiffusionConfig):
    # Trained with the low-resolution image noised to a level drawn from 0..max_train_noise_level
    # (augmented); 0 trains the model that has only ever seen clean low-resolution inputs.
    max_train_noise_level: int = MAX_NOISE_LEVEL
    p_uncond: float = 0.0  # no class label to drop
    steps: int = 2000


class DigitUpsampler(nn.Module):
    """x_t (B, 1, 32, 32), the low-resolution image (B, 1, 16, 16) and its noise level s (B,) -> the
    prediction (v̂). A ``UNet2DConditionModel`` with 2 input channels; its class embedding is a
    timestep embedding of s (``class_embed_type="timestep"``), so every level 0..350 has a place."""

    def __init__(self, cfg: UpsamplerConfig):
        super().__init__()
        self.cfg = cfg
        self.unet = build_unet(cfg, in_channels=2, class_embed_type="timestep")

    def forward(self, x_t: torch.Tensor, t, low_res: torch.Tensor, noise_level: torch.Tensor) -> torch.Tensor:
        t = torch.as_tensor(t, device=x_t.device)
        if t.ndim == 0:
            t = t.expand(x_t.shape[0])
        cond = upsample_bicubic(low_res.to(x_t.dtype))
        return self.unet(
            torch.cat([x_t, cond], dim=1),
            t,
            class_labels=noise_level.to(x_t.device),
            encoder_hidden_states=empty_context(x_t.shape[0], x_t.device),
        ).sample

    def scheduler_config(self) -> dict:
        return DigitDiffusion.scheduler_config(self)


def to_low_res(x: torch.Tensor) -> torch.Tensor:
    """(B, 1, 32, 32) in [-1, 1] -> (B, 1, 16, 16): the mean of each 2 x 2 block (no aliasing)."""
    return F.avg_pool2d(x, 2)


def upsample_bicubic(x: torch.Tensor) -> torch.Tensor:
    """(B, 1, 16, 16) -> (B, 1, 32, 32), bicubic, clamped to [-1, 1] (bicubic overshoots)."""
    return F.interpolate(x, scale_factor=2, mode="bicubic", align_corners=False).clamp(-1, 1)


@cache
def low_res_scheduler():
    """The schedule that noises the low-resolution condition: diffusers' x4 upscaler's (linear);
    built once (``augment`` runs on every training batch) and only read (``add_noise``)."""
    from diffusers import DDPMScheduler

    return DDPMScheduler(num_train_timesteps=1000, beta_start=1e-4, beta_end=0.02, beta_schedule="linear")


def augment(low_res: torch.Tensor, level: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    """The condition noised to ``level`` (B,) ints in 0..350: √ᾱ_s x_lo + √(1−ᾱ_s) ε; level 0 is
    (almost) the clean image (ᾱ_0 = 0.9999: noise of σ = 0.01)."""
    return low_res_scheduler().add_noise(low_res, noise, level.long().cpu()).to(low_res.dtype)


class TransposedConvUpsampler(nn.Module):
    """The learned, non-generative baseline: two transposed convolutions trained with L2 on
    (16 x 16, 32 x 32) pairs. It returns the conditional mean, so it is blurred where the high
    resolution is uncertain — the thing a diffusion upsampler does not do."""

    def __init__(self, cfg: TConvConfig):
        super().__init__()
        self.cfg = cfg
        w = cfg.width
        self.net = nn.Sequential(
            nn.Conv2d(1, w, 3, padding=1),
            nn.SiLU(),
            nn.ConvTranspose2d(w, w, 4, stride=2, padding=1),
            nn.SiLU(),
            nn.Conv2d(w, 1, 3, padding=1),
        )

    def forward(self, low_res: torch.Tensor) -> torch.Tensor:
        """(B, 1, 16, 16) -> (B, 1, 32, 32), a residual on bicubic."""
        return upsample_bicubic(low_res) + self.net(low_res)


@dataclass(frozen=True)
class TConvConfig:
    width: int = 32
    steps: int = 2000  # L2 on 64-image batches; ~1 minute on 2 cores
    batch: int = 64
    lr: float = 2e-3
    seed: int = 0


def base_samples(
    base: BaseDiffusion, labels: torch.Tensor, steps: int, seed: int, scale: float = 2.0, batch: int = 100
) -> torch.Tensor:
    """The first stage: guided DDIM samples for ``labels`` (N,) -> (N, 1, 16, 16) in [-1, 1] (CPU)."""
    from models.diffusion.samplers import guided_samples

    return guided_samples(base, labels, scale, "DDIM", steps, seed, batch).clamp(-1, 1)


def noised_condition(low_res: torch.Tensor, noise_level: int, gen: torch.Generator) -> torch.Tensor:
    """The condition the upsampler sees: low_res (B, 1, 16, 16) noised to ``noise_level`` with the
    next draw of ``gen`` (``upsample_progressive`` makes it the first draw of its seed's generator)."""
    level = torch.full((len(low_res),), int(noise_level))
    return augment(low_res, level, torch.randn(low_res.shape, generator=gen))


def upsample_progressive(upsampler: DigitUpsampler, low_res: torch.Tensor, noise_level: int, steps: int, seed: int):
    """The second stage, one ``StepRecord`` per DDIM step: low_res (B, 1, 16, 16) in [-1, 1], noised to
    ``noise_level`` (0..350) with the noise of ``seed``, conditions the reverse process at 32 x 32."""
    from models.core.compute import autocast
    from models.diffusion.samplers import make_scheduler, sample_progressive

    device = next(upsampler.parameters()).device
    gen = torch.Generator().manual_seed(seed)
    cond = noised_condition(low_res, noise_level, gen).to(device)
    noise = torch.randn(len(low_res), 1, 2 * LOW_RES, 2 * LOW_RES, generator=gen).to(device)
    level = torch.full((len(low_res),), int(noise_level), device=device)

    def model_fn(x_t, t):
        with torch.inference_mode(), autocast(device):
            return upsampler(x_t, t, cond, level).float()

    yield from sample_progressive(model_fn, make_scheduler("DDIM", upsampler.scheduler_config()), noise, steps)


def upsample(
    upsampler: DigitUpsampler, low_res: torch.Tensor, noise_level: int, steps: int, seed: int, batch: int = 100
) -> torch.Tensor:
    """The final 32 x 32 images (N, 1, 32, 32) in about [-1, 1] of ``upsample_progressive`` (CPU)."""
    out = []
    for i in range(0, len(low_res), batch):
        x = None
        for rec in upsample_progressive(upsampler, low_res[i : i + batch], noise_level, steps, seed + i):
            x = rec.x_prev
        out.append(x.float().cpu())
    return torch.cat(out)


def step_flops(base_cfg: BaseConfig, up_cfg: UpsamplerConfig, pixel_cfg: DiffusionConfig) -> dict[str, float]:
    """FLOPs per sample of one step: the base's guided pair at 16 x 16, the upsampler's single call at
    32 x 32 (no guidance: the class is in its input), the single-stage model's guided pair at 32 x 32."""
    from models.core.compute import meta_flops

    with torch.device("meta"):
        base, up, pixel = BaseDiffusion(base_cfg), DigitUpsampler(up_cfg), DigitDiffusion(pixel_cfg)
    return {
        "base": meta_flops(base, (2, 1, LOW_RES, LOW_RES), 2, 2),
        "upsampler": meta_flops(up, (1, 1, 2 * LOW_RES, 2 * LOW_RES), 1, (1, 1, LOW_RES, LOW_RES), 1),
        "pixel": meta_flops(pixel, (2, 1, 2 * LOW_RES, 2 * LOW_RES), 2, 2),
    }
