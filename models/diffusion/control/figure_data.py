"""The procedural figure data set: random mannequins rendered at the diffusion model's size, each
with its keypoints, OpenPose-coloured skeleton and Canny edge map. Made by code, seeded, so
nothing is downloaded and every split is reproducible."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from models.diffusion.control.controls import canny_map
from models.diffusion.control.figures import random_pose, render, skeleton_image


@dataclass(frozen=True)
class FigureSet:
    """images (N, 1, S, S) in [0, 1]; keypoints (N, 14, 2) pixels; skeletons (N, 3, S, S) in [0, 1];
    edges (N, 1, S, S) in {0, 1} (Canny of the image)."""

    images: torch.Tensor
    keypoints: torch.Tensor
    skeletons: torch.Tensor
    edges: torch.Tensor


def figure_set(n: int, seed: int, size: int = 32, canny: tuple[float, float] = (0.1, 0.2)) -> FigureSet:
    """``n`` random figures from ``seed`` (train and test use different seeds)."""
    rng = np.random.default_rng(seed)
    images, points, skeletons, edges = [], [], [], []
    for _ in range(n):
        fig = render(random_pose(rng), size=size)
        images.append(fig.image)
        points.append(fig.keypoints)
        skeletons.append(skeleton_image(fig.keypoints, size, line_width=1).transpose(2, 0, 1) / 255.0)
        edges.append(canny_map(fig.image, *canny))
    return FigureSet(
        torch.from_numpy(np.stack(images)).unsqueeze(1).float(),
        torch.from_numpy(np.stack(points)).float(),
        torch.from_numpy(np.stack(skeletons)).float(),
        torch.from_numpy(np.stack(edges)).unsqueeze(1).float(),
    )
