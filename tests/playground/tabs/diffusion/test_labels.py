"""Issue 20 in the diffusion tab: captions say exactly what is shown (the replay in the scrubber's numbers, no
caption left from an older run, the closed-form check naming t and its t + 1 steps), the forward process of a
photo big enough to read with its strip and histogram from the same seeded noise, and controls that mean
nothing for the chosen sampler or class hidden. Handlers are called as the UI calls them; the wiring is read
from the built page."""

import gradio as gr
import numpy as np
import pytest
import torch
from PIL import Image

from models.diffusion.forward_process import noise_scheduler, q_sample
from playground.settings import SETTINGS
from playground.tabs.diffusion import forward as fwd
from playground.tabs.diffusion import handlers as diff
from playground.tabs.diffusion import ui
from tests.fixtures import tab_demo
from tests.playground.tabs.diffusion.test_handlers import FWD, RecordingModel, reverse


@pytest.fixture(scope="module")
def demo():
    return tab_demo("diffusion")


@pytest.fixture
def stand_in(monkeypatch):
    model = RecordingModel(diff._model())
    monkeypatch.setattr(diff, "_model", lambda: model)
    return model


def event(demo, api_name: str):
    (fn,) = [fn for fn in demo.fns.values() if fn.api_name == api_name]
    return fn


# ---- the replay: one numbering, no caption from another run ------------------------------------------


def test_the_replay_caption_counts_as_the_scrubber_does():
    """Scrubber 15 showed "step 16": the slider counted frames from 0 and the caption steps from 1. Now both
    count steps done: 15 is the sample after 15 steps, 0 is x_T, the last x_0."""
    *_, scrubber, state = reverse(steps=20, n=1)[-1]
    assert (scrubber.minimum, scrubber.maximum, scrubber.step, scrubber.value) == (0, 20, 1, 20)
    frames = state["frames"]
    x_t, x0, eps, caption = diff.diffusion_replay(15, state)
    assert "after 15 of 20 steps" in caption and f"t = {frames[15]['t']}" in caption and "step 16" not in caption
    assert np.array_equal(np.asarray(x_t), np.asarray(diff._show(frames[15])[0]))
    assert "after 0 of 20 steps" in diff.diffusion_replay(0, state)[3]
    assert "after all 20 steps" in diff.diffusion_replay(20, state)[3]  # the scrubber's end: x_0


def test_a_long_run_keeps_the_steps_on_the_scrubbers_grid(stand_in):
    """Beyond the replay's limit every k-th step is kept; the scrubber moves on exactly those counts, counted
    back from x_0, and a typed number between two of them shows the nearest, captioned with its own count."""
    steps = 2 * SETTINGS.diffusion_replay_max + 2  # k = 3, and steps is not a multiple of it
    *_, scrubber, state = reverse(sampler="DDPM", steps=steps, n=1)[-1]
    kept = [f["done"] for f in state["frames"]]
    assert scrubber.step == 3 and kept == list(range(int(scrubber.minimum), steps + 1, 3))
    assert scrubber.value == scrubber.maximum == steps
    assert f"after 301 of {steps} steps" in diff.diffusion_replay(301, state)[3]
    typed = diff.diffusion_replay(303, state)[3]  # between 301 and 304
    assert f"after 304 of {steps} steps" in typed and "every 3 steps" in typed


def test_a_new_run_clears_the_old_replay_at_once():
    """The old run's strip, GIF and scrubber stayed up while a new run streamed; its first update clears
    the strip and GIF and locks the scrubber until the new run's replay arrives."""
    first = reverse(steps=3, n=1)[0]
    _, _, _, status, strip, gif, scrubber, state = first
    assert strip is None and gif is None and scrubber.interactive is False and state == gr.skip()
    assert "step 1 of 3" in status and "s left" in status  # progress with an ETA


def test_the_replay_caption_is_written_where_the_run_writes(demo):
    """After a new run the replay caption still named the old step: it was a Markdown of its own that only the
    scrubber wrote. The replay's caption now goes to the status line, which every run update rewrites."""
    run, replay = event(demo, "diffusion_reverse"), event(demo, "diffusion_replay")
    assert [b.elem_id for b in replay.outputs] == [b.elem_id for b in run.outputs[:4]]
    assert run.outputs[3].elem_id == "rev-status"
    assert {t[1] for t in replay.targets} == {"input", "release"}  # a typed number moves the view too


# ---- the closed-form check -------------------------------------------------------------------------


def test_the_check_names_t_and_its_single_steps():
    """ "closed form vs 807 single steps" at t = 806: it says which x_t, and that 807 steps are steps 0 … 806."""
    md = fwd.diffusion_forward_check(*{**FWD, "schedule": "linear", "t": 806}.values())
    assert "x_t at t = 806" in md and "807 single steps" in md and "steps 0 … 806" in md
    assert "32 × 32 = 1024 pixels" in md


# ---- the forward process of a photo, big enough to read --------------------------------------------


def test_a_photo_is_noised_at_a_size_that_reads():
    """At 64 x 64 the astronaut was gone at ᾱ = 0.65; a photo is now noised at 256 x 256, pixel for pixel."""
    photo = {**FWD, "source": "photo", "photo_name": "astronaut"}
    x0 = fwd.source_image(*list(photo.values())[:5])
    assert x0.shape == (256, 256)
    x_t = np.asarray(fwd.diffusion_forward(*photo.values())[0])
    assert x_t.shape[0] >= 256 and len(np.unique(x_t[::2, ::2])) > 200  # its own pixels, not a small one enlarged
    assert fwd.source_image(*list(FWD.values())[:5]).shape == (32, 32)  # digits stay 32 x 32


def test_the_photos_strip_and_histogram_come_from_the_shown_noise():
    """The strip's last frame (t = T − 1) is the x_t picture at that t, and the histogram counts its pixels."""
    photo = {**FWD, "source": "photo", "photo_name": "astronaut", "T": 1000, "t": 999, "seed": 3}
    x_t, strip, _, hist, _ = fwd.diffusion_forward(*photo.values())
    assert np.array_equal(np.asarray(x_t), np.asarray(fwd.diffusion_forward(*photo.values())[0]))  # seeded
    side, gap, label_h = fwd.STRIP_CELL, 6, 14 + 6  # labelled_strip's layout
    x, y = gap + 8 * (side + gap), gap + label_h  # the 9th cell: x_0, then 8 frames
    last = np.asarray(strip)[y : y + side, x : x + side]
    native = Image.fromarray(np.asarray(x_t)[::2, ::2])  # the shown picture at its own 256 x 256
    assert np.array_equal(last, np.asarray(native.resize((side, side), Image.NEAREST)))
    x0 = fwd.source_image(*list(photo.values())[:5])
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(3))
    values = q_sample(x0, 999, noise_scheduler("cosine", 1000).alphas_cumprod, noise).numpy()
    bars = hist.data[1]
    counts, _ = np.histogram(values, np.linspace(-4, 4, 81))  # the plot's bins of 0.1
    assert np.allclose(np.asarray(bars.y) * values.size * 0.1, counts) and counts.sum() > 0.99 * 256 * 256


# ---- controls that mean nothing are hidden ---------------------------------------------------------


@pytest.mark.parametrize("sampler,shown", [("DDPM", False), ("DDIM", True), ("DPM-Solver++", False)])
def test_eta_shows_only_for_ddim_and_the_clip_box_says_what_it_does(sampler, shown):
    eta, clip = ui._sampler_widgets(sampler)
    assert eta["visible"] is shown
    assert ("threshold" in clip["label"]) is (sampler == "DPM-Solver++")  # diffusers' default is clip for DDPM/DDIM


def test_guidance_is_hidden_for_the_unconditional_class_where_it_changes_nothing():
    assert ui._class_widgets("unconditional")["visible"] is False and ui._class_widgets("3")["visible"] is True
    one = reverse(digit="unconditional", guidance=0.0, steps=3, n=1)[-1][1]
    other = reverse(digit="unconditional", guidance=7.0, steps=3, n=1)[-1][1]
    assert np.array_equal(np.asarray(one), np.asarray(other))


def test_the_class_and_sampler_widgets_are_wired(demo):
    by_fn = {fn.fn.__name__: fn for fn in demo.fns.values() if fn.fn is not None}
    assert [b.elem_id for b in by_fn["_sampler_widgets"].outputs] == ["rev-eta", "rev-clip"]
    guidance = [fn for fn in demo.fns.values() if getattr(fn.fn, "__wrapped__", None) is ui._class_widgets]
    assert sorted(fn.outputs[0].elem_id for fn in guidance) == ["cmp-guidance", "rev-guidance"]
