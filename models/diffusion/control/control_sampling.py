"""Sampling under a ControlNet, and how faithful each output is to its control.

Fidelity, as the benchmark and the tab report it:
- edges: F1 between the Canny map of the output and the control map (1-pixel tolerance);
- pose: IoU between the output's silhouette (pixels above 0.5) and the figure that the pose
  really renders to (``figures.render_keypoints`` on the same keypoints).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch

from models.diffusion.control.controlnet import DigitControlNet, controlled_model_fn
from models.diffusion.control.controls import canny_map, edge_f1, silhouette_iou
from models.diffusion.model import DigitDiffusion
from models.diffusion.samplers import StepRecord, make_scheduler, sample_progressive

SILHOUETTE_LEVEL = 0.5
EDGE_TOLERANCE = 1.0


@dataclass(frozen=True)
class ControlRequest:
    """What one controlled generation needs besides the models.

    control: (C, 32, 32) in [0, 1], shared by every output, or (B, C, 32, 32) one per output;
    label: class index (the null class = unconditional), or one per output;
    scales: one conditioning scale per output image; seeds: one starting noise per output.
    """

    control: torch.Tensor
    label: int | tuple[int, ...]
    scales: tuple[float, ...]
    seeds: tuple[int, ...]
    guidance: float = 2.0
    start: float = 0.0
    end: float = 1.0
    steps: int = 25
    sampler: str = "DDIM"


def controlled_progressive(
    base: DigitDiffusion, net: DigitControlNet, req: ControlRequest, record: bool = False
) -> Iterator[StepRecord]:
    """``controlled_samples`` step by step: one ``StepRecord`` per step, with x̂₀ (B, 1, 32, 32) in
    [-1, 1] when ``record`` (for a progress view). Output i starts from the noise of ``seeds[i]`` (so a
    strip over scales with one seed repeated differs only by the scale)."""
    if len(req.scales) != len(req.seeds):
        raise ValueError("one seed per scale")
    device = next(base.parameters()).device
    b = len(req.scales)
    noise = torch.stack([torch.randn(1, 32, 32, generator=torch.Generator().manual_seed(s)) for s in req.seeds])
    control = req.control if req.control.ndim == 4 else req.control.unsqueeze(0).expand(b, -1, -1, -1)
    labels = torch.tensor(req.label) if isinstance(req.label, tuple) else torch.full((b,), req.label)
    if len(control) != b or len(labels) != b:
        raise ValueError("one control map and one label per output (or one shared)")
    model_fn = controlled_model_fn(
        base,
        net,
        control.float(),
        labels.long(),
        req.guidance,
        control_scale=torch.tensor(req.scales, dtype=torch.float32),
        start=req.start,
        end=req.end,
    )
    scheduler = make_scheduler(req.sampler, base.scheduler_config())
    yield from sample_progressive(model_fn, scheduler, noise.to(device), req.steps, record=record)


def as_images(x: torch.Tensor) -> torch.Tensor:
    """(B, 1, 32, 32) in [-1, 1] -> (B, 32, 32) in [0, 1] on the CPU."""
    return ((x.float().cpu()[:, 0] + 1) / 2).clamp(0, 1)


def controlled_samples(base: DigitDiffusion, net: DigitControlNet, req: ControlRequest) -> torch.Tensor:
    """All outputs of ``req`` in one batched run. -> (B, 32, 32) in [0, 1], B = len(scales)."""
    for rec in controlled_progressive(base, net, req):
        x = rec.x_prev
    return as_images(x)


def edge_fidelity(
    output: np.ndarray, control: np.ndarray, low: float = 0.1, high: float = 0.2, tolerance: float = EDGE_TOLERANCE
) -> float:
    """F1 of Canny(output) against the control edge map: output (H, W) in [0, 1], control bool."""
    return edge_f1(canny_map(output, low, high), np.asarray(control) > 0.5, tolerance)


def pose_fidelity(output: np.ndarray, silhouette: np.ndarray) -> float:
    """IoU of the output's silhouette against the figure the pose renders to (both (H, W) in [0, 1])."""
    return silhouette_iou(np.asarray(output) > SILHOUETTE_LEVEL, np.asarray(silhouette) > SILHOUETTE_LEVEL)
