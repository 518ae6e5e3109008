"""Flow matching (rectified flow) in 2-D: the continuous bridge from flows to diffusion.

Lipman et al. 2023 / Liu et al. 2023. With x₀ ~ N(0, I), x₁ ~ data and the straight line
x_t = (1 − t)·x₀ + t·x₁, a network v_θ(x, t) learns the velocity by regression,

    L(θ) = E_{t ~ U[0,1], x₀, x₁} ‖v_θ(x_t, t) − (x₁ − x₀)‖²,

and samples by integrating dx/dt = v_θ(x, t) from t = 0 to 1 (Euler: n steps, n network calls).
Each pair's line is straight, but the learnt field averages the lines through a point, so its ODE
paths curve and few Euler steps land between the modes; **reflow** (Liu et al.) retrains on the
model's own (x₀, ODE(x₀)) pairs, whose lines no longer cross, and straightens the paths.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

STEP_COUNTS = (1, 2, 4, 8, 32)  # Euler steps shown side by side


@dataclass(frozen=True)
class FlowMatchingConfig:
    dataset: str = "ring8"
    width: int = 128  # a 3-layer MLP on (x, t): the field must bend sharply near the ring's tiny modes
    lr: float = 2e-3
    batch: int = 512  # the regression target is noisy (many lines cross each point): big batches
    seed: int = 0


class VelocityField(nn.Module):
    """v_θ(x, t): (N, 2), (N,) -> (N, 2); t enters as sin/cos features (a smooth time embedding)."""

    def __init__(self, width: int):
        super().__init__()
        self.freqs = nn.Parameter(torch.arange(1, 5, dtype=torch.float32) * torch.pi, requires_grad=False)
        self.net = nn.Sequential(
            nn.Linear(2 + 8, width),
            nn.SiLU(),
            nn.Linear(width, width),
            nn.SiLU(),
            nn.Linear(width, width),
            nn.SiLU(),
            nn.Linear(width, 2),
        )

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        ft = t[:, None] * self.freqs
        return self.net(torch.cat([x, ft.sin(), ft.cos()], 1))


def flow_matching_loss(v: VelocityField, x0: torch.Tensor, x1: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """‖v(x_t, t) − (x₁ − x₀)‖² averaged; x0, x1 (N, 2), t (N,) in [0, 1]."""
    xt = (1 - t[:, None]) * x0 + t[:, None] * x1
    return ((v(xt, t) - (x1 - x0)) ** 2).sum(1).mean()


def euler_paths(v: VelocityField, x0: torch.Tensor, steps: int) -> torch.Tensor:
    """Euler integration of dx/dt = v(x, t) from t = 0 to 1 -> (steps + 1, N, 2), x0 first.
    ``steps`` network evaluations."""
    h, x, path = 1.0 / steps, x0, [x0]
    for i in range(steps):
        x = x + h * v(x, torch.full((len(x),), i * h))
        path.append(x)
    return torch.stack(path)


def straightness(path: torch.Tensor) -> float:
    """Path length / chord − 1, the median over points: 0 for straight lines."""
    length = (path[1:] - path[:-1]).norm(dim=-1).sum(0)
    chord = (path[-1] - path[0]).norm(dim=-1)
    return float(torch.median(length / chord.clamp_min(1e-6)) - 1)


class FlowMatchingRun:
    """A visitor's flow-matching run: trains on independent pairs (x₀, x₁) or, after ``reflow``,
    on the model's own coupling."""

    def __init__(self, cfg: FlowMatchingConfig, sample_real):
        self.cfg, self.sample_real = cfg, sample_real
        torch.manual_seed(cfg.seed)
        self.v = VelocityField(cfg.width)
        self.opt = torch.optim.Adam(self.v.parameters(), lr=cfg.lr)
        self.gen = torch.Generator().manual_seed(cfg.seed)
        self.steps, self.reflows = 0, 0
        self.losses: list[float] = []
        self.pairs: tuple[torch.Tensor, torch.Tensor] | None = None  # (x₀, x₁) after reflow

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        n = self.cfg.batch
        if self.pairs is None:
            return torch.randn(n, 2, generator=self.gen), self.sample_real(n, self.gen)
        idx = torch.randint(len(self.pairs[0]), (n,), generator=self.gen)
        return self.pairs[0][idx], self.pairs[1][idx]

    def advance(self, n: int) -> None:
        self.v.train()
        for _ in range(n):
            x0, x1 = self._batch()
            t = torch.rand(len(x0), generator=self.gen)
            loss = flow_matching_loss(self.v, x0, x1, t)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.steps += 1
            self.losses.append(float(loss))

    @torch.no_grad()
    def reflow(self, pairs: int = 20_000, steps: int = 64) -> None:
        """Replace the training pairs by (x₀, ODE(x₀)) of the current model, 64 Euler steps each."""
        x0 = torch.randn(pairs, 2, generator=self.gen)
        self.pairs = (x0, euler_paths(self.v, x0, steps)[-1])
        self.reflows += 1

    @torch.no_grad()
    def samples(self, n: int, steps: int, seed: int) -> np.ndarray:
        x0 = torch.randn(n, 2, generator=torch.Generator().manual_seed(seed))
        return euler_paths(self.v.eval(), x0, steps)[-1].numpy()

    @torch.no_grad()
    def paths(self, n: int, seed: int, steps: int = 32) -> torch.Tensor:
        x0 = torch.randn(n, 2, generator=torch.Generator().manual_seed(seed))
        return euler_paths(self.v.eval(), x0, steps)
