"""Latent diffusion (Rombach et al. 2022, Stable Diffusion's recipe) on the digits: the diffusion
model of ``models.diffusion.model`` run in an autoencoder's latent instead of in pixels.

    x (B, 1, 32, 32) --E--> z_0 = s·μ(x) (B, 4, 8, 8) --diffuse / denoise--> ẑ_0 --D--> x̂

The UNet is the pixel model's class (diffusers' ``UNet2DConditionModel``, class embedding with a
null row for classifier-free guidance) with 4 input channels at 8 x 8; its data are the
autoencoder's scaled latents of the training digits (s = 1/std, so unit variance, as the cosine
noise schedule assumes). Sampling, img2img and inpainting are the one reverse loop of
``models.diffusion.samplers``, driven here in latent space and decoded at the end.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass

import torch

from models.diffusion.model import DiffusionConfig, DigitDiffusion, to_digit_space, to_model_space
from models.diffusion.samplers import StepRecord, drain

# The recommended factor: f = 4 keeps 98.8% of the test digits readable after the round trip
# (f = 8: 97.6%, PSNR 24.3 against 29.0 dB) and is the LDM paper's sweet spot too.
LATENT_AUTOENCODER = "autoencoder_f4"


@dataclass(frozen=True)
class LatentDiffusionConfig(DiffusionConfig):
    sample_size: int = 8
    channels: int = 4
    # Two levels (8 x 8, then 4 x 4 with attention): 2.4M parameters, ~0.3 s a training step at
    # batch 64 on 2 cores; the pixel model's three levels at 32 x 32 take ~0.5 s.
    block_out_channels: tuple[int, ...] = (64, 128)
    norm_num_groups: int = 16
    autoencoder: str = LATENT_AUTOENCODER  # the registry name of the first stage it was trained in
    steps: int = 4000


class LatentDigitDiffusion(DigitDiffusion):
    """The latent UNet; which autoencoder decodes it is ``cfg.autoencoder``."""


@torch.inference_mode()
def encode_digits(autoencoder, x01: torch.Tensor, batch: int = 500) -> torch.Tensor:
    """digits (N, 1, 28, 28) in [0, 1] -> scaled latents z_0 (N, c, h, w)."""
    device = next(autoencoder.parameters()).device
    return torch.cat(
        [
            autoencoder.encode(to_model_space(x01[i : i + batch]).to(device)).float().cpu()
            for i in range(0, len(x01), batch)
        ]
    )


@torch.inference_mode()
def decode_latents(autoencoder, z: torch.Tensor) -> torch.Tensor:
    """scaled latents (N, c, h, w) -> digits (N, 1, 28, 28) in [0, 1] on the CPU."""
    device = next(autoencoder.parameters()).device
    return to_digit_space(autoencoder.decode(z.to(device)).float().cpu())


def latent_noise(model: LatentDigitDiffusion, n: int, seed: int) -> torch.Tensor:
    """z_T (n, c, h, w) from ``seed``, drawn on the CPU (the same on every device)."""
    c, size = model.cfg.channels, model.cfg.sample_size
    return torch.randn(n, c, size, size, generator=torch.Generator().manual_seed(seed))


def latent_samples(
    model,
    autoencoder,
    labels: torch.Tensor,
    scale: float,
    sampler: str,
    steps: int,
    seed: int,
    negative: torch.Tensor | None = None,
    batch: int = 100,
) -> torch.Tensor:
    """Guided samples for ``labels`` (N,) decoded -> (N, 1, 28, 28) in [0, 1]; ``negative``: a class
    per sample to guide away from (None: the null class, plain CFG)."""
    noise = latent_noise(model, len(labels), seed)
    gen = torch.Generator().manual_seed(seed + 1)
    out = []
    for i in range(0, len(labels), batch):
        neg = None if negative is None else negative[i : i + batch]
        out.append(
            drain(
                latent_sampling(
                    model, autoencoder, labels[i : i + batch], scale, sampler, steps, noise[i : i + batch], gen, neg
                )
            )
        )
    return torch.cat(out)


def latent_sampling(
    model,
    autoencoder,
    labels: torch.Tensor,
    scale: float,
    sampler: str,
    steps: int,
    noise: torch.Tensor,
    generator: torch.Generator,
    negative: torch.Tensor | None = None,
    record: bool = False,
) -> Generator[StepRecord, None, torch.Tensor]:
    """One batch of ``latent_samples``, progressive: yields a ``StepRecord`` per step in the latent
    (x̂₀ etc. only with ``record``), returns the decoded digits (B, 1, 28, 28) in [0, 1]."""
    from models.diffusion.samplers import guided_model_fn, make_scheduler, sample_progressive

    device = next(model.parameters()).device
    model_fn = guided_model_fn(model, labels, scale, negative=negative)
    scheduler = make_scheduler(sampler, model.scheduler_config())
    z = noise
    for rec in sample_progressive(model_fn, scheduler, noise.to(device), steps, generator=generator, record=record):
        z = rec.x_prev
        yield rec
    return decode_latents(autoencoder, z)


def latent_mask(pixel_mask: torch.Tensor, factor: int) -> torch.Tensor:
    """A fill mask (B, 1, 32, 32), 1 where new content goes -> (B, 1, 32/f, 32/f): a latent cell
    is filled when any of its f x f pixels is (max-pool), so no brushed pixel is left to the old code."""
    return torch.nn.functional.max_pool2d(pixel_mask.float(), factor)


def img2img(
    model,
    autoencoder,
    x01: torch.Tensor,
    labels: torch.Tensor,
    strength: float,
    scale: float,
    sampler: str,
    steps: int,
    seed: int,
) -> torch.Tensor:
    """SDEdit in the latent: encode digits x01 (B, 1, 28, 28), noise them to the timestep
    ``strength`` implies, denoise towards ``labels`` with guidance, decode -> (B, 1, 28, 28)."""
    return drain(img2img_progressive(model, autoencoder, x01, labels, strength, scale, sampler, steps, seed))


def img2img_progressive(
    model,
    autoencoder,
    x01: torch.Tensor,
    labels: torch.Tensor,
    strength: float,
    scale: float,
    sampler: str,
    steps: int,
    seed: int,
) -> Generator[StepRecord, None, torch.Tensor]:
    """``img2img``, yielding a (latent, x_prev only) ``StepRecord`` per step it runs: int(steps·strength)."""
    from models.diffusion.samplers import guided_model_fn, make_scheduler, sample_progressive

    device = next(model.parameters()).device
    z0 = encode_digits(autoencoder, x01).to(device)
    z = z0
    scheduler = make_scheduler(sampler, model.scheduler_config())
    noise = latent_noise(model, len(x01), seed).to(device)
    for rec in sample_progressive(
        guided_model_fn(model, labels, scale),
        scheduler,
        noise,
        steps,
        generator=torch.Generator().manual_seed(seed + 1),
        record=False,
        start=z0,
        strength=strength,
    ):
        z = rec.x_prev
        yield rec
    return decode_latents(autoencoder, z)


def inpaint_latent(
    model,
    autoencoder,
    x01: torch.Tensor,
    fill: torch.Tensor,
    labels: torch.Tensor,
    scale: float,
    sampler: str,
    steps: int,
    seed: int,
) -> torch.Tensor:
    """Latent blending: digits x01 (B, 1, 28, 28), fill (B or 1, 1, 32, 32) -> (B, 1, 28, 28), the new
    content where fill is 1 and the input pasted back elsewhere."""
    return drain(inpaint_latent_progressive(model, autoencoder, x01, fill, labels, scale, sampler, steps, seed))


def inpaint_latent_progressive(
    model,
    autoencoder,
    x01: torch.Tensor,
    fill: torch.Tensor,
    labels: torch.Tensor,
    scale: float,
    sampler: str,
    steps: int,
    seed: int,
) -> Generator[StepRecord, None, torch.Tensor]:
    """``inpaint_latent``, yielding a (latent, x_prev only) ``StepRecord`` per step."""
    from models.diffusion.model import PAD
    from models.diffusion.samplers import guided_model_fn, make_scheduler, sample_progressive

    device = next(model.parameters()).device
    z0 = encode_digits(autoencoder, x01).to(device)
    keep = 1 - latent_mask(fill, autoencoder.cfg.factor).to(device)
    scheduler = make_scheduler(sampler, model.scheduler_config())
    noise = latent_noise(model, len(x01), seed).to(device)
    z = noise
    for rec in sample_progressive(
        guided_model_fn(model, labels, scale),
        scheduler,
        noise,
        steps,
        generator=torch.Generator().manual_seed(seed + 1),
        record=False,
        start=z0,
        strength=1.0,
        keep=keep,
    ):
        z = rec.x_prev
        yield rec
    fill28 = fill[..., PAD:-PAD, PAD:-PAD].cpu()
    return fill28 * decode_latents(autoencoder, z) + (1 - fill28) * x01


def forward_flops(pixel_cfg: DiffusionConfig, latent_cfg: LatentDiffusionConfig, ae_cfg) -> dict[str, float]:
    """FLOPs per sample of one guided step (the conditional/unconditional pair) of the pixel and the
    latent UNet and of one decode, at 32 x 32 and with the same architectures at 512 x 512
    (``latent_512``: this autoencoder's f; ``latent_512_f8``: Stable Diffusion's f = 8)."""
    from dataclasses import replace

    from models.core.compute import meta_flops
    from models.diffusion.latent.autoencoder import DigitAutoencoder

    def step(cfg, side: int) -> float:
        with torch.device("meta"):
            net = DigitDiffusion(replace(cfg, sample_size=side))
        return meta_flops(net, (2, cfg.channels, side, side), 2, 2)  # 2 = the guided pair, per sample

    with torch.device("meta"):
        ae = DigitAutoencoder(ae_cfg)
    c, s = ae_cfg.latent_channels, ae_cfg.latent_size
    return {
        "pixel_32": step(pixel_cfg, 32),
        "latent_32": step(latent_cfg, latent_cfg.sample_size),
        "decoder_32": meta_flops(lambda z: ae.vae.decode(z), (1, c, s, s)),
        "pixel_512": step(pixel_cfg, 512),
        "latent_512": step(latent_cfg, 512 // ae_cfg.factor),
        "latent_512_f8": step(latent_cfg, 512 // 8),
    }
