"""One 2-D GAN training run with its history: the object a visitor's session holds.

It advances the GAN, records losses every step and, every ``eval_every`` steps, the coverage
metrics and a snapshot (fixed-noise samples and D's surface) for the replay scrubber.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from models.core.toy2d import TOY_SETS
from models.core.toy2d_samplers import points_sampler, toy_sampler
from models.gan.gan2d import GAN2D, GAN2DConfig
from models.measure.mode_coverage import grid_divergences, mode_coverage

EXTENTS = {"ring8": 3.0, "grid25": 6.0, "spiral": 3.8, "moons": 2.8, "drawn": 3.0}
N_EVAL = 2500  # samples for the coverage metrics (the VEEGAN / PacGAN protocol)
N_SHOW = 600  # samples kept per snapshot for drawing
REFINE_STEP = 0.004  # D-guided refinement: the median sample moves this fraction of the view's half-width per step


@dataclass
class Snapshot:
    step: int
    fake: np.ndarray  # (N_SHOW, 2) from fixed noise
    surface: np.ndarray  # (64, 64) D's output minus its real/fake midpoint over the view, row 0 = top
    arrows: tuple[np.ndarray, np.ndarray]  # generated points (K, 2) and −∇L_G there (K, 2)
    refined: np.ndarray | None = None  # (N_SHOW, 2): the same samples after D-guided refinement, if on


@dataclass
class History:
    step: list[int] = field(default_factory=list)
    d_loss: list[float] = field(default_factory=list)
    g_loss: list[float] = field(default_factory=list)
    eval_step: list[int] = field(default_factory=list)
    modes: list[int] = field(default_factory=list)
    high_quality: list[float] = field(default_factory=list)
    kl: list[float] = field(default_factory=list)
    js: list[float] = field(default_factory=list)
    # after D-guided refinement, at the eval steps where it was on (it can be switched mid-run)
    refined_step: list[int] = field(default_factory=list)
    refined_modes: list[int] = field(default_factory=list)
    refined_high_quality: list[float] = field(default_factory=list)


class GAN2DRun:
    def __init__(self, cfg: GAN2DConfig, drawn: np.ndarray | None = None, eval_every: int = 100, refine_steps: int = 0):
        """refine_steps: D-guided refinement steps applied to the evaluated samples (0 = off). It is
        a way of sampling, not of training, so it may change during a run (``set_refine``)."""
        self.cfg, self.eval_every, self.refine_steps = cfg, eval_every, refine_steps
        if cfg.dataset == "drawn":
            if drawn is None or len(drawn) < 2:
                raise ValueError("the drawn data set needs at least two points")
            self.real_eval = np.asarray(drawn, np.float32)
            sampler = points_sampler(self.real_eval)
            self.centres, self.sigma = None, None
        else:
            toy = TOY_SETS[cfg.dataset]
            sampler = toy_sampler(cfg.dataset, seed=cfg.seed)
            self.real_eval = toy.sample(N_EVAL, seed=10_000 + cfg.seed)
            self.centres, self.sigma = toy.centres, toy.sigma
        self.extent = EXTENTS[cfg.dataset]
        self.gan = GAN2D(cfg, sampler)
        self.history = History()
        self.snapshots: list[Snapshot] = []
        self.recorded: dict | None = None  # a finished run read from a file (``gan2d_record``): its metadata
        self.record()

    @property
    def steps(self) -> int:
        return self.gan.steps

    def record(self) -> None:
        """Coverage metrics and a snapshot at the current step."""
        fake_eval = self.gan.sample(N_EVAL).numpy()
        h = self.history
        h.eval_step.append(self.steps)
        self._append_coverage(fake_eval, h.modes, h.high_quality)
        kl, js = grid_divergences(self.real_eval, fake_eval, self.extent)
        h.kl.append(kl)
        h.js.append(js)
        x, g = self.gan.generator_gradients()
        surface = self.gan.critic_surface(self.extent).numpy()
        snap = Snapshot(self.steps, fake_eval[:N_SHOW], surface, (x.numpy(), g.numpy()))
        self.snapshots.append(snap)
        if self.refine_steps:
            self._record_refined(snap, fake_eval)

    def _record_refined(self, snap: Snapshot, fake_eval: np.ndarray) -> None:
        refined = self.refined(fake_eval)
        snap.refined = refined[:N_SHOW]
        h = self.history
        h.refined_step.append(snap.step)
        self._append_coverage(refined, h.refined_modes, h.refined_high_quality)

    def _append_coverage(self, samples: np.ndarray, modes: list[int], high_quality: list[float]) -> None:
        """Modes covered and % high quality of ``samples`` onto the given history lists (mixtures only)."""
        if self.centres is not None:
            cov = mode_coverage(samples, self.centres, self.sigma)
            modes.append(cov.modes_covered)
            high_quality.append(cov.high_quality)

    def refined(self, samples: np.ndarray, steps: int | None = None) -> np.ndarray:
        """(N, 2) samples after ``steps`` (default: the run's ``refine_steps``) steps up D's logit."""
        steps = self.refine_steps if steps is None else steps
        return self.gan.refine(torch.from_numpy(samples), steps, REFINE_STEP * self.extent).numpy()

    def set_refine(self, steps: int) -> None:
        """Switch refinement on/off or change its steps; the latest snapshot gets refined samples
        at once, so the view and the status line agree."""
        self.refine_steps = steps
        snap, h = self.snapshots[-1], self.history
        if h.refined_step and h.refined_step[-1] == snap.step:  # refined here with other steps: redo it
            h.refined_step.pop()
            if self.centres is not None:
                h.refined_modes.pop()
                h.refined_high_quality.pop()
        snap.refined = None
        if steps:
            self._record_refined(snap, self.gan.sample(N_EVAL).numpy())

    def advance(self, n: int) -> None:
        """Train n steps, recording every ``eval_every`` steps."""
        for _ in range(n):
            ld, lg = self.gan.step()
            h = self.history
            h.step.append(self.steps)
            h.d_loss.append(ld)
            h.g_loss.append(lg)
            if self.steps % self.eval_every == 0:
                self.record()

    def record_if_new(self) -> None:
        """Record the current step unless ``advance`` just did (so no snapshot is taken twice)."""
        if self.history.eval_step[-1] != self.steps:
            self.record()

    def latest_metrics(self) -> dict:
        h = self.history
        out = {"step": self.steps, "kl": h.kl[-1], "js": h.js[-1]}
        if h.modes:
            out.update(modes=h.modes[-1], n_modes=len(self.centres), high_quality=h.high_quality[-1])
        if self.refine_steps and h.refined_modes and h.refined_step[-1] == self.steps:
            out.update(refined_modes=h.refined_modes[-1], refined_high_quality=h.refined_high_quality[-1])
        return out


def final_coverage(run: GAN2DRun, refine_steps: int = 0):
    """Coverage of 2,500 samples at the current step (after ``refine_steps`` of D-guided refinement)."""
    return mode_coverage(run.refined(run.gan.sample(N_EVAL).numpy(), refine_steps), run.centres, run.sigma)
