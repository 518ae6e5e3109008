"""Every measure of generated digits, computed with the evaluator (the app's Inception network):
class accuracy, class histogram and entropy, digits-FID split into its two terms, Inception Score,
KID, precision / recall / density / coverage, within-class diversity.

digits-FID is the Fréchet distance (Heusel et al. 2017) between Gaussians fitted to the
evaluator's 128-D penultimate features of two image sets, instead of Inception features. IS and
KID follow Salimans et al. 2016 and Bińkowski et al. 2018 as torchmetrics computes them;
precision/recall (Kynkäänniemi et al. 2019) and density/coverage (Naeem et al. 2020) come from
``prdc``, the authors' package. Tests check each against a library or a closed form.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from models.measure.evaluator import Evaluator


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
    return _histogram(predict(evaluator, x))


def _histogram(predicted: torch.Tensor) -> tuple[np.ndarray, float]:
    counts = np.bincount(predicted.numpy(), minlength=10)
    p = counts / max(counts.sum(), 1)
    entropy = float(-(p[p > 0] * np.log(p[p > 0])).sum()) + 0.0  # + 0.0: a one-class set gives 0, not -0
    return counts, entropy


@dataclass(frozen=True)
class FIDTerms:
    """FID = mean + covariance. mean = ||μ1 − μ2||² (where the sets sit); covariance =
    Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^{1/2}) (how they spread: a set missing classes or too uniform)."""

    mean: float
    covariance: float

    @property
    def total(self) -> float:
        return self.mean + self.covariance


def fid_terms(f1: np.ndarray, f2: np.ndarray) -> FIDTerms:
    """The two terms of the Fréchet distance between feature sets (N, F).

    Tr((Σ1 Σ2)^{1/2}) is computed as Σ sqrt(eig(Σ1^{1/2} Σ2 Σ1^{1/2})), a symmetric PSD matrix, so
    it stays real and stable when ReLU features make the covariances singular.
    """
    f1, f2 = np.asarray(f1, np.float64), np.asarray(f2, np.float64)
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    w, v = np.linalg.eigh(s1)
    s1_half = (v * np.sqrt(w.clip(0))) @ v.T
    tr_covmean = np.sqrt(np.linalg.eigvalsh(s1_half @ s2 @ s1_half).clip(0)).sum()
    return FIDTerms(float(((mu1 - mu2) ** 2).sum()), float(np.trace(s1) + np.trace(s2) - 2 * tr_covmean))


def frechet_distance(f1: np.ndarray, f2: np.ndarray) -> float:
    """||μ1 − μ2||² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^{1/2}) between feature sets (N, F)."""
    return fid_terms(f1, f2).total


def inception_score(probs: np.ndarray, splits: int = 1) -> tuple[float, float]:
    """IS = exp(E_x KL(p(y|x) || p(y))), p(y) the mean of p(y|x) over the split; probs (N, C).
    -> (mean, std) over ``splits`` equal parts (torchmetrics' and Salimans et al.'s definition).
    1 for a set the evaluator cannot tell apart, C for confident, evenly spread classes."""
    probs = np.asarray(probs, np.float64)
    scores = []
    for part in np.array_split(probs, splits):
        marginal = part.mean(0, keepdims=True)
        kl = (part * (np.log(part + 1e-12) - np.log(marginal + 1e-12))).sum(1)
        scores.append(np.exp(kl.mean()))
    return float(np.mean(scores)), float(np.std(scores))


def kid(f1: np.ndarray, f2: np.ndarray, subsets: int = 100, subset_size: int = 100, seed: int = 0):
    """Kernel Inception Distance: the unbiased MMD² with the cubic kernel k(x, y) = (x·y / d + 1)³,
    averaged over ``subsets`` random subsets of ``subset_size`` of each set (with replacement
    across subsets). -> (mean, std). Unlike FID it has no bias from the sample size."""
    f1, f2 = np.asarray(f1, np.float64), np.asarray(f2, np.float64)
    m = min(subset_size, len(f1), len(f2))
    d = f1.shape[1]
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(subsets):
        x = f1[rng.choice(len(f1), m, replace=False)]
        y = f2[rng.choice(len(f2), m, replace=False)]
        kxx, kyy, kxy = (((a @ b.T) / d + 1) ** 3 for a, b in ((x, x), (y, y), (x, y)))
        off = (kxx.sum() - np.trace(kxx) + kyy.sum() - np.trace(kyy)) / (m * (m - 1))
        values.append(off - 2 * kxy.mean())
    return float(np.mean(values)), float(np.std(values))


def prdc(real: np.ndarray, fake: np.ndarray, k: int = 5) -> dict[str, float]:
    """Precision, recall, density and coverage of ``fake`` against ``real`` features (k-NN balls),
    by ``prdc`` (Naeem et al.'s package). Precision: the share of fakes inside some real ball
    (quality); recall: the share of reals inside some fake ball (coverage of the data)."""
    import contextlib
    import io

    from prdc import compute_prdc

    with contextlib.redirect_stdout(io.StringIO()):  # it prints the set sizes
        values = compute_prdc(np.asarray(real), np.asarray(fake), nearest_k=k)
    return {name: float(v) for name, v in values.items()}


def digits_fid(evaluator: Evaluator, x_generated: torch.Tensor, x_reference: torch.Tensor) -> float:
    return frechet_distance(features(evaluator, x_generated).numpy(), features(evaluator, x_reference).numpy())


def classes_covered(evaluator: Evaluator, x: torch.Tensor, min_share: float = 0.01) -> int:
    """How many of the 10 classes the evaluator sees in at least ``min_share`` of the samples."""
    return _covered(class_histogram(evaluator, x)[0], min_share)


def _covered(counts: np.ndarray, min_share: float = 0.01) -> int:
    return int((counts >= min_share * max(counts.sum(), 1)).sum())


def measure_samples(
    evaluator: Evaluator,
    x: torch.Tensor,
    reference: torch.Tensor | np.ndarray,
    labels: torch.Tensor | None = None,
    k: int = 5,
) -> dict[str, float]:
    """Every set measure of samples ``x`` (N, 1, 28, 28) in [0, 1] against ``reference`` digits:
    FID and its two terms, KID, IS, precision/recall/density/coverage, class entropy and classes
    covered, and class accuracy when the intended ``labels`` are given. ``reference``: digits, or
    their evaluator features (N, 128) as a numpy array, computed once by a caller that reuses them."""
    fx = features(evaluator, x).numpy()
    fr = reference if isinstance(reference, np.ndarray) else features(evaluator, reference).numpy()
    fid = fid_terms(fx, fr)
    logits = _batched(evaluator, evaluator, x)  # one pass of the classifier serves IS, the histogram, accuracy
    probs = torch.softmax(logits, 1).numpy()
    counts, entropy = _histogram(logits.argmax(1))
    out = {
        "fid": fid.total,
        "fid_mean_term": fid.mean,
        "fid_covariance_term": fid.covariance,
        "kid": kid(fx, fr, subsets=50, subset_size=min(100, len(fx), len(fr)))[0],
        "inception_score": inception_score(probs)[0],
        **prdc(fr, fx, k=k),
        "class_entropy": entropy,
        "classes_covered": _covered(counts),
    }
    if labels is not None:
        out["class_accuracy"] = float((logits.argmax(1) == labels.cpu()).float().mean())
    return out


def psnr(x: torch.Tensor, reference: torch.Tensor, data_range: float = 1.0) -> float:
    """Mean over images of 10 log10(range² / MSE), x and reference (N, C, H, W) on the same range
    (skimage's ``peak_signal_noise_ratio`` per image; MSE floored so an exact copy stays finite)."""
    mse = ((x.float() - reference.float()) ** 2).flatten(1).mean(1).clamp_min(1e-10)
    return float((10 * torch.log10(data_range**2 / mse)).mean())
