import numpy as np
from scipy import linalg

from models.measure.metrics import fid_terms, frechet_distance, inception_score, kid, prdc


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


def test_fid_terms_split_where_and_how_the_sets_spread():
    rng = np.random.default_rng(2)
    a = rng.normal(size=(400, 8))
    shifted = a + np.array([3.0] + [0.0] * 7)  # the same spread, moved by 3 along one axis
    terms = fid_terms(a, shifted)
    assert abs(terms.mean - 9.0) < 1e-9 and abs(terms.covariance) < 1e-6  # ||μ1 − μ2||² = 3²
    centred = a - a.mean(0)
    wider = fid_terms(centred, centred * 2)  # the same centre, twice the spread
    assert wider.mean < 1e-9 < wider.covariance and abs(terms.total - frechet_distance(a, shifted)) < 1e-9
    assert abs(wider.covariance - np.trace(np.cov(centred, rowvar=False))) < 1e-6  # Tr(Σ + 4Σ − 2·2Σ) = Tr Σ


def test_inception_score_against_torchmetrics_and_its_bounds():
    import torch
    from torchmetrics.image.inception import InceptionScore

    rng = np.random.default_rng(3)
    logits = rng.normal(size=(300, 10)) * 3
    probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    metric = InceptionScore(feature=torch.nn.Identity(), splits=1)
    metric.update(torch.tensor(logits, dtype=torch.float64))
    assert abs(inception_score(probs)[0] - float(metric.compute()[0])) < 1e-6
    confident = np.eye(10)[np.arange(300) % 10]  # sure of each class, all classes equally often: IS = 10
    assert abs(inception_score(confident)[0] - 10) < 1e-3
    assert abs(inception_score(np.full((300, 10), 0.1))[0] - 1) < 1e-9  # cannot tell anything apart: 1


def test_kid_against_torchmetrics_and_zero_for_the_same_distribution():
    import torch
    from torchmetrics.image.kid import KernelInceptionDistance

    rng = np.random.default_rng(4)
    a, b = rng.normal(size=(200, 16)), rng.normal(size=(200, 16)) + 0.5
    metric = KernelInceptionDistance(feature=torch.nn.Identity(), subsets=1, subset_size=200)
    metric.update(torch.tensor(a), real=True)
    metric.update(torch.tensor(b), real=False)
    assert abs(kid(a, b, subsets=1, subset_size=200)[0] - float(metric.compute()[0])) < 1e-6
    same = kid(a, rng.normal(size=(200, 16)), subsets=20, subset_size=100)[0]
    assert abs(same) < 0.02 < kid(a, b, subsets=20, subset_size=100)[0]  # unbiased: ~0 for one distribution


def test_precision_recall_density_coverage_known_answers():
    rng = np.random.default_rng(5)
    centres = rng.normal(size=(10, 8)) * 10  # ten well-separated "classes"
    labels = np.arange(500) % 10
    real = centres[labels] + rng.normal(size=(500, 8))
    same = prdc(real, real, k=5)
    assert same["precision"] == 1 and same["recall"] == 1 and same["coverage"] == 1
    five = centres[labels[labels < 5]] + rng.normal(size=(250, 8))  # a generator that forgot 5 classes
    dropped = prdc(real, five, k=5)
    assert dropped["precision"] > 0.9 and 0.4 < dropped["recall"] < 0.6 and 0.4 < dropped["coverage"] < 0.6
    far = prdc(real, real + 10, k=5)
    assert far["precision"] == 0 and far["recall"] == 0
