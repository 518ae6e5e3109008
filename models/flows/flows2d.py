"""Normalizing flows on 2-D toy data, built from ``normflows``' layers, layer by layer.

A flow is a bijection x = f(z) = f_K ∘ … ∘ f_1(z) of a base z ~ N(0, I₂). Its density is exact:

    log p(x) = log N(z; 0, I) − Σ_k log|det ∂f_k/∂h_{k−1}|,   h_0 = z, h_K = x, z = f⁻¹(x)

normflows' ``Flow.inverse(h_k) -> (h_{k−1}, log|det ∂f_k⁻¹/∂h_k|)`` returns the inverse's term, so
log p(x) = log N(z) + Σ_k (those terms): one row per layer in the tab's table.

Three families (``FLOWS``), each a list of layers, the last a fixed scale to the data's extent:
- **RealNVP** (Dinh et al. 2017): affine couplings with alternating masks; one coordinate moves,
  h₂ ↦ h₂·e^{s(h₁)} + t(h₁).
- **Glow** (Kingma & Dhariwal 2018): per step actnorm → invertible linear map (LU) → affine coupling.
- **spline** (Durkan et al. 2019): rational-quadratic spline couplings with an LU linear map between.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import normflows as nf
import torch
from torch import nn

FLOWS = ("RealNVP", "Glow", "spline")


@dataclass(frozen=True)
class Flow2DConfig:
    """Architecture and training of a lab flow, one reason per field."""

    dataset: str = "ring8"
    flow: str = "RealNVP"
    depth: int = 8  # couplings (Glow: steps): each coupling moves one coordinate given the other
    width: int = 64  # hidden units of each coupling's 2-layer MLP
    lr: float = 2e-3  # Adam; the ring's σ = 0.02 modes need ~3,000 steps at this rate
    batch: int = 256
    seed: int = 0


class Scale(nf.flows.Flow):
    """The last layer: x = s·h, a fixed scale from the base's unit size to the data's extent, so
    every coupling works near unit scale (a spline's bins cover ±3.5). log|det| = 2·log s."""

    def __init__(self, s: float):
        super().__init__()
        self.register_buffer("s", torch.tensor(float(s)))

    def forward(self, z):
        return z * self.s, torch.full((len(z),), 2 * math.log(float(self.s)), dtype=z.dtype, device=z.device)

    def inverse(self, z):
        return z / self.s, torch.full((len(z),), -2 * math.log(float(self.s)), dtype=z.dtype, device=z.device)


def _coupling(width: int, split: str) -> nf.flows.AffineCouplingBlock:
    """An affine coupling: one coordinate moves by h ↦ h·e^{s} + t, (t, s) from an MLP of the other.
    The MLP's last layer starts at zero (the identity map, Glow's trick) and tanh bounds t and s to
    ±2 per layer, so an early step cannot blow the map up (Glow diverged on the ring without it)."""
    mlp = nf.nets.MLP([1, width, width, 2], init_zeros=True, output_fn="tanh", output_scale=2.0)
    return nf.flows.AffineCouplingBlock(mlp, scale_map="exp", split_mode=split)


def _layers(cfg: Flow2DConfig, scale: float) -> list[nf.flows.Flow]:
    layers: list[nf.flows.Flow] = []
    for k in range(cfg.depth):
        if cfg.flow == "RealNVP":  # alternating masks: even layers move x2 given x1, odd ones x1 given x2
            layers.append(_coupling(cfg.width, "channel" if k % 2 == 0 else "channel_inv"))
        elif cfg.flow == "Glow":  # the linear map mixes the coordinates, so every coupling may split the same way
            linear = nf.flows.InvertibleAffine(2, use_lu=True)
            layers += [nf.flows.ActNorm((2,)), linear, _coupling(cfg.width, "channel")]
        elif cfg.flow == "spline":
            layers += [
                nf.flows.CoupledRationalQuadraticSpline(
                    2, 2, cfg.width, num_bins=8, tail_bound=3.5, reverse_mask=k % 2 == 1
                ),
                nf.flows.LULinearPermute(2),
            ]
        else:
            raise ValueError(f"unknown flow {cfg.flow!r}; choose one of {', '.join(FLOWS)}")
    return [*layers, Scale(scale)]


def layer_name(layer: nn.Module) -> str:
    names = {
        "ActNorm": "actnorm",
        "InvertibleAffine": "invertible linear (LU)",
        "AffineCouplingBlock": "affine coupling",
        "CoupledRationalQuadraticSpline": "spline coupling",
        "LULinearPermute": "linear (LU) + permute",
        "Scale": "scale to the data",
    }
    name = names.get(type(layer).__name__, type(layer).__name__)
    if isinstance(layer, nf.flows.AffineCouplingBlock):  # which coordinate moves
        name += " (moves x1)" if layer.flows[0].mode == "channel_inv" else " (moves x2)"
    return name


def build_flow(cfg: Flow2DConfig, scale: float) -> nf.NormalizingFlow:
    """A seeded flow (weights and normflows' random permutations from ``cfg.seed``)."""
    with torch.random.fork_rng():
        torch.manual_seed(cfg.seed)
        return nf.NormalizingFlow(nf.distributions.DiagGaussian(2, trainable=False), _layers(cfg, scale))


def log_normal(z: torch.Tensor) -> torch.Tensor:
    """log N(z; 0, I₂), (N, 2) -> (N,)."""
    return -0.5 * (z**2).sum(1) - math.log(2 * math.pi)


def push_forward(flow: nf.NormalizingFlow, z: torch.Tensor) -> list[torch.Tensor]:
    """z (N, 2) -> [h_0 = z, h_1, …, h_K = x]: the points after every layer, base to data."""
    out = [z]
    for layer in flow.flows:
        z, _ = layer(z)
        out.append(z)
    return out


def pull_back(flow: nf.NormalizingFlow, x: torch.Tensor) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
    """x (N, 2) -> ([h_K = x, …, h_0 = z], [log|det ∂f_k⁻¹/∂h_k| for k = K … 1]) data to base."""
    points, terms = [x], []
    for layer in reversed(flow.flows):
        x, log_det = layer.inverse(x)
        points.append(x)
        terms.append(torch.broadcast_to(log_det, (len(x),)))  # a linear map's is one number for all points
    return points, terms


def log_prob_terms(flow: nf.NormalizingFlow, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """-> (z (N, 2), log N(z) (N,), per-layer terms (K, N), last layer first): log p(x) is their sum."""
    points, terms = pull_back(flow, x)
    return points[-1], log_normal(points[-1]), torch.stack(terms)


def sample(flow: nf.NormalizingFlow, n: int, seed: int) -> torch.Tensor:
    """n samples (n, 2) from z drawn with ``seed``."""
    z = torch.randn(n, 2, generator=torch.Generator().manual_seed(seed))
    return push_forward(flow, z)[-1]


def density_grid(flow: nf.NormalizingFlow, extent: float, size: int = 80) -> torch.Tensor:
    """log p(x) on a size × size grid over [−extent, extent]², row 0 at the top (y = +extent)."""
    v = torch.linspace(-extent, extent, size)
    yy, xx = torch.meshgrid(v.flip(0), v, indexing="ij")
    return flow.log_prob(torch.stack([xx.reshape(-1), yy.reshape(-1)], 1)).reshape(size, size)
