"""One 2-D flow training run with its history: the object a visitor's session holds (the flows
lab's counterpart of ``gan2d_run``). It trains by maximum likelihood and, every ``eval_every``
steps, records the measures and a snapshot (samples and the exact density over the view).

Measures, on the toy mixtures with known modes (the GAN lab's protocol for the last two):
- held-out NLL = −mean log q(x) over 2,000 fresh data points, nats; the **KL gap** = held-out NLL −
  H(p), the exact KL(p ‖ q) up to Monte Carlo error (H from ``Toy2D.entropy``);
- **bridge mass**: the share of the model's samples farther than a quarter of the closest two
  centres' spacing from every centre — between the modes, where the data has none;
- modes covered and % high quality (within 3σ of a centre) of 2,500 samples;
- invertibility error max |f(f⁻¹(x)) − x| over the held-out points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from models.core.toy2d import TOY_SETS
from models.core.toy2d_samplers import points_sampler, toy_sampler
from models.flows.flows2d import Flow2DConfig, build_flow, density_grid, sample
from models.measure.mode_coverage import mode_coverage

EXTENTS = {"ring8": 3.0, "grid25": 6.0, "spiral": 3.8, "moons": 2.8, "drawn": 3.0}
N_EVAL, N_HELD_OUT, N_SHOW = 2500, 2000, 800


def bridge_mass(samples: np.ndarray, centres: np.ndarray) -> float:
    """Share of samples farther than ¼ of the smallest centre spacing from every centre."""
    gaps = np.sqrt(((centres[:, None] - centres[None]) ** 2).sum(-1))
    radius = gaps[gaps > 0].min() / 4
    d = np.sqrt(((samples[:, None] - centres[None]) ** 2).sum(-1)).min(1)
    return float((d > radius).mean())


@dataclass
class FlowSnapshot:
    step: int
    samples: np.ndarray  # (N_SHOW, 2)
    log_density: np.ndarray  # (80, 80) log q(x) over the view, row 0 at the top


@dataclass
class FlowHistory:
    step: list[int] = field(default_factory=list)
    train_nll: list[float] = field(default_factory=list)  # per step, the batch's
    eval_step: list[int] = field(default_factory=list)
    held_out_nll: list[float] = field(default_factory=list)
    modes: list[int] = field(default_factory=list)
    high_quality: list[float] = field(default_factory=list)
    bridge: list[float] = field(default_factory=list)


class FlowRun:
    def __init__(self, cfg: Flow2DConfig, drawn: np.ndarray | None = None, eval_every: int = 100):
        self.cfg, self.eval_every = cfg, eval_every
        if cfg.dataset == "drawn":
            if drawn is None or len(drawn) < 2:
                raise ValueError("the drawn data set needs at least two points")
            pts = np.asarray(drawn, np.float32)
            self.sample_real = points_sampler(pts)
            gen = torch.Generator().manual_seed(10_000 + cfg.seed)
            self.held_out = self.sample_real(N_HELD_OUT, gen).numpy()
            self.centres, self.sigma, self.entropy = None, None, None
        else:
            toy = TOY_SETS[cfg.dataset]
            self.sample_real = toy_sampler(cfg.dataset, seed=cfg.seed)
            self.held_out = toy.sample(N_HELD_OUT, seed=10_000 + cfg.seed)
            self.centres, self.sigma = toy.centres, toy.sigma
            self.entropy = toy.entropy()[0] if toy.centres is not None else None
        self.extent = EXTENTS[cfg.dataset]
        self.flow = build_flow(cfg, scale=self.extent / 3)
        self.gen = torch.Generator().manual_seed(cfg.seed)
        with torch.no_grad():  # actnorm's data-dependent initialisation, on a first data batch
            self.flow.log_prob(self.sample_real(cfg.batch, torch.Generator().manual_seed(cfg.seed + 1)))
        self.opt = torch.optim.Adam(self.flow.parameters(), lr=cfg.lr, foreach=True)
        self.steps = 0
        self.history = FlowHistory()
        self.snapshots: list[FlowSnapshot] = []
        self.record()

    def advance(self, n: int) -> None:
        """n maximum-likelihood steps, recording every ``eval_every``."""
        self.flow.train()
        for _ in range(n):
            x = self.sample_real(self.cfg.batch, self.gen)
            loss = -self.flow.log_prob(x).mean()
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.flow.parameters(), 100.0)
            self.opt.step()
            self.steps += 1
            self.history.step.append(self.steps)
            self.history.train_nll.append(loss.item())
            if self.steps % self.eval_every == 0:
                self.record()

    def record_if_new(self) -> None:
        if self.history.eval_step[-1] != self.steps:
            self.record()

    @torch.no_grad()
    def record(self) -> None:
        self.flow.eval()
        h = self.history
        h.eval_step.append(self.steps)
        h.held_out_nll.append(self.held_out_nll())
        samples = sample(self.flow, N_EVAL, seed=self.cfg.seed + 7).numpy()
        samples = samples[np.isfinite(samples).all(1)]
        if self.centres is not None:
            cov = mode_coverage(samples, self.centres, self.sigma)
            h.modes.append(cov.modes_covered)
            h.high_quality.append(cov.high_quality)
            h.bridge.append(bridge_mass(samples, self.centres))
        grid = density_grid(self.flow, self.extent).numpy()
        self.snapshots.append(FlowSnapshot(self.steps, samples[:N_SHOW], grid))

    @torch.no_grad()
    def held_out_nll(self) -> float:
        return float(-self.flow.log_prob(torch.from_numpy(self.held_out)).mean())

    @torch.no_grad()
    def invertibility_error(self) -> float:
        """max |f(f⁻¹(x)) − x| over the held-out points."""
        x = torch.from_numpy(self.held_out)
        return float((self.flow.forward(self.flow.inverse(x)) - x).abs().max())

    def latest(self) -> dict:
        """The latest measures by name (the KL gap and mode measures only where they are defined)."""
        h = self.history
        out = {"step": self.steps, "held_out_nll": h.held_out_nll[-1]}
        if self.entropy is not None:
            out.update(entropy=self.entropy, kl_gap=h.held_out_nll[-1] - self.entropy)
        if h.modes:
            out.update(
                modes=h.modes[-1], n_modes=len(self.centres), high_quality=h.high_quality[-1], bridge=h.bridge[-1]
            )
        return out
