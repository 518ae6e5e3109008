"""Diffusion tab handlers called directly: forward views, streaming reverse process, replay, the
2-D animation, limits and bad input."""

import gradio as gr
import numpy as np
import pytest
import torch
from PIL import Image

from playground.settings import SETTINGS
from playground.tabs.diffusion import forward as fwd
from playground.tabs.diffusion import handlers as diff
from playground.widgets import when_given

FWD = dict(
    source="test digit",
    digit_index=7,
    photo_name="camera",
    upload=None,
    drawing=None,
    schedule="cosine",
    T=1000,
    t=300,
    seed=0,
)


def forward(**over):
    return fwd.diffusion_forward(*{**FWD, **over}.values())


def test_forward_outputs_and_caption():
    x_t, strip, curves, hist, caption = forward()
    assert isinstance(x_t, Image.Image) and x_t.size[0] >= 300
    assert strip.size[0] > 9 * 96  # x_0 and 8 frames
    assert len(curves.data) == 8 and len(hist.data) == 3  # 4 schedules x (ᾱ, log SNR); x_0, x_t, N(0,1)
    assert "t = 300" in caption and "ᾱ_t" in caption


def test_forward_is_seeded_and_noisier_later():
    a, b = np.asarray(forward()[0], float), np.asarray(forward()[0], float)
    assert np.array_equal(a, b)
    x0 = np.asarray(forward(t=0)[0], float)
    late = np.asarray(forward(t=999)[0], float)
    assert np.abs(late - x0).mean() > np.abs(a - x0).mean() > 1


@pytest.mark.parametrize("source,extra", [("photo", {}), ("upload", {"upload": np.full((40, 60, 3), 200, np.uint8)})])
def test_forward_from_pictures(source, extra):
    x_t = forward(source=source, **extra)[0]
    assert x_t.size[0] >= 300


def test_forward_from_a_drawing():
    layer = np.zeros((280, 280, 4), np.uint8)
    layer[40:240, 130:150, 3] = 255
    drawing = {"background": None, "layers": [layer], "composite": layer}
    assert forward(source="drawing", drawing=drawing)[0].size[0] >= 300


def test_forward_bad_input_gets_messages():
    with pytest.raises(gr.Error, match="Upload a picture"):
        forward(source="upload")
    with pytest.raises(gr.Error, match="not a picture"):
        forward(source="upload", upload=np.zeros((10, 10, 7)))
    big = np.zeros((SETTINGS.upload_pixels_max // 1000 + 1, 1001), np.uint8)
    with pytest.raises(gr.Error, match="limit"):
        forward(source="upload", upload=big)
    with pytest.raises(gr.Error, match="not a picture this app can read"):
        forward(source="upload", upload=__file__)
    with pytest.raises(gr.Error, match="empty"):
        forward(source="drawing", drawing={"background": None, "layers": [np.zeros((50, 50, 4), np.uint8)]})
    with pytest.raises(gr.Error, match="T"):
        forward(T=100_000)
    with pytest.raises(gr.Error, match="schedule"):
        forward(schedule="exponential")


def test_choosing_an_empty_source_keeps_the_view_and_says_what_to_do(monkeypatch):
    notes = []
    monkeypatch.setattr(gr, "Info", lambda message, **_: notes.append(message))  # (its title too)
    on_source = when_given(fwd.diffusion_forward, 5, "Draw on the sketchpad.")
    for empty in ({"source": "drawing"}, {"source": "upload"}):
        out = on_source(*{**FWD, **empty}.values())
        assert len(out) == 5 and all(o == gr.skip() for o in out)
    assert notes == ["Draw on the sketchpad."] * 2
    assert isinstance(on_source(*FWD.values())[0], Image.Image)  # a source that holds something: drawn
    with pytest.raises(gr.Error, match="not a picture"):  # other bad input stays an error
        on_source(*{**FWD, "source": "upload", "upload": np.zeros((10, 10, 7))}.values())


def test_t_beyond_a_short_T_is_its_last_step():
    assert "t = 49" in forward(T=50, t=300)[4]


def test_closed_form_check_agrees():
    md = fwd.diffusion_forward_check(*{**FWD, "t": 500}.values())
    assert "they agree" in md and "1 − ᾱ_t" in md


REV = dict(sampler="DDIM", steps=10, eta=0.0, digit="3", guidance=2.0, seed=0, n=4, clip_x0=False)


def reverse(**over):
    return list(diff.diffusion_reverse(*{**REV, **over}.values()))


class RecordingModel(torch.nn.Module):
    """Stands in for the shipped network where a test checks the plumbing of a long run (1,000 network
    calls: ~15 s with the real one, whose sampling the other reverse-process tests here and
    tests/models/test_shipped_quality.py check): predicts 0 under the shipped model's schedule and
    keeps every x_t it is given."""

    def __init__(self, real):
        super().__init__()
        self.cfg, self.null_class, self.scheduler_config = real.cfg, real.null_class, real.scheduler_config
        self.scale = torch.nn.Parameter(torch.zeros(()))
        self.inputs: list[torch.Tensor] = []

    def forward(self, x_t, t, labels):
        self.inputs.append(x_t.clone())
        return x_t * self.scale


@pytest.fixture
def stand_in(monkeypatch):
    model = RecordingModel(diff._model())
    monkeypatch.setattr(diff, "_model", lambda: model)
    return model


@pytest.mark.parametrize("sampler", ["DDPM", "DDIM", "DPM-Solver++"])
def test_reverse_streams_and_ends_with_strip_gif_and_replay(sampler):
    updates = reverse(sampler=sampler)
    assert len(updates) >= 2
    x_t, x0, eps, status, strip, gif, scrubber, state = updates[-1]
    assert "10 steps done" in status and isinstance(strip, Image.Image)
    assert Image.open(gif).n_frames >= 10
    frames = state["frames"]
    assert len(frames) == 11  # every step, then the final x_0
    assert all(f["x_t"].shape == (64, 64) for f in frames)  # 4 samples in a 2 x 2 mosaic
    again = diff.diffusion_replay(3, state)
    assert "after 3 of 10 steps" in again[3] and isinstance(again[0], Image.Image)


def test_reverse_is_seeded():
    a = np.asarray(reverse()[-1][1])
    assert np.array_equal(a, np.asarray(reverse()[-1][1]))
    assert not np.array_equal(a, np.asarray(reverse(seed=1)[-1][1]))


def test_long_runs_keep_a_bounded_replay(stand_in):
    state = reverse(sampler="DDPM", steps=SETTINGS.diffusion_replay_max * 2, n=1)[-1][-1]
    assert len(stand_in.inputs) == SETTINGS.diffusion_replay_max * 2  # every step ran
    assert SETTINGS.diffusion_replay_max // 2 < len(state["frames"]) <= SETTINGS.diffusion_replay_max + 2


def test_reverse_limits():
    with pytest.raises(gr.Error, match="steps"):
        reverse(steps=5000)
    with pytest.raises(gr.Error, match="number of samples"):
        reverse(n=100)
    with pytest.raises(gr.Error, match="class"):
        reverse(digit="12")
    with pytest.raises(gr.Error, match="sampler"):
        reverse(sampler="Euler")
    with pytest.raises(gr.Error, match="Run the sampler first"):
        diff.diffusion_replay(0, None)


def test_compare_uses_the_same_noise_and_reports_times(stand_in):
    model = stand_in
    updates = list(diff.diffusion_compare("1", 2.0, 0, 1, False))
    gallery, status = updates[-1]
    assert [c.split(":")[0] for _, c in gallery] == ["DDPM-1000", "DDIM-50"] and "Same x_T" in status
    # one guided (2-image) network call per step, and both samplers start from the same x_T
    assert len(model.inputs) == 1000 + 50 and all(x.shape == (2, 1, 32, 32) for x in model.inputs)
    assert torch.equal(model.inputs[0], model.inputs[1000])
    assert not torch.equal(model.inputs[0], model.inputs[1])  # the recording sees each step's own x_t


def test_2d_animation():
    gif, fig, status = diff.diffusion_2d("moons", 0)
    assert Image.open(gif).n_frames > 40 and len(fig.data) == 4 and "moons" in status
    with pytest.raises(gr.Error, match="data set"):
        diff.diffusion_2d("swiss roll", 0)
