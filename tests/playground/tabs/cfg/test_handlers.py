"""Guidance-grid handlers called directly on the shipped model: grid geometry, seeding, limits,
the trade-off measures, the grid streamed row by row (progress, ETA, Stop), the controls the third axis
leaves meaningful, and one cell's mechanics."""

import re
import time

import gradio as gr
import numpy as np
import pytest
import torch
from PIL import Image

from models.core.registry import default_registry
from models.diffusion.guidance_grid import GridSpec, grid_rows, grid_samples
from playground import progress
from playground.settings import SETTINGS
from playground.tabs.cfg import handlers as cfg
from playground.tabs.cfg.view import grid_image, grid_size

ARGS = dict(
    classes=["1", "7", "unconditional"],
    scales="0, 2",
    seeds="0, 1",
    steps=5,
    sampler="DDIM",
    third_axis="none",
    third_values="",
    rescale=0.0,
    extra=0,
)


def stream(**over) -> list[tuple]:
    """Every yield of the streaming /cfg_grid."""
    return list(cfg.cfg_grid(*{**ARGS, **over}.values()))


def grid(**over):
    """What gradio_client's predict returns: the last yield."""
    return stream(**over)[-1]


def skipped(value) -> bool:
    return isinstance(value, dict) and value.get("__type__") == "update" and len(value) == 1


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


# ---- the grid streams: rows as they finish, cells done of all with an ETA, the measures at the end -------------


def test_the_grid_streams_row_by_row_and_ends_with_what_the_endpoint_returned():
    outs = stream(extra=2)
    first, last = outs[0], outs[-1]
    # at once: the whole grid's frame (rows to come blank), the last run's plot and file cleared, a status line
    assert isinstance(first[0], Image.Image) and first[0].size == grid_size(rows=3, cols=2, seeds=2)
    assert first[1] is None and first[3] is None
    assert first[2].startswith(cfg.PROGRESS) and "0 of 12 cells" in first[2]  # 3 x 2 cells + 3 x 2 extra
    pictures = [o[0] for o in outs[1:-1] if isinstance(o[0], Image.Image)]
    assert len(pictures) == 3  # one per finished row (the extra samples do not redraw the grid)
    white = [int((np.asarray(p) < 255).sum()) for p in pictures]
    assert white == sorted(white) and len(set(white)) == 3  # each row adds its samples
    for o in outs[1:-1]:  # while it runs: no plot, no file; the table's place holds the status line, if anything
        assert skipped(o[1]) and skipped(o[3]) and (skipped(o[2]) or o[2].startswith(cfg.PROGRESS))
    lines = [o[2] for o in outs[:-1] if isinstance(o[2], str)]
    counts = [int(re.search(r"(\d+) of 12 cells", line).group(1)) for line in lines]
    assert counts == sorted(counts) and counts[-1] == 12
    assert all("s left" in line for line in lines[1:]) and "row 3 of 3" in lines[-1]
    # the end: the four outputs of the non-streaming endpoint, the grid the batched sampler makes
    image, fig, table, path = last
    model = default_registry().load("diffusion")
    batched = grid_samples(model, GridSpec((1, 7, model.null_class), (0.0, 2.0), (0, 1), 5))
    expected = grid_image([batched], ["class 1", "class 7", "uncond."], ["w = 0", "w = 2"], ["DDIM, 5 steps"])
    diff = np.abs(np.asarray(image, dtype=float) - np.asarray(expected, dtype=float))
    assert diff.mean() < 1 and diff.max() < 16 and Image.open(path).size == image.size  # (bf16 sums vary by batch)
    assert len(fig.data) == 2 and table.startswith("| w | class accuracy | diversity |")


def test_a_row_is_one_chunk_of_the_batched_grid_and_every_step_yields():
    model = default_registry().load("diffusion")
    spec = GridSpec((3, 8), (0.0, 4.0), (2,), 4, "DPM-Solver++")
    steps = list(grid_rows(model, spec))
    assert [(s.row, s.step) for s in steps] == [(r, k) for r in range(2) for k in range(1, 5)]
    rows = [s.samples for s in steps if s.samples is not None]
    torch.testing.assert_close(torch.stack(rows), grid_samples(model, spec), atol=2e-2, rtol=0)  # as chunking


def test_a_stopped_grid_frees_its_worker_within_a_step(monkeypatch):
    """Gradio stops a cancelled generator at its next yield: the grid can yield after every sampler step (at
    the shared pace, ``progress.EVERY_S``; 0 here), so a Stop waits for one update at most."""
    monkeypatch.setattr(progress, "EVERY_S", 0.0)
    outs = stream(steps=7)
    assert len(outs) >= 3 * 7 + 2  # every step of every row, the first frame and the end
    monkeypatch.undo()
    gen = cfg.cfg_grid(*{**ARGS, "steps": 50}.values())
    next(gen)
    t = time.perf_counter()
    next(gen)  # one step of one row: 4 images, 50-step schedule
    assert time.perf_counter() - t < 5.0
    gen.close()  # what a cancel does: nothing more runs
    with pytest.raises(StopIteration):
        next(gen)


def test_stop_says_the_run_stopped_and_leaves_a_finished_table():
    status = next(o[2] for o in stream() if isinstance(o[2], str) and "s left" in o[2])
    said = cfg.cfg_stopped(status)
    assert "Stopped" in said and "s left" not in said  # no ETA left standing for a run that is over
    assert skipped(cfg.cfg_stopped(grid()[2]))  # Stop after the end: the table stays
    assert skipped(cfg.cfg_stopped(None))


def test_the_stop_button_cancels_the_grid_and_the_values_box_starts_hidden():
    from playground.tabs.cfg.ui import CFGCallables, build_cfg_tab

    def noop(*_):
        return None

    with gr.Blocks() as demo:
        build_cfg_tab(CFGCallables(cfg.CLASS_CHOICES, ("DDIM", "DDPM"), cfg.THIRD_AXES, *[noop] * 5))
    ids = {b.elem_id: i for i, b in demo.blocks.items() if getattr(b, "elem_id", None)}
    grid_fn = next(k for k, fn in demo.fns.items() if fn.api_name == "cfg_grid")
    cancelling = [fn for fn in demo.fns.values() if grid_fn in (fn.cancels or [])]
    assert [t for fn in cancelling for t in fn.targets] == [(ids["cfg-stop"], "click")]
    # the default third axis is "none": its values box means nothing there
    assert demo.blocks[ids["cfg-third"]].value == "none" and demo.blocks[ids["cfg-third-values"]].visible is False


# ---- the controls the third axis leaves meaningful ---------------------------------------------------------


def test_the_third_axis_values_box_only_for_an_axis():
    steps, sampler, values = cfg.third_axis_controls("none", "10, 25")
    assert values["visible"] is False and steps["visible"] and sampler["visible"]
    steps, sampler, values = cfg.third_axis_controls("steps", "10, 25")
    assert values["visible"] and values["label"] == "steps of each sub-grid" and "value" not in values
    assert steps["visible"] is False and sampler["visible"]  # the sub-grids set the steps
    steps, sampler, values = cfg.third_axis_controls("sampler", "10, 25")
    assert values["visible"] and "samplers" in values["label"] and values["value"] == "DDIM, DPM-Solver++"
    assert sampler["visible"] is False and steps["visible"]  # the sub-grids set the sampler
    assert "value" not in cfg.third_axis_controls("sampler", "DDPM, DDIM")[2]  # values that fit stay
    assert cfg.third_axis_controls("steps", "DDIM, DDPM")[2]["value"] == "10, 25"


def test_the_measures_of_sub_grids_say_which_sub_grid_they_measure():
    _, fig, table, _ = grid(third_axis="steps", third_values="3, 5", extra=1)
    assert "first sub-grid (DDIM, 3 steps)" in table and "first sub-grid, DDIM, 3 steps" in fig.layout.title.text
    _, fig, table, _ = grid(extra=1)
    assert "sub-grid" not in table and "sub-grid" not in fig.layout.title.text


# ---- one cell: the slider's step is the caption's step -------------------------------------------------------


def test_the_mechanics_caption_names_the_slider_step():
    _, md = cfg.cfg_mechanics("3", 4.0, 0, 10, 3, 0.0)
    assert "At step 3 (0-based) of 10, after 3 steps taken" in md and "step 4" not in md


def test_the_at_step_slider_spans_the_cells_steps():
    assert cfg.at_step_range(10, 3) == gr.update(maximum=9)
    assert cfg.at_step_range(10, 30) == gr.update(maximum=9, value=9)
    assert skipped(cfg.at_step_range(0, 3)) and skipped(cfg.at_step_range(None, 3))
