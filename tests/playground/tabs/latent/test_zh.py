"""The latent-diffusion tab on a Chinese page: every handler's status lines, tables, picture labels and error
messages in Chinese (the handlers called as a zh-CN visitor's events would be, with tiny sizes)."""

import gradio as gr
import numpy as np
import pytest
from PIL import Image

from playground import i18n
from playground.tabs.latent import autoencoders, editing, handlers, view
from playground.tabs.latent.ui import PROMPT
from tests.playground.zh_check import CJK, english_left

pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


def chinese_only(out) -> None:
    assert english_left(out) == []


def test_the_pipeline_streams_in_chinese():
    updates = list(handlers.ldm_sample("7", 2.0, "DDIM", 3, 0, 2))
    for update in updates:
        chinese_only(update)
    assert "评估器" in updates[-1][3]
    updates = list(handlers.ldm_sample("unconditional", 2.0, "DDIM", 2, 0, 1))
    chinese_only(updates[-1])


def test_pixel_vs_latent_table_is_chinese():
    *pictures, table = list(handlers.ldm_compare("3", "DDIM", 2, 2.0, 0, 1))[-1]
    chinese_only(table)
    assert "像素模型" in table and "在 512×512 时" in table


def test_img2img_text_is_chinese():
    result, strip, text = list(editing.ldm_img2img("test digit", 150, None, None, "8", 0.5, 3.0, 2, 0))[-1]
    chinese_only(text)
    assert "测试数字 #150" in text


def test_inpainting_table_is_chinese():
    picture, table = list(editing.ldm_inpaint("test digit", 0, None, "bottom half", None, "8", 2.0, 2, 0, 1))[-1]
    chinese_only(table)
    assert "潜空间混合" in table


def test_negative_class_table_is_chinese_both_ways():
    for digit in ("unconditional", "7"):
        *_, table = list(handlers.ldm_negative(digit, "1", 3.0, 2, 0, 2))[-1]
        chinese_only(table)


def test_autoencoder_text_and_factor_table_are_chinese():
    strip, text = autoencoders.autoencoder_reconstruct("test digit", 5)
    chinese_only(text)
    chinese_only(autoencoders.factor_table())


def test_page_texts_made_at_build_time_have_chinese():
    assert CJK.search(i18n.tr(PROMPT))


def test_labels_on_pictures_are_chinese_and_fit(monkeypatch):
    """The pictures' labels: Chinese, drawn in the app's font, each within its own column."""
    drawn = []
    real = view.ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        drawn.append((xy, text, kwargs.get("font")))
        return real(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(view.ImageDraw.ImageDraw, "text", spy)
    import torch

    z = torch.zeros(1, 4, 8, 8)
    picture = view.pipeline_picture(z, z, torch.zeros(1, 1, 28, 28), cell=44, rows=["t=999"])
    strip = view.numbered_strip(
        torch.zeros(2, 1, 28, 28),
        [[i18n.tr("input"), "", ""], ["f=4 4x", "20.1 dB", i18n.tr("reads {k} ({p:.2f})", k=7, p=0.93)]],
    )
    assert isinstance(picture, Image.Image) and isinstance(strip, Image.Image)
    texts = [t for _, t, _ in drawn if t]
    chinese_only(texts)
    assert any(CJK.search(t) for t in texts)
    assert all(f is not None and f.size >= 14 for _, t, f in drawn if t)
    # the group labels of the pipeline picture start left to right, each after the previous one's end
    # (a label with a symbol the CJK font lacks, ẑ₀, is drawn in runs, one per font: a label spans its runs)
    labels = [view.say("z_t_noisy_latent"), view.say("z0_hat_predicted_clean"), "D(ẑ₀)"]
    spans, calls = [], iter((xy[0], t, f) for xy, t, f in drawn if t)
    for label in labels:  # drawn in order, each label run by run
        left, start, end = label, None, None
        while left:
            x, t, f = next(calls)
            assert left.startswith(t), (label, t)
            left, start, end = left[len(t) :], x if start is None else start, x + f.getlength(t)
        spans.append((start, end))
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False)), spans


@pytest.mark.parametrize(
    "call",
    [
        lambda: list(handlers.ldm_negative("7", "7"))[-1],
        lambda: list(editing.ldm_inpaint("upload", 0, None))[-1],
        lambda: list(editing.ldm_img2img("upload", 0, None, np.full((64, 64), 255, np.uint8)))[-1],
        lambda: list(editing.ldm_inpaint("test digit", 0, None, "brushed", {"layers": [np.zeros((28, 28, 4), "u1")]})),
        lambda: list(editing.ldm_inpaint("test digit", 0, None, "brushed", {"layers": []}))[-1],
        lambda: list(editing.ldm_img2img("test digit", 0, None, None, "8", 1.5))[-1],
        lambda: list(handlers.ldm_sample("7", 2.0, "DDIM", 5000, 0, 1)),
    ],
)
def test_errors_are_chinese(call):
    with pytest.raises(gr.Error) as e:
        call()
    message = str(e.value.message if hasattr(e.value, "message") else e.value)
    assert CJK.search(message) and english_left(message) == []
