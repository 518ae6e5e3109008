"""Metrics computed with the evaluator: class accuracy, class histogram, digits-FID.

digits-FID is the Fréchet distance (Heusel et al. 2017) between Gaussians fitted to the
evaluator's 128-D penultimate features of two image sets, instead of Inception features.
"""

from __future__ import annotations

import numpy as np
import torch

from models.evaluator import Evaluator


@torch.inference_mode()
def _batched(evaluator: Evaluator, fn, x: torch.Tensor, batch: int = 500) -> torch.Tensor:
    """fn (the evaluator or one of its methods) over x in batches, on the evaluator's device
    (samples may come from a model on another device); result on the CPU."""
    dev = next(evaluator.parameters()).device
    return torch.cat([fn(x[i : i + batch].to(dev)).float().cpu() for i in range(0, len(x), batch)])


def predict(evaluator: Evaluator, x: torch.Tensor) -> torch.Tensor:
    """x: (N, 1, 28, 28) in [0, 1] -> predicted labels (N,)."""
    evaluator.eval()
    return _batched(evaluator, evaluator, x).argmax(1)


def features(evaluator: Evaluator, x: torch.Tensor) -> torch.Tensor:
    """x: (N, 1, 28, 28) in [0, 1] -> (N, 128) features."""
    evaluator.eval()
    return _batched(evaluator, evaluator.features, x)


def class_accuracy(evaluator: Evaluator, x: torch.Tensor, labels: torch.Tensor) -> float:
    return float((predict(evaluator, x) == labels.cpu()).float().mean())


def class_histogram(evaluator: Evaluator, x: torch.Tensor) -> tuple[np.ndarray, float]:
    """-> (counts per class (10,), entropy of the predicted-class distribution in nats)."""
    counts = np.bincount(predict(evaluator, x).numpy(), minlength=10)
    p = counts / max(counts.sum(), 1)
    entropy = float(-(p[p > 0] * np.log(p[p > 0])).sum()) + 0.0  # + 0.0: a one-class set gives 0, not -0
    return counts, entropy


def frechet_distance(f1: np.ndarray, f2: np.ndarray) -> float:
    """||μ1 − μ2||² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^{1/2}) between feature sets (N, F).

    Tr((Σ1 Σ2)^{1/2}) is computed as Σ sqrt(eig(Σ1^{1/2} Σ2 Σ1^{1/2})), a symmetric PSD matrix, so
    it stays real and stable when ReLU features make the covariances singular.
    """
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    w, v = np.linalg.eigh(s1)
    s1_half = (v * np.sqrt(w.clip(0))) @ v.T
    tr_covmean = np.sqrt(np.linalg.eigvalsh(s1_half @ s2 @ s1_half).clip(0)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * tr_covmean)


def digits_fid(evaluator: Evaluator, x_generated: torch.Tensor, x_reference: torch.Tensor) -> float:
    return frechet_distance(features(evaluator, x_generated).numpy(), features(evaluator, x_reference).numpy())
