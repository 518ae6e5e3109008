"""Prompts to digits, one step at a time, with the cross-attention maps of every step: the pipeline's parts driven
by the house's reverse loop (``models.diffusion.samplers.sample_progressive``), so a tab can stream x̂₀ and the maps
while the sample forms. Classifier-free guidance against the negative prompt (by default the empty one):

    ε̂ = ε(z_t, c_neg) + w (ε(z_t, c) − ε(z_t, c_neg))      (v̂ alike; w = 1: the conditional prediction)
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass

import torch
from torch import nn

from models.diffusion.text.captions import segment
from models.diffusion.text.tokenizer import encode


class PipelineUNet(nn.Module):
    """A pipeline's UNet as the house's model interface: ``model(z_t, t, context)`` and its training schedule; with a
    ``CrossAttentionRecorder``, every call records its cross-attention there."""

    null_class = -1

    def __init__(self, pipe, recorder=None):
        super().__init__()
        self.unet, self.scheduler_settings, self.recorder = pipe.unet, pipe.scheduler.config, recorder

    def forward(self, z_t: torch.Tensor, t: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        kwargs = self.recorder.unet_kwargs() if self.recorder is not None else {}
        return self.unet(z_t, t, encoder_hidden_states=context.to(z_t.dtype), **kwargs).sample


@torch.inference_mode()
def contexts(pipe, prompts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Prompts -> (token ids (B, L), the text encoder's last hidden states (B, L, d)), Chinese split into words."""
    ids = encode(pipe.tokenizer, [segment(p) for p in prompts])
    return ids, pipe.text_encoder(ids.to(pipe.device))[0]


@dataclass
class PromptStep:
    """One reverse step: index of steps, t, x̂₀ decoded (B, 1, 28, 28) in [0, 1] (None without a preview), the
    conditional half's cross-attention {layer: (B, h, w, L)} (None when not recorded)."""

    index: int
    steps: int
    t: int
    x0_hat: torch.Tensor | None
    attention: dict[str, torch.Tensor] | None


def draws_digits(pipe) -> bool:
    """The miniature (a one-channel autoencoder: digits the project's measures read), not a photo model."""
    return pipe.vae.config.out_channels == 1


def decode(pipe, z: torch.Tensor) -> torch.Tensor:
    """Scaled latents (B, c, h, w) -> pictures in [0, 1] on the CPU: the miniature's digits (B, 1, 28, 28), a
    Stable Diffusion's RGB (B, 3, 8h, 8w)."""
    from models.diffusion.model import to_digit_space

    with torch.inference_mode():
        x = pipe.vae.decode(z.to(pipe.device, pipe.vae.dtype) / pipe.vae.config.scaling_factor).sample.float().cpu()
    return to_digit_space(x) if draws_digits(pipe) else ((x + 1) / 2).clamp(0, 1)


def latent_noise(pipe, n: int, seed: int) -> torch.Tensor:
    """z_T (n, c, h, w) from ``seed``, on the CPU (the same on every device): one seed, one picture per prompt."""
    c, size = pipe.unet.config.in_channels, pipe.unet.config.sample_size
    return torch.randn(n, c, size, size, generator=torch.Generator().manual_seed(seed))


def prompt_sampling(
    pipe,
    prompts: list[str],
    scale: float,
    steps: int,
    seed: int,
    negative: str = "",
    attention: bool = False,
    preview: bool = True,
) -> Generator[PromptStep, None, torch.Tensor]:
    """Sample one digit per prompt (DDIM, ``steps``), yielding a ``PromptStep`` per step; returns the digits
    (B, 1, 28, 28) in [0, 1]. ``attention``: record each step's cross-attention (the conditional half);
    ``preview``: decode each step's x̂₀ (one decoder pass a step; None without)."""
    from diffusers import DDIMScheduler

    from models.diffusion.samplers import guided_model_fn, sample_progressive
    from models.diffusion.text.attention import CrossAttentionRecorder

    recorder = None
    if attention:
        recorder = CrossAttentionRecorder(keep_batch=slice(0, len(prompts)))  # guided passes batch [cond, negative]
        recorder.install(pipe.unet)
    model = PipelineUNet(pipe, recorder)
    _, cond = contexts(pipe, prompts)
    _, neg = contexts(pipe, [negative] * len(prompts))
    scheduler = DDIMScheduler.from_config(pipe.scheduler.config)
    noise = latent_noise(pipe, len(prompts), seed).to(pipe.device)
    z = noise
    for rec in sample_progressive(guided_model_fn(model, cond, scale, negative=neg), scheduler, noise, steps):
        z = rec.x_prev
        maps = None
        if recorder is not None:
            maps, recorder.maps = recorder.maps, {}
        yield PromptStep(rec.index, rec.steps, rec.t, decode(pipe, rec.x0_hat) if preview else None, maps)
    return decode(pipe, z)


def prompt_samples(pipe, prompts: list[str], scale: float, steps: int, seed: int, negative: str = "") -> torch.Tensor:
    """``prompt_sampling`` run to its end without previews or maps: the digits (B, 1, 28, 28) in [0, 1]."""
    from models.diffusion.samplers import drain

    return drain(prompt_sampling(pipe, prompts, scale, steps, seed, negative, preview=False))


def aggregate(steps: list[dict[str, torch.Tensor]], size: int = 8) -> torch.Tensor:
    """Per-step maps {layer: (B, h, w, L)} -> the mean over steps and layers, upsampled to ``size`` (B, L, size, size)
    (DAAM's aggregation, Tang et al. 2023)."""
    import torch.nn.functional as F

    total = None
    count = 0
    for maps in steps:
        for m in maps.values():
            m = F.interpolate(m.permute(0, 3, 1, 2), size=(size, size), mode="bilinear", align_corners=False)
            total = m if total is None else total + m
            count += 1
    return total / count


@dataclass
class NegativeParts:
    """A guided run taken apart at one step: z_t (1, c, h, w) and the prediction's three halves as ε̂ (1, c, h, w) —
    for the empty prompt, the prompt and the negative prompt — with the two combinations, against "" (plain CFG)
    and against the negative prompt, and the x̂₀ each implies, decoded (1, C, H, W) in [0, 1]."""

    t: int
    z_t: torch.Tensor
    eps: dict[str, torch.Tensor]  # "empty", "prompt", "negative", "guided", "guided_negative"
    x0: dict[str, torch.Tensor]


@torch.inference_mode()
def negative_parts(pipe, prompt: str, negative: str, scale: float, steps: int, seed: int, at: int) -> NegativeParts:
    """Run the sampler guided against ``negative`` to step ``at`` (0-based), then evaluate the UNet there with the
    empty prompt, the prompt and the negative prompt: ε̂ = ε̂_neg + w (ε̂_c − ε̂_neg), and ε̂_∅ + w (ε̂_c − ε̂_∅) beside it."""
    from diffusers import DDIMScheduler

    from models.diffusion.samplers import guided_model_fn, sample_progressive, split_prediction

    model = PipelineUNet(pipe)
    _, c = contexts(pipe, [prompt, negative, ""])
    scheduler = DDIMScheduler.from_config(pipe.scheduler.config)
    noise = latent_noise(pipe, 1, seed).to(pipe.device)
    z, t = noise, None
    for rec in sample_progressive(guided_model_fn(model, c[:1], scale, negative=c[1:2]), scheduler, noise, steps):
        if rec.index == at:
            z, t = rec.x_t.to(pipe.device), rec.t
            break
    tt = torch.tensor(t, device=pipe.device)
    halves = model(z.repeat(3, 1, 1, 1), tt, c).float()
    out = {k: o[None] for k, o in zip(("prompt", "negative", "empty"), halves, strict=True)}
    out["guided"] = out["empty"] + scale * (out["prompt"] - out["empty"])
    out["guided_negative"] = out["negative"] + scale * (out["prompt"] - out["negative"])
    a = scheduler.alphas_cumprod.to(pipe.device)[t]
    kind = scheduler.config.prediction_type
    split = {k: split_prediction(o, z.float(), a, kind) for k, o in out.items()}
    return NegativeParts(
        t, z.cpu(), {k: e.cpu() for k, (_, e) in split.items()}, {k: decode(pipe, x0) for k, (x0, _) in split.items()}
    )
