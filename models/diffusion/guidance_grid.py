"""Classifier-free guidance grids: classes x guidance scales x seeds, sampled in one batch, and the
measures of the trade-off (class accuracy and within-class diversity per scale).

Every cell with the same seed starts from the same x_T, whatever its class or scale, so a row or
column differs only by the knob it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch

from models.core.compute import autocast
from models.diffusion.model import DigitDiffusion, to_digit_space
from models.diffusion.samplers import guided_model_fn, make_scheduler, sample, sample_progressive, split_prediction


@dataclass(frozen=True)
class GridSpec:
    """labels: class per row (0-9, or the model's null class for an unconditional row)."""

    labels: tuple[int, ...]
    scales: tuple[float, ...]
    seeds: tuple[int, ...]
    steps: int = 25
    sampler: str = "DDIM"
    rescale: float = 0.0
    clip_sample: bool = False

    @property
    def n_images(self) -> int:
        return len(self.labels) * len(self.scales) * len(self.seeds)


def seed_noise(seeds: tuple[int, ...], shape=(1, 32, 32)) -> torch.Tensor:
    """(S, *shape): x_T of each seed, drawn on the CPU (the same on every device)."""
    return torch.stack([torch.randn(shape, generator=torch.Generator().manual_seed(int(s))) for s in seeds])


@torch.inference_mode()
def grid_samples(model: DigitDiffusion, spec: GridSpec, batch: int = 256) -> torch.Tensor:
    """-> (R, C, S, 1, 32, 32) samples in about [-1, 1]: row = label, column = scale, S seeds.

    All cells run as one batch (in chunks of ``batch``): per step, one forward pass of twice the
    chunk (conditional + unconditional halves).
    """
    r, c, s = len(spec.labels), len(spec.scales), len(spec.seeds)
    device = next(model.parameters()).device
    labels = torch.tensor(spec.labels).view(r, 1, 1).expand(r, c, s).reshape(-1)
    scales = torch.tensor(spec.scales, dtype=torch.float32).view(1, c, 1).expand(r, c, s).reshape(-1)
    noise = seed_noise(spec.seeds).view(1, 1, s, 1, 32, 32).expand(r, c, s, 1, 32, 32).reshape(-1, 1, 32, 32)
    out = []
    for i in range(0, len(labels), batch):
        fn = guided_model_fn(model, labels[i : i + batch], scales[i : i + batch].to(device), rescale=spec.rescale)
        scheduler = make_scheduler(spec.sampler, model.scheduler_config(), clip_sample=spec.clip_sample)
        gen = torch.Generator().manual_seed(int(spec.seeds[0]) + 1)
        out.append(sample(fn, scheduler, noise[i : i + batch].to(device), spec.steps, generator=gen).float().cpu())
    return torch.cat(out).view(r, c, s, 1, 32, 32)


@dataclass
class RowStep:
    """One step of one row of ``grid_rows``. row: 0-based; step: steps done in that row (1 … steps);
    samples: the row's (C, S, 1, 32, 32) on the CPU once its last step is done, else None."""

    row: int
    step: int
    steps: int
    samples: torch.Tensor | None = None


def grid_rows(model: DigitDiffusion, spec: GridSpec) -> Iterator[RowStep]:
    """``grid_samples`` one row at a time, yielding after every step (so a caller can show each row as it
    finishes, report progress and stop between steps). A row is one chunk of ``grid_samples`` (its C x S
    cells in one batch, the same x_T per seed, the step noise drawn from seed ``seeds[0] + 1``), so the
    rows stacked are ``grid_samples``' output."""
    c, s = len(spec.scales), len(spec.seeds)
    device = next(model.parameters()).device
    scales = torch.tensor(spec.scales, dtype=torch.float32).view(c, 1).expand(c, s).reshape(-1).to(device)
    noise = seed_noise(spec.seeds).view(1, s, 1, 32, 32).expand(c, s, 1, 32, 32).reshape(-1, 1, 32, 32).to(device)
    for i, y in enumerate(spec.labels):
        fn = guided_model_fn(model, torch.full((c * s,), int(y)), scales, rescale=spec.rescale)
        scheduler = make_scheduler(spec.sampler, model.scheduler_config(), clip_sample=spec.clip_sample)
        gen = torch.Generator().manual_seed(int(spec.seeds[0]) + 1)
        for rec in sample_progressive(fn, scheduler, noise, spec.steps, generator=gen, record=False):
            last = rec.index + 1 == rec.steps
            out = rec.x_prev.float().cpu().view(c, s, 1, 32, 32) if last else None
            yield RowStep(i, rec.index + 1, rec.steps, out)


def mean_pairwise_distance(features: torch.Tensor) -> float:
    """Mean Euclidean distance over all pairs of rows of (N, F); NaN for N < 2."""
    if len(features) < 2:
        return float("nan")
    d = torch.cdist(features, features)
    n = len(features)
    return float(d.sum() / (n * (n - 1)))


@torch.inference_mode()
def tradeoff(evaluator, samples: torch.Tensor, labels: tuple[int, ...], null_class: int) -> dict[str, np.ndarray]:
    """Per column (scale) of ``grid_samples``' output:

    accuracy: the evaluator's class accuracy over the conditional rows;
    diversity: mean pairwise distance of the evaluator's 128-D features among the samples of one
    cell (one class at one scale, different seeds), averaged over the conditional rows — NaN with
    a single seed.
    """
    r, c, s = samples.shape[:3]
    rows = [i for i, y in enumerate(labels) if y != null_class]
    acc, div = np.full(c, np.nan), np.full(c, np.nan)
    if not rows:
        return {"accuracy": acc, "diversity": div}
    x = to_digit_space(samples[rows].reshape(-1, 1, 32, 32))
    device = next(evaluator.parameters()).device
    feats = evaluator.features(x.to(device)).float().cpu().view(len(rows), c, s, -1)
    preds = evaluator(x.to(device)).argmax(1).cpu().view(len(rows), c, s)
    truth = torch.tensor([labels[i] for i in rows]).view(-1, 1, 1)
    acc = (preds == truth).float().mean(dim=(0, 2)).numpy()
    div = np.array([np.mean([mean_pairwise_distance(feats[i, j]) for i in range(len(rows))]) for j in range(c)])
    return {"accuracy": acc, "diversity": div}


@dataclass
class CellMechanics:
    """The guidance arithmetic of one cell at one step, as noise predictions (B=1 images).

    x_t: the sample entering the step; eps_uncond, eps_cond: the two halves of the forward pass;
    eps_guided = eps_uncond + w (eps_cond − eps_uncond) (before any rescale); x0_guided: its x̂₀.
    """

    t: int
    x_t: torch.Tensor
    eps_uncond: torch.Tensor
    eps_cond: torch.Tensor
    eps_guided: torch.Tensor
    x0_guided: torch.Tensor


@torch.inference_mode()
def cell_mechanics(
    model: DigitDiffusion,
    label: int,
    scale: float,
    seed: int,
    steps: int,
    at_step: int,
    sampler: str = "DDIM",
    rescale: float = 0.0,
) -> CellMechanics:
    """Run one cell's sampler up to step ``at_step`` (0-based) and take apart its guided prediction there."""
    device = next(model.parameters()).device
    fn = guided_model_fn(model, torch.tensor([label]), scale, rescale=rescale)
    scheduler = make_scheduler(sampler, model.scheduler_config())
    noise = seed_noise((seed,)).to(device)
    x = noise
    for rec in sample_progressive(fn, scheduler, noise, steps, generator=torch.Generator().manual_seed(seed + 1)):
        if rec.index == at_step:
            x, t = rec.x_t.to(device), rec.t
            break
    tt = torch.tensor(t, device=device)
    with autocast(device):
        both = model(torch.cat([x, x]), tt, torch.tensor([label, model.null_class], device=device)).float()
    cond, uncond = both.chunk(2)
    a = scheduler.alphas_cumprod.to(device)[t]
    kind = scheduler.config.prediction_type
    _, eps_c = split_prediction(cond, x, a, kind)
    _, eps_u = split_prediction(uncond, x, a, kind)
    guided = uncond + scale * (cond - uncond)
    x0_g, eps_g = split_prediction(guided, x, a, kind)
    return CellMechanics(t, x.cpu(), eps_u.cpu(), eps_c.cpu(), eps_g.cpu(), x0_g.cpu())
