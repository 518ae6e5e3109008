"""PixelCNN tab handlers called directly on the shipped models: streamed generation and replay,
completion, receptive fields, exact likelihoods, the cost table, limits and bad input."""

import os
import re

import gradio as gr
import numpy as np
import pytest
import torch
from PIL import Image

from models.autoregressive.pixelcnn import NULL_CLASS, nll
from models.core.data import binarize, digit_split
from models.core.registry import default_registry
from playground.tabs.ar import handlers as ar

GATED, PLAIN, TRANSFORMER = "Gated PixelCNN", "plain PixelCNN", "image transformer"


@pytest.fixture(scope="module")
def one_digit():
    """A whole streamed generation of one digit (784 network calls), shared by the tests below."""
    return list(ar.ar_sample(GATED, "7", 1.0, 3.0, 1, 3))


def test_generation_streams_every_pixel_and_ends_with_a_replay(one_digit):
    first, last = one_digit[0], one_digit[-1]
    assert all(isinstance(im, Image.Image) for im in first[:2]) and "pixel 1/784" in first[2]
    assert len(one_digit) >= 10, "the page is updated as the pixels come, not only at the end"
    digits, belief, status, gif, _, state = last
    assert "784 network calls" in status and os.path.exists(gif)
    assert len(state["frames"]) == 57 and state["frames"][-1]["index"] == 783  # every half row and the last
    final = np.asarray(digits)
    colours = {tuple(c) for c in np.unique(final.reshape(-1, 3), axis=0).tolist()}
    assert colours <= {(0, 0, 0), (255, 255, 255)}, "every pixel drawn, ink or paper, no cursor left"


def test_replay_shows_a_kept_frame_and_refuses_without_a_run(one_digit):
    state = one_digit[-1][5]
    digits, belief, caption = ar.ar_replay(20, state)
    assert "after pixel 281 of 784" in caption and isinstance(belief, Image.Image)
    with pytest.raises(gr.Error, match="Generate first"):
        ar.ar_replay(0, None)


def test_completion_keeps_the_top_rows_and_reads_each_completion():
    *_, (picture, status) = ar.ar_complete("test digit", 3, None, 24, 2, GATED, "unconditional", 1.0, 1.0, 0)
    assert isinstance(picture, Image.Image) and "Top 24 rows kept, 2 completions" in status
    counts = [int(k) for k in re.findall(r"×(\d+)", status)]
    assert sum(counts) == 2


def test_completion_of_a_drawing_and_of_an_empty_one():
    layer = np.zeros((280, 280, 4), np.uint8)
    layer[40:240, 130:150, 3] = 255
    drawing = {"background": None, "layers": [layer], "composite": layer}
    *_, (_, status) = ar.ar_complete("drawing", 0, drawing, 26, 1, PLAIN, "1", 1.0, 3.0, 0)
    assert "Top 26 rows kept" in status
    empty = {"background": None, "layers": [np.zeros((280, 280, 4), np.uint8)], "composite": None}
    with pytest.raises(gr.Error, match="empty"):
        next(ar.ar_complete("drawing", 0, empty, 14, 1, GATED, "unconditional", 1.0, 1.0, 0))


def _table_numbers(text: str, model: str) -> list[float]:
    row = next(line for line in text.splitlines() if line.startswith(f"| {model} |"))
    return [float(v.replace(",", "")) for v in re.findall(r"\*{0,2}(-?[\d,]+\.?\d*)\*{0,2} \|", row)]


def test_receptive_field_shows_the_plain_blind_spot_and_none_for_the_gated_or_the_transformer():
    plain, gated, transformer, text = ar.ar_receptive_field(14, 14)
    assert plain.size == gated.size == transformer.size
    seen_plain, blind_plain = _table_numbers(text, PLAIN)[:2]
    seen_gated, blind_gated = _table_numbers(text, GATED)[:2]
    seen_transformer, blind_transformer = _table_numbers(text, TRANSFORMER)[:2]
    assert blind_plain > 20 and blind_gated == 0 and seen_gated > seen_plain
    assert blind_transformer == 0 and seen_transformer == 14 * 28 + 14  # every earlier pixel, no window


def test_likelihood_is_the_models_exact_nll_of_the_binarized_digit():
    digit_img, maps, text = ar.ar_likelihood("test digit", 5, None, "unconditional")
    s = digit_split()
    x = binarize(s.x_test[5:6])
    with torch.inference_mode():
        expected = float(nll(default_registry().load("pixelcnn_gated"), x, torch.tensor([NULL_CLASS])))
    assert abs(_table_numbers(text, GATED)[0] - expected) < 0.06
    with torch.inference_mode():
        expected = float(nll(default_registry().load("transformer_ar"), x, torch.tensor([NULL_CLASS])))
    assert abs(_table_numbers(text, TRANSFORMER)[0] - expected) < 0.06
    assert maps.size[0] > 3 * digit_img.size[0] / 1.5  # three maps side by side


def test_cost_table_times_the_pixelcnn_beside_the_vae_and_gan():
    text = ar.ar_cost()
    assert "VAE: one decode" in text and "DCGAN" in text and text.count("| 784 |") == 7
    full, cached = (
        _table_numbers(text, f"{TRANSFORMER}: one pixel ({how})")[0] for how in ("the whole 28 rows", "KV cache")
    )
    assert cached < full  # the KV cache: one token per patch instead of a pass over all 196


@pytest.fixture(scope="module")
def transformer_digits():
    """Two digits drawn pixel by pixel by the image transformer (its KV cache), streamed."""
    return list(ar.ar_sample(TRANSFORMER, "3", 1.0, 3.0, 2, 1))


def test_the_transformer_streams_every_pixel_and_ends_with_a_replay(transformer_digits):
    first, last = transformer_digits[0], transformer_digits[-1]
    assert "pixel 1/784" in first[2] and len(transformer_digits) >= 10
    digits, belief, status, gif, _, state = last
    assert "**2 digits, 784 network calls each" in status and os.path.exists(gif)
    assert len(state["frames"]) == 57 and state["frames"][-1]["index"] == 783
    _, _, caption = ar.ar_replay(20, state)
    assert "after pixel 281 of 784" in caption


def test_the_transformer_completes_the_top_rows():
    *_, (picture, status) = ar.ar_complete("test digit", 7, None, 20, 2, TRANSFORMER, "unconditional", 1.0, 1.0, 0)
    assert isinstance(picture, Image.Image) and "Top 20 rows kept, 2 completions" in status
    assert sum(int(k) for k in re.findall(r"×(\d+)", status)) == 2


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: next(ar.ar_sample(GATED, "3", 0, 1.0, 1, 0)), "temperature"),
        (lambda: next(ar.ar_sample(GATED, "3", 1e9, 1.0, 1, 0)), "temperature"),
        (lambda: next(ar.ar_sample(GATED, "3", "hot", 1.0, 1, 0)), "temperature"),
        (lambda: next(ar.ar_sample(GATED, "3", 1.0, 1.0, 17, 0)), "number of samples"),
        (lambda: next(ar.ar_sample(GATED, "3", 1.0, -1, 1, 0)), "guidance"),
        (lambda: next(ar.ar_sample(GATED, "3", 1.0, 99, 1, 0)), "guidance"),
        (lambda: next(ar.ar_sample(GATED, "eleven", 1.0, 1.0, 1, 0)), "class"),
        (lambda: next(ar.ar_sample("PixelRNN", "3", 1.0, 1.0, 1, 0)), "model"),
        (lambda: next(ar.ar_complete("test digit", 0, None, 28, 1, GATED, "3", 1.0, 1.0, 0)), "rows to keep"),
        (lambda: next(ar.ar_complete("test digit", 0, None, -1, 1, GATED, "3", 1.0, 1.0, 0)), "rows to keep"),
        (lambda: next(ar.ar_complete("test digit", 500, None, 14, 1, GATED, "3", 1.0, 1.0, 0)), "test digit"),
        (lambda: next(ar.ar_complete("upload", 0, None, 14, 1, GATED, "3", 1.0, 1.0, 0)), "source"),
        (lambda: next(ar.ar_complete("drawing", 0, None, 14, 1, GATED, "3", 1.0, 1.0, 0)), "Draw"),
        (lambda: ar.ar_receptive_field(28, 0), "row"),
        (lambda: ar.ar_receptive_field(3, "left"), "column"),
        (lambda: ar.ar_likelihood("test digit", 2.5, None, "unconditional"), "whole number"),
    ],
)
def test_bad_input_gets_a_clear_message(call, message):
    with pytest.raises(gr.Error, match=message):
        call()
