"""The flows tab for a Chinese visitor: every handler's text (the lab's status line, the layer captions, the
density table, the curves, flow matching, the digits section, the warnings and error messages) is Chinese,
so is every name a handler translates by value (the layers', the directions'), and the page's texts made at
build time are redrawn in Chinese on load."""

import gradio as gr
import numpy as np
import pytest

from models.flows.flows2d import layer_name
from playground import i18n
from playground.tab import add_tab
from playground.tabs.flows import TAB, digits
from playground.tabs.flows import handlers as fl
from playground.tabs.flows.texts import TEXTS as KEYED
from playground.tabs.flows.ui import FM_PROMPT, LAB_PROMPT, TOUR
from tests.playground.zh_check import CJK, english_left

TEXTS = dict(KEYED.values())  # English -> Chinese

SMALL = dict(depth=2, width=16, batch=64)


pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


@pytest.fixture(scope="module")
def frames():
    with i18n.speaking("zh"):
        return list(fl.flow_train(steps=4, **SMALL))  # a frame a step: 4 frames


def test_the_lab_streams_in_chinese(frames):
    assert all(english_left(f) == [] for f in frames)
    status, state = frames[-1][2], frames[-1][-1]
    assert "第 4 步" in status and "KL 差距" in status and "覆盖的模式" in status and "秒" in status
    changed = list(fl.flow_train(steps=2, state=state, **{**SMALL, "flow": "Glow"}))[-1]
    assert english_left(changed) == [] and TEXTS["Started a new run (the knobs changed)."] in changed[2]
    assert english_left(fl.flow_reset(state=state, **SMALL)) == []


def test_the_curves_are_chinese(frames):
    fig = frames[-1][1].to_plotly_json()
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert titles == [
        TEXTS[t]
        for t in (
            "NLL, nats (dashed: the data's true entropy H)",
            "KL gap = held-out NLL − H",
            "modes covered",
            "% high quality · % between modes",
        )
    ]
    names = {"train (20-step mean)", "held-out", "KL gap", "modes", "% high quality", "% between modes"}
    assert {t["name"] for t in fig["data"]} == {TEXTS[name] for name in names}


def test_the_layer_scrubber_and_the_density_table_are_chinese(frames):
    state = frames[-1][-1]
    n = len(state["run"].flow.flows)
    for direction in fl.DIRECTIONS:
        for k in (0, 1, n):
            picture, caption = fl.flow_layers(k, direction, state)
            assert english_left(caption) == [] and CJK.search(caption), caption
    assert "回到基分布" in fl.flow_layers(n, fl.DIRECTIONS[1], state)[1]
    table, _ = fl.flow_density(0.0, 2.0, state)
    assert english_left(table) == [] and table.startswith("| 层（从 x 向 z 逐层撤销）") and "以上各项之和" in table
    assert "该处真实的 log p(x)" in table


def test_every_name_translated_by_value_has_chinese():
    names = {
        "actnorm",
        "invertible linear (LU)",
        "affine coupling (moves x1)",
        "affine coupling (moves x2)",
        "spline coupling",
        "linear (LU) + permute",
        "scale to the data",
    }
    for flow in ("RealNVP", "Glow", "spline"):
        from models.flows.flows2d import Flow2DConfig, build_flow

        names |= {layer_name(layer) for layer in build_flow(Flow2DConfig(flow=flow, depth=2, width=8), 1.0).flows}
    for name in [*names, *fl.DIRECTIONS, LAB_PROMPT, FM_PROMPT]:
        assert CJK.search(i18n.tr(name)), name
    assert CJK.search(i18n.catalog()[TOUR.strip()])


def test_flow_matching_and_reflow_are_chinese():
    out = list(fl.flow_matching("ring8", 2, False, 0, None))
    assert all(english_left(f) == [] for f in out)
    assert "第 2 步" in out[-1][2] and "独立配对" in out[-1][2]
    again = list(fl.flow_matching("ring8", 1, True, 0, out[-1][-1]))[-1]
    assert english_left(again) == [] and "已重流 1 次" in again[2]


def test_the_warning_for_a_line_is_chinese(monkeypatch):
    said = []
    monkeypatch.setattr(gr, "Warning", lambda message, **_: said.append(message))
    line = np.zeros((300, 300, 4), np.uint8)
    line[150, 20:280] = 255
    list(
        fl.flow_train(
            steps=5, dataset="drawn", sketch={"background": None, "layers": [line], "composite": None}, **SMALL
        )
    )
    assert said and CJK.search(said[0]) and english_left(said[0]) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda: fl.flow_layers(1, fl.DIRECTIONS[0], None),
        lambda: list(fl.flow_matching("moons", 10, True, 0, None)),
        lambda: list(fl.flow_train(steps=5, **{**SMALL, "depth": 0})),
        lambda: fl.flow_layers(1, "sideways", {"run": object()}),
    ],
)
def test_errors_are_chinese(call):
    with pytest.raises(gr.Error) as e:
        call()
    assert CJK.search(str(e.value)) and english_left(str(e.value)) == [], str(e.value)


shipped = pytest.mark.skipif(not digits.available(), reason="the digit flows do not ship")


@shipped
def test_the_digits_section_is_chinese():
    outputs = [
        digits.flow_digits("all", 0.7, 4, 0),
        digits.flow_digits("3", 0.5, 2, 0),
        digits.flow_interpolate(0, 450, 3),
        digits.flow_reconstruct(7),
        digits.flow_likelihood(3),
    ]
    for out in outputs:
        assert english_left(out) == [], out[1:] if isinstance(out, tuple) else out
    assert "评估器" in outputs[0][1] and "类别 0–9 轮流" in outputs[0][1]
    with pytest.raises(gr.Error) as e:
        digits.flow_digits("eleven", 0.5, 4, 0)
    assert CJK.search(str(e.value)) and english_left(str(e.value)) == []


def test_the_page_is_redrawn_in_chinese_on_load():
    with gr.Blocks() as demo, gr.Tabs():
        add_tab(demo, TAB)
    load = next(fn for fn in demo.fns.values() if fn.api_name == "flows_page_texts")
    preview, lab, fm = load.fn(None, "ring8")
    assert preview.size[0] > 400 and lab == TEXTS[LAB_PROMPT] and fm == TEXTS[FM_PROMPT]
    with i18n.speaking("en"):
        assert all(isinstance(v, type(gr.skip())) for v in load.fn(None, "ring8"))
