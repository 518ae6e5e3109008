"""A small multi-scale Glow on dequantized digits, built from ``normflows``' layers (Kingma &
Dhariwal 2018: squeeze, K steps of actnorm → invertible 1×1 conv → affine coupling per level, half
the variables factored out after each level, a class-conditional Gaussian prior per level).

Notation. A digit's 8-bit pixels x ∈ {0..255}^D, D = 784, are *dequantized*: y = (x + u) / 256,
u ~ U[0, 1)^D, so y ∈ [0, 1)^D is continuous and the flow f: y ↦ z is a bijection with

    log p(y | c) = Σ_levels log N(z_l; μ_c,l, σ²_c,l) + Σ_k log|det ∂f_k/∂h_{k−1}|

and −E_u log p(y) + D·log 256 ≥ −log P(x) nats: the discrete likelihood's bound (Theis et al. 2016).
bits/dim = that bound / (D·log 2). The *binary* variant models the digits binarized at half grey
the same way with 2 levels: y = (b + u) / 2, bound −log p(y) + D·log 2 on −log P(b), in nats per
digit, the scale of the PixelCNN's exact likelihood and the VAE's bound.

Shapes for 1×28×28 with two levels: y (N, 1, 28, 28) ⇄ squeeze (4, 14, 14) ⇄ K steps ⇄ split:
z_1 (2, 14, 14) out, (2, 14, 14) on ⇄ squeeze (8, 7, 7) ⇄ K steps ⇄ z_0 (8, 7, 7). 7 is odd, so
two levels are all 28×28 allows. normflows lists the levels coarsest first (``q0[0]`` is z_0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import normflows as nf
import numpy as np
import torch
from torch import nn

from models.core.data import binarize

D = 28 * 28


@dataclass(frozen=True)
class FlowDigitsConfig:
    """Architecture and training, one reason per field."""

    data: str = "grey"  # "grey": 256 levels (bits/dim); "binary": binarized at half grey, 2 levels (nats per digit)
    levels: int = 2  # squeeze-steps-split levels; 28 = 4·7 allows two
    steps: int = 8  # K flow steps per level (Glow uses 32 on CIFAR; 8 keeps sampling one fast pass on a CPU)
    hidden: int = 96  # channels of each coupling network (3×3 → 1×1 → 3×3 convolutions)
    classes: int = 10  # the prior is class-conditional: one mean and scale per class and variable
    epochs: int = 120  # held-out bits/dim still fell at 100 epochs on 4,500 digits
    batch_size: int = 64
    lr: float = 1e-3  # Adam, cosine decay; Glow's own rate
    max_shift: int = 1  # ±1-pixel whole-pixel shifts as augmentation (4,500 digits overfit otherwise)
    # RealNVP's logit pre-processing y ↦ logit(α + (1 − 2α)·y) as the flow's first (exactly invertible) layer; 0 =
    # none, the flow sees y − ½. Digits are mostly 0 or 255: in [0, 1) their density is two walls a Gaussian-born
    # flow fits badly; after the logit they are two tails.
    logit: float = 0.0
    seed: int = 0


def levels_of(cfg: FlowDigitsConfig) -> int:
    return 256 if cfg.data == "grey" else 2


def quantize(x: torch.Tensor, cfg: FlowDigitsConfig) -> torch.Tensor:
    """Grey digits (N, 1, 28, 28) in [0, 1] -> integer levels in {0..L−1} as float (L = 256 or 2)."""
    return binarize(x) if cfg.data == "binary" else torch.round(x * 255)


def dequantize(levels: torch.Tensor, cfg: FlowDigitsConfig, generator: torch.Generator | None = None):
    """Integer levels -> y = (x + u) / L with u ~ U[0, 1): the flow's continuous input in [0, 1)."""
    u = torch.rand(levels.shape, generator=generator).to(levels.device)
    return (levels + u) / levels_of(cfg)


class GlowDigits(nn.Module):
    """The multi-scale class-conditional Glow; ``flow`` is normflows' ``MultiscaleFlow``."""

    def __init__(self, cfg: FlowDigitsConfig):
        super().__init__()
        self.cfg = cfg
        q0, flows, merges = [], [], []
        L = cfg.levels
        for i in range(L):  # i = 0 is the coarsest level (sampled first)
            channels = 2 ** (L + 1 - i)  # 8 at 7×7, 4 at 14×14 (1 channel at 28×28)
            level = [nf.flows.GlowBlock(channels, cfg.hidden, split_mode="channel") for _ in range(cfg.steps)]
            flows.append([*level, nf.flows.Squeeze()])
            if i == 0:  # what is left after the last split: (8, 7, 7)
                shape = (2 ** (L + 1), 28 // 2**L, 28 // 2**L)
            else:  # the half factored out at this level: (2, 14, 14)
                merges.append(nf.flows.Merge())
                shape = (2 ** (L - i), 28 // 2 ** (L - i), 28 // 2 ** (L - i))
            q0.append(nf.distributions.ClassCondDiagGaussian(shape, cfg.classes))
        logit = nf.transforms.Logit(cfg.logit) if cfg.logit else None
        self.flow = nf.MultiscaleFlow(q0, flows, merges, transform=logit, class_cond=True)
        # Without the logit the flow works on y − ½ (centred, as Glow's x ∈ [−½, ½]); the shift has no Jacobian.
        self.shift = 0.0 if cfg.logit else 0.5

    def log_prob(self, y: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """y (N, 1, 28, 28) in [0, 1), labels (N,) -> log p(y | c) (N,) in nats."""
        return self.flow.log_prob(y - self.shift, labels)

    def encode(self, y: torch.Tensor) -> tuple[list[torch.Tensor], torch.Tensor]:
        """y -> ([z_0, z_1], log|det ∂z/∂y|): the latents, coarsest first (class-independent)."""
        return self.flow.inverse_and_log_det(y - self.shift)

    def decode(self, z: list[torch.Tensor]) -> torch.Tensor:
        """[z_0, z_1] -> y (N, 1, 28, 28), the exact inverse of ``encode``."""
        y, _ = self.flow.forward_and_log_det(z)
        return y + self.shift

    def prior(self, labels: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """(μ, log σ) of each level's Gaussian for ``labels``, each (N, *shape)."""
        out = []
        for q in self.flow.q0:
            onehot = torch.nn.functional.one_hot(labels, q.num_classes).to(q.loc.dtype).T  # (classes, N)
            out.append(((q.loc @ onehot).permute(*q.perm), (q.log_scale @ onehot).permute(*q.perm)))
        return out

    def log_prob_unconditional(self, y: torch.Tensor) -> torch.Tensor:
        """log p(y) = log Σ_c p(c) p(y | c), p(c) = 1/10: exact, one pass through the flow (the
        layers do not see the class; only the prior does)."""
        z, log_det = self.encode(y)
        per_class = []
        for c in range(self.cfg.classes):
            labels = torch.full((len(y),), c, dtype=torch.long, device=y.device)
            per_class.append(sum(q.log_prob(zl, labels) for q, zl in zip(self.flow.q0, z, strict=True)))
        return torch.logsumexp(torch.stack(per_class), 0) - math.log(self.cfg.classes) + log_det


def latents(model: GlowDigits, labels: torch.Tensor, temperature: float, seed: int) -> list[torch.Tensor]:
    """z_l = μ_c,l + T·σ_c,l·ε, ε ~ N(0, I) drawn on the CPU from ``seed`` (the same on every device).
    T < 1 is Glow's reduced-temperature sampling: the typical set shrinks towards the mode."""
    gen = torch.Generator().manual_seed(seed)
    out = []
    for mu, log_sigma in model.prior(labels):
        eps = torch.randn(mu.shape, generator=gen).to(mu.device)
        out.append(mu + temperature * log_sigma.exp() * eps)
    return out


def sample(model: GlowDigits, labels: torch.Tensor, temperature: float, seed: int) -> torch.Tensor:
    """Class-conditional samples (N, 1, 28, 28) in [0, 1]: one pass through the flow."""
    return model.decode(latents(model, labels, temperature, seed)).clamp(0, 1)


def nll_bound_nats(
    model: GlowDigits, levels: torch.Tensor, labels: torch.Tensor | None, seed: int = 0, batch: int = 250
) -> torch.Tensor:
    """−log P(x) ≤ −log p(y) + D·log L per digit (one u per digit, seeded), nats; labels None ->
    the unconditional mixture over classes."""
    gen = torch.Generator().manual_seed(seed)
    out = []
    for i in range(0, len(levels), batch):
        y = dequantize(levels[i : i + batch], model.cfg, gen)
        lp = model.log_prob_unconditional(y) if labels is None else model.log_prob(y, labels[i : i + batch])
        out.append(-lp + D * math.log(levels_of(model.cfg)))
    return torch.cat(out)


def bits_per_dim(nats: torch.Tensor | float) -> float:
    return float(np.mean(np.asarray(nats))) / (D * math.log(2))


# From the sweep in ``benchmarks/flows.py``: the evaluator's class accuracy rises as T falls (0.3 reads best but
# the digits grow alike); 0.5 keeps variety. Glow's own 0.7 reads worse here.
RECOMMENDED_TEMPERATURE = 0.5
