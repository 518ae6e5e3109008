"""Control maps and their fidelity measures for ControlNet: Canny edges, edge F1 with a pixel
tolerance, and silhouette IoU."""

from __future__ import annotations

import numpy as np
from scipy import ndimage


def canny_map(image: np.ndarray, low: float = 0.1, high: float = 0.2, sigma: float = 1.0) -> np.ndarray:
    """(H, W) grey in [0, 1] -> (H, W) bool edges (skimage's Canny; thresholds on the gradient
    magnitude of the [0, 1] image, low < high)."""
    from skimage.feature import canny

    if not 0 <= low < high:
        raise ValueError(f"Canny thresholds need 0 ≤ low < high (got low {low}, high {high})")
    return canny(np.asarray(image, np.float64), sigma=sigma, low_threshold=low, high_threshold=high)


def edge_f1(predicted: np.ndarray, target: np.ndarray, tolerance: float = 1.0) -> float:
    """F1 of two edge maps (bool (H, W)), an edge pixel counting as matched when the other map has
    an edge within ``tolerance`` pixels (Euclidean): precision over predicted pixels, recall over
    target pixels (the BSDS-style tolerance, without one-to-one matching). 0 when either is empty."""
    predicted, target = np.asarray(predicted, bool), np.asarray(target, bool)
    if not predicted.any() or not target.any():
        return 0.0
    dist_to_target = ndimage.distance_transform_edt(~target)
    dist_to_pred = ndimage.distance_transform_edt(~predicted)
    precision = float((dist_to_target[predicted] <= tolerance).mean())
    recall = float((dist_to_pred[target] <= tolerance).mean())
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def silhouette_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two masks (bool (H, W)); 1 when both are empty."""
    a, b = np.asarray(a, bool), np.asarray(b, bool)
    union = np.logical_or(a, b).sum()
    return 1.0 if union == 0 else float(np.logical_and(a, b).sum() / union)
