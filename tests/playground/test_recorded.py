"""Recorded results (``playground.recorded``): a recording is what the live handler returned, in each
language; the shipped ones load offline, set the controls they were made with, and say they are recorded."""

import json
import re

import gradio as gr
import numpy as np
import pytest

from playground import recorded
from playground.i18n import speaking
from playground.tabs.cfg import handlers as cfg
from playground.tabs.diffusion import handlers as diff

TINY = recorded.Recording("tiny-grid", cfg.cfg_grid, (["1", "7"], "0, 3", "0", 3, "DDIM", "none", "10, 25", 0.0, 1))


def untimed(text: str) -> str:
    return re.sub(r"\d+(\.\d+)? ?(s|秒)", "", text)


def test_a_recording_is_what_the_live_handler_returned(tmp_path):
    recorded.record(TINY, {"machine": "here", "command": "test"}, root=tmp_path)
    for lang in ("en", "zh"):
        with speaking(lang):
            grid, plot, table, png = recorded.show(TINY, root=tmp_path)
            live_grid, live_plot, live_table, live_png = recorded.last_output(TINY.handler, TINY.args)
        assert np.array_equal(np.asarray(grid), np.asarray(live_grid))
        assert untimed(table) == untimed(live_table)  # the same measures; only the wall time differs
        assert json.loads(plot.to_json())["data"] == json.loads(live_plot.to_json())["data"]
        assert open(png, "rb").read()[:8] == open(live_png, "rb").read()[:8]  # a PNG, served from Gradio's cache
    with speaking("zh"):
        assert "类别" in recorded.show(TINY, root=tmp_path)[2]  # the Chinese recording is Chinese
    assert recorded.about(TINY, root=tmp_path)["args"] == list(TINY.args)


@pytest.mark.parametrize("rec", [cfg.TRADE_OFF, diff.SAMPLERS_COMPARED], ids=lambda r: r.name)
def test_the_shipped_recordings_are_the_ones_the_code_names(rec):
    assert recorded.available(rec)
    a = recorded.about(rec)
    assert a["args"] == list(rec.args) and "python -m scripts.record_runs" in a["command"] and a["machine"]


def test_showing_a_recording_sets_its_controls_and_says_it_is_recorded():
    *controls, grid, plot, table, png = cfg.cfg_recorded()
    assert tuple(controls) == cfg.TRADE_OFF.args and "**Recorded**" in table and "accuracy" in table
    assert grid.size[1] > 300 and png.endswith(".png")
    *controls, gallery, status = diff.diffusion_compare_recorded()
    assert tuple(controls) == diff.SAMPLERS_COMPARED.args and "**Recorded**" in status
    assert [c.split(":")[0] for _, c in gallery] == ["DDPM-1000", "DDIM-50"]  # each a mosaic of its 4 samples


def test_a_missing_recording_says_how_to_make_it(tmp_path):
    with pytest.raises(gr.Error, match="scripts.record_runs"):
        recorded.show(TINY, root=tmp_path)
