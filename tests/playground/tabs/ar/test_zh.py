"""The PixelCNN tab for a Chinese visitor: every handler's text (the streamed status lines, the replay caption,
the completion tally, the receptive-field, likelihood and cost tables, the masks' names, the error messages)
is Chinese, and the page's texts made at build time are rewritten in Chinese on load."""

import gradio as gr
import numpy as np
import pytest

from playground import i18n
from playground.tab import add_tab
from playground.tabs.ar import TAB
from playground.tabs.ar import handlers as ar
from playground.tabs.ar.ui import PROMPT, TOUR
from playground.tabs.ar.zh import TEXTS
from tests.playground.zh_check import CJK, english_left

GATED, PLAIN = "Gated PixelCNN", "plain PixelCNN"


pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


@pytest.fixture(scope="module")
def generation():
    """Two digits drawn pixel by pixel (784 network calls for both)."""
    with i18n.speaking("zh"):
        return list(ar.ar_sample(GATED, "7", 1.0, 3.0, 2, 3))


def test_generation_and_replay_are_chinese(generation):
    assert all(english_left(f) == [] for f in generation)
    assert generation[0][2].startswith("像素 1/784（第 0 行，第 0 列）")
    assert generation[-1][2].startswith("**2 个数字，每个 784 次网络调用")
    _, _, caption = ar.ar_replay(20, generation[-1][5])
    assert caption == "第 281/784 个像素之后（第 10 行）"
    one = i18n.tr("**1 digit, {pixels} network calls each, in {seconds:.1f} s** ({ms:.1f} ms a pixel). "
                  "Scrub through them below.", pixels=784, seconds=1.0, ms=1.3)  # fmt: skip
    assert english_left(one) == [] and one.startswith("**1 个数字")


def test_completion_is_chinese():
    frames = list(ar.ar_complete("test digit", 3, None, 26, 2, GATED, "unconditional", 1.0, 1.0, 0))
    assert all(english_left(f) == [] for f in frames)
    assert frames[0][1].startswith("补全中") and frames[-1][1].startswith("保留上面 26 行，")


def test_receptive_field_likelihood_and_masks_are_chinese():
    out = ar.ar_receptive_field(5, 9)
    assert english_left(out) == [] and "门控 PixelCNN" in out[-1] and "普通 PixelCNN" in out[-1]
    assert "图像 Transformer" in out[-1]
    layer = np.zeros((280, 280, 4), np.uint8)
    layer[40:240, 130:150, 3] = 255
    drawing = {"background": None, "layers": [layer], "composite": layer}
    for out in (ar.ar_likelihood("test digit", 5, None, "unconditional"), ar.ar_likelihood("drawing", 0, drawing, "3")):
        assert english_left(out) == [] and "最意外的像素" in out[2]
    assert "一幅手绘" in out[2] and "给定类别 3" in out[2]
    assert ar.masks_picture().size[1] > 2 * 15  # two lines of names above the grids


def test_the_cost_table_is_chinese(monkeypatch):
    monkeypatch.setattr(ar, "_median_ms", lambda fn, repeats=5: 1.0)  # the table, not the timing
    text = ar.ar_cost()
    assert english_left(text) == [] and "VAE：一次解码" in text and text.count("| 784 |") == 7


@pytest.mark.parametrize("call", [
    lambda: ar.ar_replay(0, None),
    lambda: next(ar.ar_sample(GATED, "3", 0, 1.0, 1, 0)),
    lambda: next(ar.ar_sample("PixelRNN", "3", 1.0, 1.0, 1, 0)),
    lambda: next(ar.ar_complete("test digit", 0, None, 28, 1, GATED, "3", 1.0, 1.0, 0)),
    lambda: next(ar.ar_complete("upload", 0, None, 14, 1, GATED, "3", 1.0, 1.0, 0)),
    lambda: ar.ar_likelihood("test digit", 2.5, None, "unconditional"),
])  # fmt: skip
def test_errors_are_chinese(call):
    with pytest.raises(gr.Error) as e:
        call()
    # a choice check lists the values an API client sends ("test digit", the model names), which stay as they are
    assert CJK.search(str(e.value)) and english_left(str(e.value), ("test digit", *ar.MODELS)) == [], str(e.value)


def test_names_translated_by_value_and_the_tour_have_chinese():
    for name in [*ar.MODELS, *ar.CLASSES[-1:], *ar.SOURCES, PROMPT]:
        assert CJK.search(i18n.tr(name)), name
    assert CJK.search(i18n.catalog()[TOUR.strip()])


def test_the_page_is_rewritten_in_chinese_on_load():
    with gr.Blocks() as demo, gr.Tabs():
        add_tab(demo, TAB)
    load = next(fn for fn in demo.fns.values() if fn.api_name == "ar_page_texts")
    status, field, masks = load.fn()
    assert status == TEXTS[PROMPT] and english_left(field) == [] and field.startswith("像素（第 14 行，第 14 列）")
    assert masks.size[0] > 400
    with i18n.speaking("en"):
        assert all(isinstance(v, type(gr.skip())) for v in load.fn())
