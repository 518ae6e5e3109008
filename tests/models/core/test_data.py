import numpy as np
import torch

from models.core.data import PHOTO_NAMES, digit_split, photo, split_indices
from models.core.toy2d import TOY_SETS


def test_split_sizes_and_stratification():
    s = digit_split()
    assert s.x_train.shape == (4500, 1, 28, 28) and s.x_test.shape == (500, 1, 28, 28)
    assert torch.equal(s.y_test.bincount(minlength=10), torch.full((10,), 50))
    assert torch.equal(s.y_train.bincount(minlength=10), torch.full((10,), 450))
    assert 0.0 <= float(s.x_train.min()) and float(s.x_train.max()) <= 1.0


def test_split_is_fixed_and_disjoint():
    labels = np.repeat(np.arange(10), 500)
    train_a, test_a = split_indices(labels)
    train_b, test_b = split_indices(labels)
    assert np.array_equal(test_a, test_b) and np.array_equal(train_a, train_b)
    assert not set(train_a) & set(test_a)
    assert len(train_a) + len(test_a) == 5000
    _, test_other = split_indices(labels, seed=1)
    assert not np.array_equal(test_a, test_other)


def test_no_test_digit_is_also_in_train():
    s = digit_split()
    train = {bytes(x.numpy().tobytes()) for x in s.x_train}
    assert sum(bytes(x.numpy().tobytes()) in train for x in s.x_test) <= 2  # MNIST has a few exact duplicates


def test_photos_are_grey_in_unit_range():
    for name in PHOTO_NAMES:
        img = photo(name)
        assert img.ndim == 2 and img.dtype == np.float32 and 0.0 <= img.min() and img.max() <= 1.0


def test_toy_sets_sample_near_their_modes():
    ring = TOY_SETS["ring8"]
    x = ring.sample(2000, seed=0)
    d = np.sqrt(((x[:, None] - ring.centres[None]) ** 2).sum(-1)).min(1)
    assert (d < 3 * ring.sigma * 1.5).mean() > 0.98
    assert np.array_equal(x, ring.sample(2000, seed=0))
    assert len(TOY_SETS["grid25"].centres) == 25
    assert TOY_SETS["spiral"].sample(100).shape == (100, 2)
    assert TOY_SETS["moons"].sample(100).shape == (100, 2)
