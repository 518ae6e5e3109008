"""The evaluator: a small CNN classifier of the digits.

Its class predictions give class accuracy and class histograms of generated samples, and its
penultimate features (128-D) define the digits-FID (``models.measure.metrics``).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class EvaluatorConfig:
    width: int = 32  # channels of the first conv block; enough for >98% on MNIST, ~0.5 M params
    feature_dim: int = 128  # size of the feature vector used for FID; MNIST-FID tradition
    dropout: float = 0.3  # the train split is only 4,500 digits, so regularise the head
    epochs: int = 20  # held-out accuracy plateaus by ~15 epochs with augmentation
    batch_size: int = 128  # small enough for many updates per epoch on 4,500 digits
    lr: float = 2e-3  # Adam with one-cycle schedule; peak learning rate
    seed: int = 0  # everything random is seeded


class Evaluator(nn.Module):
    """x: (B, 1, 28, 28) in [0, 1] -> logits (B, 10); ``features`` -> (B, feature_dim)."""

    def __init__(self, cfg: EvaluatorConfig = EvaluatorConfig()):
        super().__init__()
        w = cfg.width

        def block(cin, cout):
            return nn.Sequential(
                nn.Conv2d(cin, cout, 3, padding=1, bias=False),
                nn.BatchNorm2d(cout),
                nn.ReLU(),
                nn.Conv2d(cout, cout, 3, padding=1, bias=False),
                nn.BatchNorm2d(cout),
                nn.ReLU(),
                nn.MaxPool2d(2),
            )

        self.body = nn.Sequential(block(1, w), block(w, 2 * w), nn.Flatten())
        self.embed = nn.Sequential(nn.Linear(2 * w * 7 * 7, cfg.feature_dim), nn.ReLU())
        self.head = nn.Sequential(nn.Dropout(cfg.dropout), nn.Linear(cfg.feature_dim, 10))

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.embed(self.body(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))
