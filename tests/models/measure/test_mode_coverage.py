import numpy as np

from models.core.toy2d import TOY_SETS
from models.measure.mode_coverage import grid_divergences, mode_coverage

RING = TOY_SETS["ring8"]
GRID = TOY_SETS["grid25"]


def test_real_data_covers_every_mode_with_high_quality():
    cov = mode_coverage(RING.sample(2500, seed=1), RING.centres, RING.sigma)
    assert cov.modes_covered == 8 and cov.high_quality > 0.98  # 3σ holds 98.9% of a 2-D Gaussian
    cov = mode_coverage(GRID.sample(2500, seed=1), GRID.centres, GRID.sigma)
    assert cov.modes_covered == 25 and cov.high_quality > 0.98
    assert 0.9 < cov.spread < 1.0  # σ, less the 1.1% of the tail beyond 3σ


def test_spread_measures_mode_width_in_sigma():
    x = GRID.centres[7] + 0.5 * GRID.sigma * np.random.default_rng(0).standard_normal((4000, 2))
    assert abs(mode_coverage(x, GRID.centres, GRID.sigma).spread - 0.5) < 0.02
    assert np.isnan(mode_coverage(np.zeros((3, 2)) + 1.0, GRID.centres, GRID.sigma).spread)  # none in 3σ


def test_collapsed_samples_cover_one_mode():
    x = RING.centres[3] + RING.sigma * np.random.default_rng(0).standard_normal((2500, 2))
    cov = mode_coverage(x, RING.centres, RING.sigma)
    assert cov.modes_covered == 1 and cov.per_mode[3] == cov.per_mode.sum()


def test_hand_made_set_with_known_answer():
    c = RING.centres
    s = RING.sigma
    x = np.concatenate(
        [
            c[0] + [2.9 * s, 0] * np.ones((10, 2)),  # inside 3σ: high quality, mode 0
            c[1] + [3.1 * s, 0] * np.ones((5, 2)),  # just outside 3σ: low quality
            c[2][None] * np.ones((1, 2)),  # one sample exactly on mode 2
            np.zeros((4, 2)),  # the empty middle of the ring
        ]
    )
    cov = mode_coverage(x, c, s)
    assert cov.modes_covered == 2 and abs(cov.high_quality - 11 / 20) < 1e-9
    assert cov.per_mode[0] == 10 and cov.per_mode[2] == 1
    assert mode_coverage(x, c, s, min_count=2).modes_covered == 1


def test_samples_between_modes_are_low_quality():
    mid = (RING.centres[:-1] + RING.centres[1:]) / 2
    cov = mode_coverage(np.repeat(mid, 100, 0), RING.centres, RING.sigma)
    assert cov.high_quality == 0.0 and cov.modes_covered == 0


def test_grid_divergences():
    real = RING.sample(5000, seed=0)
    kl_same, js_same = grid_divergences(real, RING.sample(5000, seed=1), extent=3.0)
    collapsed = np.repeat(RING.centres[:1], 5000, 0)
    kl_bad, js_bad = grid_divergences(real, collapsed, extent=3.0)
    assert js_same < 0.05 < js_bad <= np.log(2) + 1e-9 and kl_same < kl_bad
