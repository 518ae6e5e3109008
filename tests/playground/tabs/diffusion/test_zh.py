"""The diffusion tab for a Chinese page: every handler's text (captions, status lines, plots, replay
captions, error messages) is Chinese, the 2-D frames carry their caption in a band of their own, and the
tour has its Chinese. Tiny runs: a 3-step sampler, the stand-in network for DDPM-1000 vs DDIM-50."""

import itertools
import re
import types

import gradio as gr
import numpy as np
import pytest
from PIL import Image

from playground import i18n
from playground.tabs.diffusion import forward as fwd
from playground.tabs.diffusion import handlers as diff
from playground.tabs.diffusion.ui import TOUR
from playground.tabs.diffusion.view import TITLE_BAND, scatter_frame
from playground.widgets import when_given
from tests.playground.tabs.diffusion.test_handlers import FWD, REV, RecordingModel
from tests.playground.zh_check import CJK, chinese_error, english_left

pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


def test_forward_view_and_check_are_chinese():
    out = fwd.diffusion_forward(*{**FWD, "schedule": "linear"}.values())
    assert english_left(out) == [] and "像素均值" in out[4] and "线性" in out[4]
    assert "线性" in [trace.name for trace in out[2].data]  # the schedules' legend
    check = fwd.diffusion_forward_check(*{**FWD, "t": 20}.values())
    assert english_left(check) == [] and "两者一致" in check and "1 − ᾱ_t" in check
    chinese_error(lambda: fwd.diffusion_forward(*{**FWD, "T": 100_000}.values()))


def test_an_empty_source_says_what_to_do_in_chinese(monkeypatch):
    notes = []
    monkeypatch.setattr(gr, "Info", lambda message, **_: notes.append(message))  # (its title too)
    when_given(fwd.diffusion_forward, 5, "Draw on the sketchpad (or upload a picture): x₀ becomes it.")(
        *{**FWD, "source": "drawing"}.values()
    )
    assert len(notes) == 1 and CJK.search(notes[0]) and english_left(notes[0]) == []


def test_reverse_process_and_replay_are_chinese():
    updates = list(diff.diffusion_reverse(*{**REV, "steps": 3, "n": 1}.values()))
    for update in updates:
        assert english_left(update[:4]) == [], update[3]
    assert "步完成" in updates[-1][3]
    state = updates[-1][-1]
    assert "3 步中的 1 步之后" in diff.diffusion_replay(1, state)[3]
    assert any("约剩" in update[3] for update in updates[:-1])  # the streamed progress, with its ETA
    assert "最终样本" in diff.diffusion_replay(len(state["frames"]) - 1, state)[3]
    chinese_error(lambda: diff.diffusion_replay(0, None))
    chinese_error(lambda: list(diff.diffusion_reverse(*{**REV, "steps": 5000}.values())))


def test_compare_is_chinese(monkeypatch):
    model = RecordingModel(diff._model())
    monkeypatch.setattr(diff, "_model", lambda: model)
    clock = itertools.count(0.0, 0.5)  # half a second a step: the progress lines are written too
    monkeypatch.setattr(diff, "time", types.SimpleNamespace(perf_counter=lambda: next(clock)))
    updates = list(diff.diffusion_compare("1", 2.0, 0, 1, False))
    statuses = [status for _, status in updates]
    assert any("约剩" in s for s in statuses) and "同一个 x_T" in statuses[-1]
    assert all(english_left(s) == [] for s in statuses), statuses
    assert english_left([caption for _, caption in updates[-1][0]]) == []


def test_2d_is_chinese_and_its_captions_sit_above_the_points():
    gif, fig, status = diff.diffusion_2d("moons", 0)
    assert english_left([fig, status]) == [] and status.startswith("双月")
    assert {trace.name for trace in fig.data} >= {"轨迹", "x_T（噪声）"}
    frame = np.asarray(Image.open(gif).convert("L"))
    assert frame.shape[0] == 320 + TITLE_BAND and (frame[:TITLE_BAND] < 128).any()  # the caption, drawn
    # every point lands below the caption's band, whatever its position
    corner = np.asarray(scatter_frame(np.array([[-1.0, 1.0]]), 1.0, title="反向：样本 x_0").convert("L"))
    assert corner[TITLE_BAND : TITLE_BAND + 2, :2].max() < 255
    chinese_error(lambda: diff.diffusion_2d("swiss roll", 0))


def test_the_tour_has_chinese_with_the_same_links():
    zh = i18n.catalog()[TOUR]
    assert CJK.search(zh) and re.findall(r"\]\((\?[^)]+)\)", zh) == re.findall(r"\]\((\?[^)]+)\)", TOUR)
