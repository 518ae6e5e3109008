"""The recorded finished runs (``models.gan.gan2d_record``, ``scripts/record_runs.py``): a file holds what the
live run recorded, the shipped ones load offline and show each preset's claim at its own length, and Train
after one runs the knobs live."""

import dataclasses

import gradio as gr
import numpy as np
import pytest
import torch

from models.gan.gan2d_record import load_run, read_meta
from playground.replay import evenly_spaced
from playground.tabs.gan import handlers as gan
from scripts.record_runs import KEPT_SNAPSHOTS, record

R1 = "fix: R1 penalty + rate drop"
COLLAPSE = "collapse and mode hopping (G outruns D)"


def test_a_recorded_run_is_what_the_live_run_recorded(tmp_path):
    live, path, _ = record(R1, steps=300, path=tmp_path / "r1.safetensors")
    back = load_run(path)
    assert back.cfg == live.cfg and back.steps == 300 and back.refine_steps == live.refine_steps
    for field in dataclasses.fields(live.history):
        assert np.allclose(getattr(back.history, field.name), getattr(live.history, field.name), rtol=1e-6), field
    kept = [live.snapshots[i] for i in evenly_spaced(len(live.snapshots), KEPT_SNAPSHOTS)]
    assert [s.step for s in back.snapshots] == [s.step for s in kept] and kept[-1].step == 300
    for a, b in zip(back.snapshots, kept, strict=True):
        assert np.allclose(a.fake, b.fake, atol=1e-2) and np.allclose(a.refined, b.refined, atol=1e-2)
        assert np.allclose(a.surface, b.surface, atol=1e-2)
    z = torch.randn(16, live.cfg.latent)
    assert torch.equal(back.gan.G(z), live.gan.G(z))  # G itself, for refining and sampling the shown run


def test_kept_snapshots_are_evenly_spaced_with_both_ends():
    assert evenly_spaced(5, KEPT_SNAPSHOTS).tolist() == [0, 1, 2, 3, 4]
    k = evenly_spaced(201, KEPT_SNAPSHOTS).tolist()
    assert len(k) == 51 and k[0] == 0 and k[-1] == 200 and len(set(np.diff(k))) <= 2


@pytest.mark.parametrize("name", list(gan.PRESETS))
def test_every_preset_ships_its_finished_run_at_its_own_length(name):
    meta = read_meta(gan.recorded_path(name))
    assert meta["config"] == dataclasses.asdict(gan.preset_config(name))
    assert meta["steps"] == gan.PRESET_STEPS[name] and meta["refine_steps"] == gan.PRESET_REFINE[name]
    assert "python -m scripts.record_runs" in meta["about"]["command"] and meta["about"]["machine"]


def test_the_recorded_runs_show_the_presets_claims():
    """The collapse at 5,000 steps covers at most 3 of the 8 ring modes; the R1 fix at 16,000 reaches 7 or 8
    with G alone and, refined, most of its samples are high quality (benchmarks/gan_lab.py measures more seeds)."""
    collapse = load_run(gan.recorded_path(COLLAPSE)).latest_metrics()
    assert collapse["modes"] <= 3
    fix = load_run(gan.recorded_path(R1)).latest_metrics()
    assert fix["modes"] >= 7 and fix["refined_modes"] >= 7 and fix["refined_high_quality"] > 0.5


def test_show_the_finished_run_then_train_runs_it_live():
    view, curves, status, scrubber, state = gan.gan_recorded(R1)
    assert "Recorded run" in status and "16,000 steps" in status and "**step 16,000**" in status
    assert view.size[0] > 400 and scrubber["maximum"] == len(state["run"].snapshots) - 1
    assert gan.gan_replay(0, None, state).size == view.size  # the replay scrubs the recorded snapshots
    knobs = dataclasses.asdict(gan.preset_config(R1))
    *_, status, _, state = list(gan.gan_train(**{k: knobs[k] for k in gan.KNOBS}, steps=20, state=state))[-1]
    assert state["run"].steps == 20 and state["run"].recorded is None and "Started a live run" in status


def test_the_compare_shows_recorded_runs_and_runs_each_preset_at_its_own_length(monkeypatch):
    gallery, _, table = gan.gan_compare_recorded([COLLAPSE, R1])
    assert len(gallery) == 2 and "| 5,000 |" in table and "| 16,000 |" in table
    monkeypatch.setattr(gan, "PRESET_STEPS", {**gan.PRESET_STEPS, COLLAPSE: 30, R1: 50})  # short, for the test
    *_, table = list(gan.gan_compare([COLLAPSE, R1], "ring8", 0, 0))[-1]
    assert "| 30 |" in table and "| 50 |" in table


def test_a_preset_without_a_file_says_so(monkeypatch, tmp_path):
    monkeypatch.setattr(gan, "recorded_path", lambda name: tmp_path / "none.safetensors")
    with pytest.raises(gr.Error, match="scripts.record_runs"):
        gan.gan_recorded(R1)
    with pytest.raises(gr.Error, match="preset"):
        gan.gan_recorded("no such preset")
    with pytest.raises(gr.Error, match="Choose a preset first"):
        gan.gan_recorded(None)  # the page starts with none chosen
