"""A small DCGAN (Radford et al. 2016) on the 28x28 digits, to show mode collapse on images.

G: z (B, latent) -> x (B, 1, 28, 28) in [0, 1]; D: x -> logit (B,). The same code trains the
"vanilla" run that collapses and the "stabilised" one (minibatch std + spectral norm in D).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class DCGANConfig:
    latent: int = 64  # z size
    width: int = 32  # channels of G's last hidden layer / D's first layer; small enough for CPU training
    spectral_norm: bool = False  # Lipschitz-bound D's layers
    minibatch_std: bool = False  # D sees the batch's diversity as an extra feature map
    r1: float = 0.0  # γ of the R1 penalty γ/2 E‖∇D(x_real)‖² (Mescheder 2018); 0 = off
    objective: str = "nonsaturating"  # "minimax" (saturating) or "nonsaturating"
    lr_g: float = 2e-4  # DCGAN's learning rate and betas
    lr_d: float = 2e-4
    beta1: float = 0.5
    batch: int = 64
    steps: int = 2000  # G updates
    snapshots: tuple[int, ...] = (0, 100, 250, 500, 1000, 2000)  # steps whose G is shipped
    seed: int = 0


class DCGenerator(nn.Module):
    def __init__(self, cfg: DCGANConfig):
        super().__init__()
        w = cfg.width
        self.net = nn.Sequential(
            nn.Linear(cfg.latent, 2 * w * 7 * 7),
            nn.BatchNorm1d(2 * w * 7 * 7),
            nn.ReLU(),
            nn.Unflatten(1, (2 * w, 7, 7)),
            nn.ConvTranspose2d(2 * w, w, 4, 2, 1),
            nn.BatchNorm2d(w),
            nn.ReLU(),  # 7 -> 14
            nn.ConvTranspose2d(w, 1, 4, 2, 1),
            nn.Sigmoid(),  # 14 -> 28
        )

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


class MinibatchStd(nn.Module):
    """Append the mean over features of the per-feature std over the batch as one constant map."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # sqrt(var + ε) as in Karras et al.: a plain std has an infinite gradient where every sample
        # agrees (the digits' empty border), which turns R1's double backward into NaN
        s = (x.var(0, unbiased=False) + 1e-8).sqrt().mean().expand(x.shape[0], 1, *x.shape[2:])
        return torch.cat([x, s], 1)


class DCDiscriminator(nn.Module):
    def __init__(self, cfg: DCGANConfig):
        super().__init__()
        w = cfg.width
        sn = nn.utils.parametrizations.spectral_norm if cfg.spectral_norm else (lambda m: m)
        extra = int(cfg.minibatch_std)
        self.net = nn.Sequential(
            sn(nn.Conv2d(1, w, 4, 2, 1)),
            nn.LeakyReLU(0.2),  # 28 -> 14
            MinibatchStd() if cfg.minibatch_std else nn.Identity(),
            sn(nn.Conv2d(w + extra, 2 * w, 4, 2, 1)),
            nn.LeakyReLU(0.2),  # 14 -> 7
            nn.Flatten(),
            sn(nn.Linear(2 * w * 49, 1)),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).squeeze(1)


class SnapshotGenerators(torch.nn.Module):
    """All snapshots of one run as one module (one safetensors file): ``at(step)`` -> DCGenerator."""

    def __init__(self, cfg: DCGANConfig):
        super().__init__()
        self.cfg = cfg
        self.gens = torch.nn.ModuleDict({str(s): DCGenerator(cfg) for s in cfg.snapshots})

    def at(self, step: int) -> DCGenerator:
        return self.gens[str(step)]

    @torch.no_grad()
    def sample(self, step: int, n: int, seed: int) -> torch.Tensor:
        z = torch.randn(n, self.cfg.latent, generator=torch.Generator().manual_seed(seed))
        g = self.at(step)
        return g(z.to(next(g.parameters()).device))
