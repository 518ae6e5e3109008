"""The digits autoencoder of latent diffusion: diffusers' ``AutoencoderKL`` (Stable Diffusion's
first stage) in a small config, at a downsampling factor f.

    E: x (B, 1, 32, 32) in [-1, 1] -> q(z | x) = N(μ, σ²), z (B, c, 32/f, 32/f)
    D: z -> x̂ (B, 1, 32, 32)

f = 2^(number of blocks − 1): one 2x down-sampling between blocks. The loss is Stable Diffusion's
without its perceptual and adversarial terms: ||x − D(z)||₁ + β KL(q(z|x) ‖ N(0, I)), with β = 1e-6
as in SD's KL-f8 config, so the KL term only keeps the latent from drifting to huge values and
the code is nearly deterministic (LDM, Rombach et al. 2022, sec. 3 and G).

The latent scale factor is computed as Stable Diffusion's 0.18215 was: 1 / std of the encoder's
latents over the training digits, so the diffusion model sees latents of unit variance (its noise
schedule assumes data of about unit scale). It is stored as a buffer (``scaling_factor``) because
it is known only after training.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class AutoencoderConfig:
    factor: int = 4  # spatial down-sampling f: 32 x 32 -> 32/f x 32/f
    # Latent channels c, as in SD (c = 4). At f = 2 that is as many values as pixels (a 1x
    # "compression": the row that shows why f = 1-2 saves a diffusion model nothing).
    latent_channels: int = 4
    # Channels of the first block (later blocks 2x). 16 rather than 32: 0.13 s a training step in
    # place of 0.32 s (bf16, batch 64, 2 cores), and digits need few filters.
    width: int = 16
    layers_per_block: int = 1
    norm_num_groups: int = 8
    kl_weight: float = 1e-6  # SD's KL-f8 value (ldm/configs/autoencoder/autoencoder_kl_32x32x4.yaml)
    epochs: int = 30
    batch: int = 64
    lr: float = 1e-3
    seed: int = 0

    @property
    def blocks(self) -> int:
        return int(math.log2(self.factor)) + 1

    @property
    def latent_size(self) -> int:
        return 32 // self.factor


def build_autoencoder(cfg: AutoencoderConfig):
    from diffusers import AutoencoderKL

    channels = tuple(cfg.width * min(2**i, 2) for i in range(cfg.blocks))  # 16, 32, 32, ...
    return AutoencoderKL(
        in_channels=1,
        out_channels=1,
        down_block_types=("DownEncoderBlock2D",) * cfg.blocks,
        up_block_types=("UpDecoderBlock2D",) * cfg.blocks,
        block_out_channels=channels,
        layers_per_block=cfg.layers_per_block,
        latent_channels=cfg.latent_channels,
        norm_num_groups=cfg.norm_num_groups,
        sample_size=32,
    )


class DigitAutoencoder(nn.Module):
    """``AutoencoderKL`` plus the scale factor; ``encode``/``decode`` work in the scaled latent
    (unit variance), the space the latent diffusion model lives in."""

    def __init__(self, cfg: AutoencoderConfig):
        super().__init__()
        self.cfg = cfg
        self.vae = build_autoencoder(cfg)
        self.register_buffer("scaling_factor", torch.ones(()))

    @property
    def latent_shape(self) -> tuple[int, int, int]:
        return (self.cfg.latent_channels, self.cfg.latent_size, self.cfg.latent_size)

    def posterior(self, x: torch.Tensor):
        """x (B, 1, 32, 32) in [-1, 1] -> q(z | x), diffusers' ``DiagonalGaussianDistribution`` (unscaled)."""
        return self.vae.encode(x).latent_dist

    def encode(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """x -> z · scaling_factor, (B, c, 32/f, 32/f): the posterior mean (SD's img2img samples it;
        at β = 1e-6 σ is ~1e-3 of μ, so the mean is the same picture and keeps results seeded)."""
        dist = self.posterior(x)
        z = dist.mean if generator is None else dist.sample(generator)
        return z * self.scaling_factor

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """scaled z (B, c, 32/f, 32/f) -> x̂ (B, 1, 32, 32) in about [-1, 1]."""
        return self.vae.decode(z / self.scaling_factor).sample

    def forward(self, x: torch.Tensor, generator: torch.Generator | None = None):
        """-> (x̂, KL per image (B,)): one training pass, z sampled from the posterior."""
        dist = self.posterior(x)
        return self.vae.decode(dist.sample(generator)).sample, dist.kl()


def values_ratio(cfg: AutoencoderConfig) -> float:
    """Values in / values out: 32·32·1 / (c·(32/f)²) (SD at 512²·3 → 64²·4: 48)."""
    return 32 * 32 / (cfg.latent_channels * cfg.latent_size**2)
