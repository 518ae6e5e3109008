"""The fast-sampling tab on a Chinese page: the quality-vs-NFE chart (axes, legend, hover) and its table, a live
point, the student, the streamed cascade, the shipped measurements, the labels on the pictures and the error
messages in Chinese (the handlers called as a zh-CN visitor's events would be, with tiny sizes)."""

import gradio as gr
import pytest

from models.diffusion.fast_samplers import STUDENT
from playground import i18n, progress
from playground.tabs.fast import cascade, handlers, view
from playground.tabs.fast.ui import PROMPT
from tests.playground.zh_check import CJK, english_left

pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


@pytest.fixture
def drawn(monkeypatch):
    """Every (text, font) drawn onto a picture while the test runs."""
    texts = []
    real = view.ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        texts.append((text, kwargs.get("font")))
        return real(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(view.ImageDraw.ImageDraw, "text", spy)
    return texts


@pytest.mark.parametrize("metric", list(view.METRICS))
def test_the_curve_and_its_table_are_chinese(metric):
    figure, table = handlers.nfe_curve(metric)
    assert english_left([figure, table]) == []
    layout = figure.layout
    for title in (layout.xaxis.title.text, layout.yaxis.title.text, layout.legend.title.text):
        assert CJK.search(title)
    assert all(CJK.search(trace.hovertemplate) for trace in figure.data)


def test_a_live_point_and_the_student_are_chinese(drawn, monkeypatch):
    monkeypatch.setattr(progress, "EVERY_S", 0.0)  # every step streamed
    *shown, (picture, text) = handlers.fast_sample("DDIM", 1, "7", 0, 1)
    assert english_left(text) == [] and "教师模型" in text
    assert all(english_left(status) == [] and "第" in status for _, status in shown) and "教师模型" in shown[0][1]
    *shown, (picture, table) = handlers.student_compare("all ten", 1, 0, 1)
    assert english_left(table) == [] and "学生模型" in table
    assert all(english_left(status) == [] for _, status in shown) and "学生模型" in shown[0][1]
    assert drawn and all(f is not None and f.size >= 14 for _, f in drawn)
    assert english_left([t for t, _ in drawn]) == [] and any("步的" in t for t, _ in drawn)  # the running row


def test_the_cascade_streams_in_chinese(drawn):
    updates = list(cascade.upsample_view("3", 100, 2, 2, 0, 1))
    for update in updates:
        assert english_left(update) == []
    assert "级联" in updates[-1][3] and "双三次插值" in updates[-1][3]
    labels = [t for t, _ in drawn]
    assert english_left(labels) == [] and any(CJK.search(t) for t in labels)
    assert all(f is not None and f.size >= 14 for _, f in drawn)


def test_labels_get_the_room_they_need():
    import torch

    label = i18n.tr("condition at s={level}", level=350) + "，" * 20  # longer than the default column
    picture = view.labelled_rows([torch.zeros(1, 1, 28, 28)], [label], cell=56)
    assert picture.width >= view.text_width(label) + 56


def test_the_shipped_measurements_and_page_texts_are_chinese():
    table = cascade.cascade_table()
    assert english_left(table) == [] and "实测结果" in table
    assert CJK.search(i18n.tr(PROMPT))


@pytest.mark.parametrize(
    "call",
    [
        lambda: handlers.nfe_curve("FID!"),
        lambda: next(handlers.fast_sample("Euler", 4, "7", 0, 1)),
        lambda: next(handlers.fast_sample(STUDENT, 9, "7", 0, 1)),
        lambda: next(handlers.student_compare("eleven", 2, 0, 1)),
        lambda: next(cascade.upsample_view("3", 351, 2, 2, 0, 1)),
        lambda: next(cascade.upsample_view("3", 100, 0, 2, 0, 1)),
        lambda: next(cascade.upsample_view("3", 100, 2, 999, 0, 1)),
    ],
)
def test_errors_are_chinese(call):
    with pytest.raises(gr.Error) as e:
        call()
    message = str(getattr(e.value, "message", e.value))
    # the values an API client sends stay as they are: a choice error lists them
    assert CJK.search(message) and english_left(message, tuple(view.METRICS)) == []
