"""The guidance grid's measures on inputs with known answers, and its batching on a tiny UNet."""

import math

import numpy as np
import torch

from models.core.registry import Registry
from models.diffusion.guidance_grid import GridSpec, grid_samples, mean_pairwise_distance, seed_noise, tradeoff
from models.diffusion.model import to_model_space
from tests.fixtures import tiny_diffusion


def test_mean_pairwise_distance():
    assert mean_pairwise_distance(torch.tensor([[0.0, 0.0], [3.0, 4.0]])) == 5.0
    pts = torch.tensor([[0.0], [1.0], [3.0]])
    assert math.isclose(mean_pairwise_distance(pts), (1 + 3 + 2) / 3, rel_tol=1e-6)
    assert math.isnan(mean_pairwise_distance(torch.zeros(1, 4)))


def test_tradeoff_on_real_digits_and_on_copies():
    from models.core.data import digit_split

    s = digit_split()
    ev = Registry(device="cpu").load("evaluator")
    # rows = classes 0..9, 2 "scales", 5 seeds: column 0 holds real test digits of the row's class,
    # column 1 holds one digit copied five times (no diversity) of the wrong class.
    x = torch.stack([s.x_test[s.y_test == c][:5] for c in range(10)])  # (10, 5, 1, 28, 28)
    wrong = torch.stack([s.x_test[s.y_test == (c + 1) % 10][:1].expand(5, 1, 28, 28) for c in range(10)])
    grid = torch.stack([x, wrong], 1)  # (10, 2, 5, 1, 28, 28)
    grid = to_model_space(grid.reshape(-1, 1, 28, 28)).view(10, 2, 5, 1, 32, 32)
    m = tradeoff(ev, grid, tuple(range(10)), null_class=10)
    assert m["accuracy"][0] >= 0.9 and m["accuracy"][1] <= 0.1
    assert m["diversity"][0] > 1.0 and m["diversity"][1] < 1e-3


def test_unconditional_rows_are_left_out_of_the_measures():
    ev = Registry(device="cpu").load("evaluator")
    grid = torch.zeros(2, 1, 2, 1, 32, 32) - 1
    m = tradeoff(ev, grid, (3, 10), null_class=10)
    assert np.isfinite(m["accuracy"]).all()
    m = tradeoff(ev, grid[1:], (10,), null_class=10)
    assert np.isnan(m["accuracy"]).all()


def test_grid_batches_every_cell_and_chunking_changes_nothing():
    tiny = tiny_diffusion()
    spec = GridSpec((1, 2, 10), (0.0, 3.0), (7, 8), steps=3)
    whole = grid_samples(tiny, spec)
    chunked = grid_samples(tiny, spec, batch=5)
    assert whole.shape == (3, 2, 2, 1, 32, 32)
    torch.testing.assert_close(whole, chunked, atol=2e-2, rtol=0)  # bf16 sums differ a little by batch size
    torch.testing.assert_close(seed_noise((7,))[0], torch.randn(1, 32, 32, generator=torch.Generator().manual_seed(7)))
