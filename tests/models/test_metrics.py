import numpy as np
from scipy import linalg

from models.metrics import frechet_distance


def test_frechet_distance_matches_the_sqrtm_formula():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(500, 20))
    b = rng.normal(size=(500, 20)) * 1.3 + 0.2
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    ref = ((a.mean(0) - b.mean(0)) ** 2).sum() + np.trace(s1 + s2 - 2 * linalg.sqrtm(s1 @ s2).real)
    assert abs(frechet_distance(a, b) - ref) < 1e-6
    assert abs(frechet_distance(a, a)) < 1e-6


def test_frechet_distance_with_singular_covariances_is_finite():
    rng = np.random.default_rng(1)
    a = np.maximum(rng.normal(size=(100, 50)), 0)
    a[:, :10] = 0  # dead ReLU units: singular covariance
    assert np.isfinite(frechet_distance(a, a + 0.1)) and frechet_distance(a, a + 0.1) > 0
