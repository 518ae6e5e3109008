"""Control maps and fidelity measures on images with known answers."""

import numpy as np
import pytest

from models.diffusion.control.controls import canny_map, edge_f1, silhouette_iou


def square(size=32, lo=8, hi=24):
    img = np.zeros((size, size))
    img[lo:hi, lo:hi] = 1.0
    return img


def test_canny_finds_the_outline_of_a_square():
    edges = canny_map(square(), 0.1, 0.2)
    assert edges.dtype == bool and edges.any()
    ys, xs = np.nonzero(edges)
    assert 6 <= ys.min() <= 9 and 22 <= ys.max() <= 25 and 6 <= xs.min() <= 9 and 22 <= xs.max() <= 25
    assert not edges[12:20, 12:20].any()  # nothing inside the flat square
    assert not canny_map(np.zeros((32, 32)), 0.1, 0.2).any()
    with pytest.raises(ValueError, match="low < high"):
        canny_map(square(), 0.3, 0.2)


def test_edge_f1_known_answers():
    a = canny_map(square())
    assert edge_f1(a, a) == 1.0
    shifted = np.roll(a, 1, axis=1)
    assert edge_f1(shifted, a, tolerance=1.0) == 1.0  # one pixel off is within tolerance
    assert edge_f1(shifted, a, tolerance=0.0) < 0.7
    far = np.roll(a, 10, axis=0)
    assert edge_f1(far, a, tolerance=1.0) < 0.5
    assert edge_f1(np.zeros_like(a), a) == 0.0
    half = a.copy()
    half[:, 16:] = False  # half the edges: precision 1, recall about 1/2 -> F1 about 2/3
    assert 0.55 < edge_f1(half, a) < 0.8


def test_silhouette_iou_known_answers():
    a = square() > 0
    assert silhouette_iou(a, a) == 1.0
    b = np.zeros_like(a)
    b[8:24, 8:16] = True  # half of a
    assert silhouette_iou(a, b) == pytest.approx(0.5)
    assert silhouette_iou(a, ~a) == 0.0
    assert silhouette_iou(np.zeros_like(a), np.zeros_like(a)) == 1.0
