"""The text-conditioned latent UNet: diffusers' ``UNet2DConditionModel`` with cross-attention over the caption's
token embeddings (Stable Diffusion's conditioning, Rombach et al. 2022 sec. 3.3), in the shipped f = 4 autoencoder's
latent.

    z_t (B, 4, 8, 8), t (B,), c = CLIP_text(ids) (B, L, d) -> v̂ (B, 4, 8, 8)

Every block attends: at 8 x 8 and at 4 x 4 (and the middle), each latent cell's query looks over the L = 32 token
keys, softmax(Q Kᵀ / √d_h) over tokens; those weights are the per-token maps the tab shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from models.diffusion.latent.latent_diffusion import LatentDiffusionConfig


@dataclass(frozen=True)
class TextUNetConfig(LatentDiffusionConfig):
    cross_attention_dim: int = 128  # digit-CLIP's text width
    # diffusers' UNet2DConditionModel reads ``attention_head_dim`` as the number of heads (its own naming
    # caveat): 4 heads of 16 channels at 8 x 8, of 32 at 4 x 4.
    attention_head_dim: int = 4
    p_uncond: float = 0.1  # caption dropout: the empty prompt, for classifier-free guidance
    steps: int = 3500  # ~0.25 s a step at batch 64 on 2 cores (with the frozen text encoder's pass)
    lr: float = 5e-4


def build_text_unet(cfg: TextUNetConfig):
    from diffusers import UNet2DConditionModel

    n = len(cfg.block_out_channels)
    return UNet2DConditionModel(
        sample_size=cfg.sample_size,
        in_channels=cfg.channels,
        out_channels=cfg.channels,
        block_out_channels=cfg.block_out_channels,
        down_block_types=("CrossAttnDownBlock2D",) * n,
        up_block_types=("CrossAttnUpBlock2D",) * n,
        mid_block_type="UNetMidBlock2DCrossAttn",
        layers_per_block=cfg.layers_per_block,
        attention_head_dim=cfg.attention_head_dim,
        norm_num_groups=cfg.norm_num_groups,
        cross_attention_dim=cfg.cross_attention_dim,
    )


class TextDigitUNet(nn.Module):
    """The UNet and what a sampler needs to know about its training (the house's model interface)."""

    null_class = -1  # the training loop's marker for a dropped caption (the empty prompt)

    def __init__(self, cfg: TextUNetConfig):
        super().__init__()
        self.cfg = cfg
        self.unet = build_text_unet(cfg)

    def forward(self, z_t: torch.Tensor, t: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        """z_t (B, 4, 8, 8), t (B,) or scalar, context (B, L, d) -> v̂, z_t's shape."""
        return self.unet(z_t, t, encoder_hidden_states=context).sample

    def scheduler_config(self) -> dict:
        return {
            "num_train_timesteps": self.cfg.num_train_timesteps,
            "beta_schedule": self.cfg.beta_schedule,
            "prediction_type": self.cfg.prediction_type,
        }
