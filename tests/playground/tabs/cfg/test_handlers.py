"""Guidance-grid handlers called directly on the shipped model: grid geometry, seeding, limits,
the trade-off measures and one cell's mechanics."""

import gradio as gr
import numpy as np
import pytest
import torch
from PIL import Image

from models.guidance_grid import GridSpec, grid_samples
from models.registry import default_registry
from playground.settings import SETTINGS
from playground.tabs.cfg import handlers as cfg
from playground.tabs.cfg.view import grid_size


def grid(**over):
    args = dict(classes=["1", "7", "unconditional"], scales="0, 2", seeds="0, 1", steps=5, sampler="DDIM",
                third_axis="none", third_values="", rescale=0.0, extra=0)  # fmt: skip
    return cfg.cfg_grid(*{**args, **over}.values())


def test_grid_image_size_matches_rows_columns_and_seeds():
    image, fig, table, path = grid()
    assert image.size == grid_size(rows=3, cols=2, seeds=2)
    assert Image.open(path).size == image.size
    assert "| w | class accuracy | diversity |" in table and "| 2 |" in table and "same noise" in table


def test_third_axis_stacks_sub_grids():
    image = grid(third_axis="steps", third_values="3, 5")[0]
    assert image.size == grid_size(rows=3, cols=2, seeds=2, blocks=2)
    image = grid(third_axis="sampler", third_values="DDIM, DPM-Solver++", seeds="0")[0]
    assert image.size == grid_size(rows=3, cols=2, seeds=1, blocks=2)


def test_same_seed_same_first_column_across_runs_and_grids():
    model = default_registry().load("diffusion")
    a = grid_samples(model, GridSpec((3, 8), (0.0, 2.0), (4,), 5))
    b = grid_samples(model, GridSpec((3, 8), (0.0, 5.0, 1.0), (4,), 5))
    torch.testing.assert_close(a[:, 0], b[:, 0])  # w = 0 column: same noise, same images
    c = grid_samples(model, GridSpec((3, 8), (0.0, 2.0), (5,), 5))
    assert not torch.allclose(a, c)
    # at w = 0 the class is ignored: both rows show the same unconditional sample
    torch.testing.assert_close(a[0, 0], a[1, 0], atol=1e-4, rtol=1e-3)


def test_measures_come_from_the_cells():
    _, fig, table, _ = grid(seeds="0", extra=2)
    assert "class accuracy" in table and "diversity" in table and len(fig.data) == 2
    _, fig, table, _ = grid(seeds="0", extra=0)
    assert "needs at least two samples per cell" in table and len(fig.data) == 1


def test_limits_and_malformed_ranges():
    with pytest.raises(gr.Error, match="0-8 \\(\\+2\\)"):
        grid(scales="zero to eight")
    with pytest.raises(gr.Error, match="at most"):
        grid(scales="0-100 [100]")
    with pytest.raises(gr.Error, match="limit is"):
        grid(classes=[str(d) for d in range(10)], scales="0-11 (+1)", seeds="0-3 (+1)")
    with pytest.raises(gr.Error, match="steps"):
        grid(steps=5000)
    with pytest.raises(gr.Error, match="at least one class"):
        grid(classes=[])
    with pytest.raises(gr.Error, match="sampler"):
        grid(third_axis="sampler", third_values="Euler")
    assert SETTINGS.cfg_images_max < 100 * 100


def test_mechanics_of_one_cell():
    strip, md = cfg.cfg_mechanics("3", 4.0, 0, 10, 3, 0.0)
    assert isinstance(strip, Image.Image) and "ε̂ = ε_u + w·(ε_c − ε_u)" in md and "w = 4" in md
    with pytest.raises(gr.Error, match="step to inspect"):
        cfg.cfg_mechanics("3", 4.0, 0, 10, 10, 0.0)


def test_rescale_changes_high_scale_samples():
    plain, rescaled = grid(scales="8", seeds="0")[0], grid(scales="8", seeds="0", rescale=0.7)[0]
    assert not np.array_equal(np.asarray(plain), np.asarray(rescaled))
