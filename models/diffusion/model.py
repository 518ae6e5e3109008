"""The class-conditional pixel-space diffusion model on the digits, built from diffusers' classes.

The network is a ``diffusers.UNet2DConditionModel`` without cross-attention (so
``ControlNetModel.from_unet`` can copy its encoder later) with a class embedding of
``num_classes + 1`` rows: the last row is the null class
of classifier-free guidance (Ho & Salimans 2022), used when the label is dropped in training and
for the unconditional half of a guided prediction.

Images live in [-1, 1] at 32 x 32: the 28 x 28 digits padded by 2 pixels of background on each
side, so three 2x down-samplings divide evenly.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

PAD = 2  # 28 + 2 * 2 = 32
CONTEXT_DIM = 8  # width of the unused encoder_hidden_states UNet2DConditionModel requires


@dataclass(frozen=True)
class DiffusionConfig:
    sample_size: int = 32
    channels: int = 1  # image channels (1: grey pixels; a latent model: the autoencoder's c)
    block_out_channels: tuple[int, ...] = (24, 48, 96)
    layers_per_block: int = 1
    attention_head_dim: int = 32
    norm_num_groups: int = 8
    num_classes: int = 10  # the null class is index num_classes
    # The noise schedule the model was trained with (diffusers' DDPMScheduler arguments).
    num_train_timesteps: int = 1000
    beta_schedule: str = "squaredcos_cap_v2"
    # v = √ᾱ_t ε − √(1−ᾱ_t) x_0 (Salimans & Ho 2022). With ε-prediction the cosine schedule's last
    # step (ᾱ ≈ 2e-9) turns a small error in ε̂ into a huge x̂₀ = (x_t − √(1−ᾱ) ε̂)/√ᾱ: a first probe
    # sampled pure static unless x̂₀ was clipped. v-prediction gives x̂₀ = √ᾱ x_t − √(1−ᾱ) v̂, stable at every t.
    prediction_type: str = "v_prediction"
    # Training.
    p_uncond: float = 0.1  # label dropout: how often the null class replaces the label
    steps: int = 4500  # ~40 min on 2 CPU cores; samples are recognisable from ~500
    batch: int = 64
    lr: float = 1e-3
    warmup: int = 200
    ema_decay: float = 0.999
    seed: int = 0

    def __post_init__(self):
        object.__setattr__(self, "block_out_channels", tuple(self.block_out_channels))


def build_unet(cfg: DiffusionConfig, in_channels: int | None = None, class_embed_type: str | None = None):
    """A ``UNet2DConditionModel`` without cross-attention: diffusers' ``ControlNetModel.from_unet``
    copies exactly this class (a ``UNet2DModel`` has no ControlNet counterpart). Its class embedding
    replaces text conditioning; ``encoder_hidden_states`` is required by the signature but unused.

    in_channels: more than ``cfg.channels`` when a condition is concatenated (the upsampler);
    class_embed_type: "timestep" embeds a number (a noise level) instead of looking up a class."""
    from diffusers import UNet2DConditionModel

    n = len(cfg.block_out_channels)
    # Attention only at the coarsest resolution (8 x 8 in pixels): it costs little there and lets
    # the stroke at one end of a digit agree with the other.
    down = ("DownBlock2D",) * (n - 1) + ("AttnDownBlock2D",)
    up = ("AttnUpBlock2D",) + ("UpBlock2D",) * (n - 1)
    return UNet2DConditionModel(
        sample_size=cfg.sample_size,
        in_channels=in_channels or cfg.channels,
        out_channels=cfg.channels,
        block_out_channels=cfg.block_out_channels,
        down_block_types=down,
        up_block_types=up,
        mid_block_type="UNetMidBlock2D",
        layers_per_block=cfg.layers_per_block,
        attention_head_dim=cfg.attention_head_dim,
        norm_num_groups=cfg.norm_num_groups,
        num_class_embeds=None if class_embed_type else cfg.num_classes + 1,
        class_embed_type=class_embed_type,
        cross_attention_dim=CONTEXT_DIM,
    )


def empty_context(batch: int, device, dtype=torch.float32) -> torch.Tensor:
    """The (B, 1, CONTEXT_DIM) zeros passed as ``encoder_hidden_states`` (no block attends to them)."""
    return torch.zeros(batch, 1, CONTEXT_DIM, device=device, dtype=dtype)


class DigitDiffusion(nn.Module):
    """The network of x_t, t and y, plus what a sampler needs to know about how it was trained."""

    def __init__(self, cfg: DiffusionConfig):
        super().__init__()
        self.cfg = cfg
        self.unet = build_unet(cfg)

    @property
    def null_class(self) -> int:
        return self.cfg.num_classes

    def forward(self, x_t: torch.Tensor, t: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """x_t: (B, C, H, W) ((B, 1, 32, 32) in pixels); t: (B,) or scalar; labels: (B,) in
        0..num_classes -> the network's prediction, x_t's shape, in its ``prediction_type`` (v̂ for
        the shipped models)."""
        t = torch.as_tensor(t, device=x_t.device)
        if t.ndim == 0:
            t = t.expand(x_t.shape[0])
        return self.unet(
            x_t, t, encoder_hidden_states=empty_context(x_t.shape[0], x_t.device), class_labels=labels
        ).sample

    def scheduler_config(self) -> dict:
        """The training schedule, as keyword arguments for any diffusers scheduler."""
        return {
            "num_train_timesteps": self.cfg.num_train_timesteps,
            "beta_schedule": self.cfg.beta_schedule,
            "prediction_type": self.cfg.prediction_type,
        }


def to_model_space(x01: torch.Tensor) -> torch.Tensor:
    """(B, 1, 28, 28) in [0, 1] -> (B, 1, 32, 32) in [-1, 1], padded with background (-1)."""
    return F.pad(x01 * 2 - 1, (PAD, PAD, PAD, PAD), value=-1.0)


def to_digit_space(x: torch.Tensor) -> torch.Tensor:
    """(B, 1, 32, 32) in about [-1, 1] -> (B, 1, 28, 28) in [0, 1] (the evaluator's input)."""
    return ((x[..., PAD:-PAD, PAD:-PAD] + 1) / 2).clamp(0, 1)
