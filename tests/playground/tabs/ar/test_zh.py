"""The PixelCNN tab for a Chinese visitor, cheaply: its texts are declared in both languages
(``playground/tabs/ar/texts.py``, checked for every tab by ``tests/playground/test_texts.py``), so a handler
needs no full run in Chinese; a short one, its refusals and the page's load texts are checked here."""

import gradio as gr
import numpy as np
import pytest

from playground import i18n
from playground.tab import add_tab
from playground.tabs.ar import TAB
from playground.tabs.ar import handlers as ar
from playground.tabs.ar.ui import PROMPT, TOUR
from tests.playground.zh_check import CJK, english_left

GATED = "Gated PixelCNN"

pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


def test_receptive_field_likelihood_and_masks_are_chinese():
    out = ar.ar_receptive_field(5, 9)
    assert english_left(out) == [] and "门控 PixelCNN" in out[-1] and "普通 PixelCNN" in out[-1]
    assert "图像 Transformer" in out[-1]
    layer = np.zeros((280, 280, 4), np.uint8)
    layer[40:240, 130:150, 3] = 255
    drawing = {"background": None, "layers": [layer], "composite": layer}
    out = ar.ar_likelihood("drawing", 0, drawing, "3")
    assert english_left(out) == [] and "最意外的像素" in out[2] and "一幅手绘" in out[2] and "给定类别 3" in out[2]


def test_the_cost_table_is_chinese(monkeypatch):
    monkeypatch.setattr(ar, "_median_ms", lambda fn, repeats=5: 1.0)  # the table, not the timing
    text = ar.ar_cost()
    assert english_left(text) == [] and "VAE：一次解码" in text and text.count("| 784 |") == 7


@pytest.mark.parametrize(
    "call",
    [
        lambda: ar.ar_replay(0, None),
        lambda: next(ar.ar_sample(GATED, "3", 0, 1.0, 1, 0)),
        lambda: next(ar.ar_complete("upload", 0, None, 14, 1, GATED, "3", 1.0, 1.0, 0)),
    ],
)
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
    status, field, masks = load.fn(None)  # no request: the language the test set
    assert status == i18n.catalog()[PROMPT] and english_left(field) == [] and field.startswith("像素（第 14 行")
    assert masks.size[0] > 400
    with i18n.speaking("en"):
        assert all(isinstance(v, type(gr.skip())) for v in load.fn(None))
