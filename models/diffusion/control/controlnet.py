"""ControlNet on the digits diffusion model: diffusers' ``ControlNetModel``, copied from the base
UNet's encoder (``from_unet``) with zero-initialised output convolutions, steering the frozen base
through residuals added to its skip connections (Zhang et al. 2023).

The conditioning image stays at the model's 32 x 32 (``conditioning_embedding_out_channels`` has one
entry, so the embedding does not down-sample: this is a pixel-space model, not a latent one).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from models.core.compute import autocast
from models.diffusion.model import CONTEXT_DIM, DiffusionConfig, DigitDiffusion, empty_context
from models.diffusion.samplers import ModelFn, guidance_combine


@dataclass(frozen=True)
class ControlNetConfig:
    kind: str = "edge"  # "edge" (1-channel Canny map) or "pose" (3-channel OpenPose skeleton)
    conditioning_channels: int = 1
    embedding_channels: tuple[int, ...] = (16,)
    base: DiffusionConfig = DiffusionConfig()

    def __post_init__(self):
        object.__setattr__(self, "embedding_channels", tuple(self.embedding_channels))
        if isinstance(self.base, dict):
            object.__setattr__(self, "base", DiffusionConfig(**self.base))


def _controlnet_kwargs(cfg: ControlNetConfig) -> dict:
    b = cfg.base
    n = len(b.block_out_channels)
    return dict(
        in_channels=1,
        conditioning_channels=cfg.conditioning_channels,
        down_block_types=("DownBlock2D",) * (n - 1) + ("AttnDownBlock2D",),
        mid_block_type="UNetMidBlock2D",
        block_out_channels=b.block_out_channels,
        layers_per_block=b.layers_per_block,
        attention_head_dim=b.attention_head_dim,
        norm_num_groups=b.norm_num_groups,
        num_class_embeds=b.num_classes + 1,
        cross_attention_dim=CONTEXT_DIM,
        conditioning_embedding_out_channels=cfg.embedding_channels,
    )


class DigitControlNet(nn.Module):
    """The ControlNet of one kind. Built from the base model's UNet (weights copied), or from the
    config alone when loading shipped weights."""

    def __init__(self, cfg: ControlNetConfig, base: DigitDiffusion | None = None):
        super().__init__()
        from diffusers import ControlNetModel

        self.cfg = cfg
        if base is not None:
            self.controlnet = ControlNetModel.from_unet(
                base.unet,
                conditioning_channels=cfg.conditioning_channels,
                conditioning_embedding_out_channels=cfg.embedding_channels,
            )
        else:
            self.controlnet = ControlNetModel(**_controlnet_kwargs(cfg))

    def residuals(self, x_t, t, labels, control, scale: float | torch.Tensor = 1.0):
        """-> (down residuals, mid residual) for the base UNet; ``scale`` multiplies them all."""
        t = torch.as_tensor(t, device=x_t.device)
        if t.ndim == 0:
            t = t.expand(x_t.shape[0])
        down, mid = self.controlnet(
            x_t,
            t,
            encoder_hidden_states=empty_context(x_t.shape[0], x_t.device, x_t.dtype),
            controlnet_cond=control,
            conditioning_scale=1.0,
            class_labels=labels,
            return_dict=False,
        )
        if isinstance(scale, torch.Tensor):
            s = scale.to(x_t.device, x_t.dtype).view(-1, 1, 1, 1)
            return [d * s for d in down], mid * s
        return [d * scale for d in down], mid * scale


def controlled_prediction(base: DigitDiffusion, net: DigitControlNet, x_t, t, labels, control, scale=1.0):
    """The base model's prediction steered by the ControlNet: (B, 1, 32, 32)."""
    down, mid = net.residuals(x_t, t, labels, control, scale)
    t = torch.as_tensor(t, device=x_t.device)
    if t.ndim == 0:
        t = t.expand(x_t.shape[0])
    return base.unet(
        x_t,
        t,
        encoder_hidden_states=empty_context(x_t.shape[0], x_t.device, x_t.dtype),
        class_labels=labels,
        down_block_additional_residuals=down,
        mid_block_additional_residual=mid,
    ).sample


def controlled_model_fn(
    base: DigitDiffusion,
    net: DigitControlNet,
    control: torch.Tensor,
    labels: torch.Tensor,
    guidance: float,
    control_scale: float | torch.Tensor = 1.0,
    start: float = 0.0,
    end: float = 1.0,
) -> ModelFn:
    """A sampler's ``model_fn`` with classifier-free guidance and ControlNet steering.

    control: (B, C, 32, 32) in [0, 1]; control_scale: one value or (B,) (a strip over scales runs
    as one batch); start/end: the fraction of the run (0 = pure noise, 1 = clean) during which the
    ControlNet acts, judged by t: a step at time t is at fraction 1 − t/T. Both halves of the
    guided pass get the residuals (diffusers' default, not "guess mode").
    """
    device = next(base.parameters()).device
    labels, control = labels.to(device), control.to(device)
    both_labels = torch.cat([labels, torch.full_like(labels, base.null_class)])
    both_control = torch.cat([control, control])
    both_scale = torch.cat([control_scale, control_scale]) if isinstance(control_scale, torch.Tensor) else control_scale
    T = base.cfg.num_train_timesteps

    @torch.inference_mode()
    def model_fn(x_t: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        x2 = torch.cat([x_t, x_t])
        active = start <= 1 - float(t) / T <= end
        with autocast(device):
            if active:
                out = controlled_prediction(base, net, x2, t, both_labels, both_control, both_scale)
            else:
                out = base(x2, t, both_labels)
        cond, uncond = out.float().chunk(2)
        return guidance_combine(uncond, cond, guidance)

    return model_fn
