"""Issue 20 in the GAN tab: every legend, label and axis says exactly what is shown, and a queued Train says so.
Each test fails on the code before the fix: the curves' legend ("run: D / run: G / run: refined" where solid
and dashed meant raw and refined), the replay label ("every 100 steps"), the digit histograms' own y-axes, a
Train waiting for a heavy slot with nothing said, and a number typed into the scrubber not moving the view."""

import gradio as gr
import numpy as np
import pytest

from playground.replay import SNAPSHOT_LABEL, chunks
from playground.settings import SETTINGS
from playground.tabs.gan import digits
from playground.tabs.gan import handlers as gan
from playground.tabs.gan.view import LAYERS, curves_figure
from tests.fixtures import by_elem_id, tab_demo
from tests.playground.tabs.gan.test_handlers import train

R1 = "fix: R1 penalty + rate drop"
COLLAPSE = "collapse and mode hopping (G outruns D)"
PANELS = {"x": "loss", "x2": "modes", "x3": "high quality", "x4": "JS"}


def _look(trace) -> tuple:
    return trace.line.color, trace.line.dash or "solid"


def _legend(fig) -> list:
    return [t for t in fig.data if t.showlegend is not False]


# -- (1) the training curves' legend ---------------------------------------------------------------------------


def test_the_labs_legend_names_every_kind_of_line():
    fig = train(100, refine=3)[-1][1]
    shown = [t.name for t in _legend(fig)]
    assert shown == ["D loss", "G loss", "G's samples", "after D-guided refinement"]
    assert not any(t.name.startswith("run") for t in fig.data)  # no "run: D" for a run that is the only one
    looks: dict[tuple, set[str]] = {}
    for t in fig.data:
        looks.setdefault(_look(t), set()).add(t.name)
        panel = PANELS[t.xaxis]
        if panel == "loss":
            assert t.name in ("D loss", "G loss")
        else:  # the sample panels: G's raw samples, and dashed after refinement
            assert t.name == ("after D-guided refinement" if t.line.dash == "dash" else "G's samples"), (panel, t.name)
    # a line that looks like another means the same thing, and every look has its legend entry
    assert all(len(names) == 1 for names in looks.values()), looks
    assert {_look(t) for t in fig.data} == {_look(t) for t in _legend(fig)}


def test_without_modes_the_js_line_has_the_legend_entry():
    fig = train(100, dataset="moons")[-1][1]
    assert [t.name for t in _legend(fig)] == ["D loss", "G loss", "G's samples"]
    assert {PANELS[t.xaxis] for t in fig.data} == {"loss", "JS"}


def test_the_side_by_side_legend_is_the_presets_and_a_key_of_the_styles():
    frames = list(gan.gan_compare([COLLAPSE, R1], "ring8", 20, 0))
    fig = frames[-1][1]
    key = ["D loss (top left) · G's samples (the other panels)", "G loss", "after D-guided refinement"]
    assert [t.name for t in _legend(fig)] == [COLLAPSE, R1, *key]
    dash_of = {"solid": key[0], "dot": key[1], "dash": key[2]}
    colour = {t.name: t.line.color for t in _legend(fig)[:2]}
    for t in fig.data:
        if t.x[0] is None:
            continue  # a legend entry alone
        preset, what = t.name.rsplit(": ", 1)
        assert t.line.color == colour[preset]  # the colour: the run
        style = dash_of[t.line.dash or "solid"]
        assert what in style, (t.name, style)  # the style: what the key says it is
        assert (PANELS[t.xaxis] == "loss") == (what in ("D loss", "G loss"))


# -- (2) the replay keeps what its label says -------------------------------------------------------------------


def test_the_replay_keeps_what_its_label_says(page):
    assert page["gan-scrubber"].label == SNAPSHOT_LABEL and "view update" in SNAPSHOT_LABEL
    steps = 290  # the streamed updates end at steps 6, 12, …, 240, 245, …, 290: never at 100 or 200
    run = train(steps)[-1][-1]["run"]
    ends = np.cumsum(chunks(steps, SETTINGS.gan_frames)).tolist()
    assert len(ends) == SETTINGS.gan_frames and not {100, 200} & set(ends)
    expected = sorted({0, *ends, 100, 200})  # one per view update, and every 100 steps
    assert [s.step for s in run.snapshots] == expected  # not one every 100 steps: 53 snapshots, not 3


# -- (3) the digit histograms share one y-axis ------------------------------------------------------------------


def test_the_digit_histograms_share_one_y_axis():
    ranges, tallest = set(), 0
    for run in digits.DIGIT_RUNS:
        for step in digits.snapshot_steps(run)[:: max(1, len(digits.snapshot_steps(run)) - 1)]:
            fig = digits.gan_snapshot(run, str(step), 0)[1]
            assert fig.layout.yaxis.autorange is False
            ranges.add(tuple(fig.layout.yaxis.range))
            tallest = max(tallest, max(fig.data[0].y))
    assert ranges == {(0, digits.N_SAMPLES)} and tallest <= digits.N_SAMPLES


# -- (4) a queued Train says so ----------------------------------------------------------------------------------


def _listeners(page, button, event="click"):
    return [fn for fn in page["demo"].fns.values() if (button._id, event) in fn.targets]


# -- (5) a number typed into the scrubber moves the view ---------------------------------------------------------


def test_a_number_typed_into_the_scrubber_moves_the_view(page):
    scrubber = page["gan-scrubber"]
    (replay,) = [fn for fn in page["demo"].fns.values() if fn.api_name == "gan_replay"]
    assert (scrubber._id, "input") in replay.targets and (scrubber._id, "release") in replay.targets
    assert replay.trigger_mode == "always_last"  # a drag's input events: the last value wins
    state = train(100)[-1][-1]
    typed = np.asarray(gan.gan_replay("3", list(LAYERS), state))  # the box's text, as typed
    assert np.array_equal(typed, np.asarray(gan.gan_replay(3, list(LAYERS), state)))
    assert gan.gan_replay(None, list(LAYERS), state) == gr.skip()  # the box emptied while typing: no error
    assert gan.gan_replay("", list(LAYERS), state) == gr.skip()
    with pytest.raises(gr.Error, match="snapshot"):
        gan.gan_replay(10_000, list(LAYERS), state)


@pytest.fixture(scope="module")
def page():
    demo = tab_demo("gan")
    return {"demo": demo, **by_elem_id(demo)}


def test_curves_figure_of_one_run_needs_no_run_name():
    run = train(20)[-1][-1]["run"]
    assert [t.name for t in _legend(curves_figure({"anything": run}))][:2] == ["D loss", "G loss"]
