"""Flows tab handlers called directly: the streamed lab, the layer scrubber, the density table,
flow matching, the digits section, and every bad input answered with a sentence."""

import types

import gradio as gr
import numpy as np
import pytest
import torch

from playground.settings import SETTINGS
from playground.tabs.flows import digits
from playground.tabs.flows import handlers as fl

SMALL = dict(depth=2, width=16, batch=64)


def train(steps, state=None, **over):
    kw = {**SMALL, **over}
    return list(fl.flow_train(steps=steps, state=state, **kw))


@pytest.fixture(scope="module")
def trained():
    return train(200)[-1][-1]


def test_training_streams_frames_and_keeps_the_run(trained):
    frames = train(100, state=None)
    assert 1 < len(frames) <= SETTINGS.flow_frames
    view, curves, status, replay, layer, state = frames[-1]
    assert view.size[0] > 400 and "step 100" in status and "KL gap" in status and "modes covered" in status
    assert layer["maximum"] == 3  # two couplings and the scale
    run = trained["run"]
    before = run.steps
    again = train(50, state=trained)[-1]
    assert again[-1]["run"] is run and run.steps == before + 50
    assert "new run" in train(10, state=trained, flow="Glow")[-1][2]


def test_the_layer_scrubber_walks_both_ways(trained):
    n = len(trained["run"].flow.flows)
    base, caption = fl.flow_layers(0, fl.DIRECTIONS[0], trained)
    assert "base" in caption and base.size[0] > 400
    _, caption = fl.flow_layers(n, fl.DIRECTIONS[0], trained)
    assert f"layer {n} of {n}" in caption and "scale to the data" in caption
    _, caption = fl.flow_layers(n, fl.DIRECTIONS[1], trained)
    assert "round Gaussian" in caption
    with pytest.raises(gr.Error, match="layer"):
        fl.flow_layers(n + 1, fl.DIRECTIONS[0], trained)


def test_the_density_table_adds_up_to_the_flows_log_prob(trained):
    table, view = fl.flow_density(0.0, 2.0, trained)
    run = trained["run"]
    log_q = float(run.flow.log_prob(torch.tensor([[0.0, 2.0]])))
    assert f"**{log_q:+.3f}**" in table and "log N(z; 0, I)" in table and "true log p(x)" in table
    assert table.count("\n| ") == len(run.flow.flows) + 2  # one row per layer, log N(z), the sum
    from playground.map2d import LEFT, PLOT, TOP

    picked = fl.flow_pick(trained, types.SimpleNamespace(index=[LEFT + PLOT / 2, TOP + PLOT / 2]))  # the centre
    assert np.allclose(picked, (0.0, 0.0), atol=0.02)


def test_replay_and_preview(trained):
    assert fl.flow_replay(0, ["density", "data"], trained).size[0] > 400
    assert fl.dataset_preview("grid25").size[0] > 400 and fl.dataset_preview("drawn") is None
    assert fl.preset_knobs(list(fl.PRESETS)[2]) == ["spline", 4, 64, 2e-3]


def drawing(points, size=300):
    layer = np.zeros((size, size, 4), np.uint8)
    for x, y in points:
        layer[y - 2 : y + 3, x - 2 : x + 3] = (34, 139, 34, 255)
    return {"background": None, "layers": [layer], "composite": None}


def test_a_drawn_data_set_trains_and_a_line_is_explained(monkeypatch):
    arc = [(int(150 + 100 * np.cos(a)), int(150 + 100 * np.sin(a))) for a in np.linspace(0, 3, 60)]
    out = train(20, dataset="drawn", sketch=drawing(arc))[-1]
    assert "step 20" in out[2] and "KL gap" not in out[2]  # no true density for a drawing
    warnings = []
    monkeypatch.setattr(gr, "Warning", lambda msg, **_: warnings.append(msg))
    line = np.zeros((300, 300, 4), np.uint8)
    line[150, 20:280] = 255
    train(5, dataset="drawn", sketch={"background": None, "layers": [line], "composite": None})
    assert warnings and "line" in warnings[0]
    dot = np.zeros((300, 300, 4), np.uint8)
    dot[100, 100] = 255
    with pytest.raises(gr.Error, match="single point"):
        train(5, dataset="drawn", sketch={"background": None, "layers": [dot], "composite": None})
    with pytest.raises(gr.Error, match="Draw your data set"):
        train(5, dataset="drawn", sketch=None)


@pytest.mark.parametrize(
    "over, match",
    [
        (dict(depth=0), "depth"),
        (dict(depth=SETTINGS.flow_depth_max + 1), "depth"),
        (dict(width=10_000), "width"),
        (dict(flow="MAF"), "flow must be one of"),
        (dict(dataset="cifar"), "data set"),
        (dict(lr="fast"), "learning rate"),
        (dict(batch=None), "batch"),
        (dict(seed=-1), "seed"),
        (dict(layers=["nope"]), "layer"),
    ],
)
def test_bad_knobs_are_named(over, match):
    with pytest.raises(gr.Error, match=match):
        train(5, **over)


def test_bad_steps_and_no_run_yet():
    with pytest.raises(gr.Error, match="training steps"):
        train(SETTINGS.flow_steps_max + 1)
    with pytest.raises(gr.Error, match="Train a flow first"):
        fl.flow_layers(1, fl.DIRECTIONS[0], None)
    with pytest.raises(gr.Error, match="Train a flow first"):
        fl.flow_density(0, 0, {})


def test_bad_density_points(trained):
    with pytest.raises(gr.Error, match="x1"):
        fl.flow_density("abc", 0, trained)
    with pytest.raises(gr.Error, match="x2"):
        fl.flow_density(0, 1e9, trained)


def test_flow_matching_streams_and_reflows():
    frames = list(fl.flow_matching("ring8", 60, False, 0, None))
    paths, samples, status, state = frames[-1]
    assert "step 60" in status and paths.size[0] > 400 and samples.size[0] > 5 * 200
    out = list(fl.flow_matching("ring8", 20, True, 0, state))[-1]
    assert "reflowed 1×" in out[2] and out[3]["fm"] is state["fm"] and state["fm"].steps == 80
    with pytest.raises(gr.Error, match="Train flow matching first"):
        list(fl.flow_matching("moons", 10, True, 0, None))
    with pytest.raises(gr.Error, match="data set"):
        list(fl.flow_matching("drawn", 10, False, 0, None))


shipped = pytest.mark.skipif(not digits.available(), reason="the digit flows do not ship")


@shipped
def test_digit_samples_interpolation_round_trip_and_likelihood():
    picture, status = digits.flow_digits("3", 0.5, 6, 0)
    assert picture.size[0] > 400 and "/6** as the class asked for" in status
    again, _ = digits.flow_digits("3", 0.5, 6, 0)
    assert np.array_equal(np.asarray(picture), np.asarray(again))
    strip, caption = digits.flow_interpolate(0, 450, 5)
    assert "A (a 0) → B (a 9)" in caption and strip.size[0] > 5 * 84
    recon, table = digits.flow_reconstruct(7)
    flow_err = float(table.split("| flow (Glow) | **")[1].split("**")[0])
    vae_err = float(table.split("| VAE (vae16) | **")[1].split("**")[0])
    assert flow_err < 1e-4 and vae_err > 0.1
    lik = digits.flow_likelihood(3)
    assert "gated PixelCNN, exact" in lik and "bits/dim" in lik


@shipped
@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: digits.flow_digits("eleven", 0.5, 4, 0), "class"),
        (lambda: digits.flow_digits("all", -1, 4, 0), "temperature"),
        (lambda: digits.flow_digits("all", 0.5, 1000, 0), "samples"),
        (lambda: digits.flow_interpolate(0, 500, 5), "B: test"),
        (lambda: digits.flow_interpolate(0, 1, 1), "steps"),
        (lambda: digits.flow_reconstruct("x"), "test digit"),
        (lambda: digits.flow_likelihood(-1), "test digit"),
    ],
)
def test_digit_bad_inputs(call, match):
    with pytest.raises(gr.Error, match=match):
        call()


def test_the_replay_keeps_what_its_label_says():
    """One snapshot per streamed view update and every 100 steps (``replay.SNAPSHOT_LABEL``), as in the GAN lab:
    the scrubber's last index counts them."""
    from playground.replay import SNAPSHOT_LABEL, chunks

    assert "view update" in SNAPSHOT_LABEL
    steps = 290  # the updates end at steps 6, 12, ..., 290: never at 100 or 200
    frames = train(steps)
    run = frames[-1][-1]["run"]
    ends = np.cumsum(chunks(steps, SETTINGS.flow_frames)).tolist()
    assert [s.step for s in run.snapshots] == sorted({0, *ends, 100, 200})
    assert frames[-1][3]["maximum"] == len(run.snapshots) - 1
