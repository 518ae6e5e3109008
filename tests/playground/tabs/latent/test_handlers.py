"""Latent-diffusion tab handlers called directly, on the shipped models: the streamed pipeline,
pixel vs latent, img2img over strength, both inpaintings, the negative class, the autoencoders,
and every bad input answered with a sentence."""

import re

import gradio as gr
import numpy as np
import pytest
import torch
from PIL import Image

from playground.inputs import NotGivenYet
from playground.tabs.latent import autoencoders, editing
from playground.tabs.latent import handlers as ld


def test_pipeline_streams_every_step_view_then_the_decoded_samples():
    updates = list(ld.ldm_sample("7", 2.0, "DDIM", 12, 0, 4))
    assert len(updates) >= 2
    picture, samples, strip, status = updates[-1]
    assert isinstance(picture, Image.Image) and picture.width > 500  # 4 + 4 channels and D(ẑ₀) per row
    assert strip.height > 8 * 44  # the first sample at 8 of the 12 steps
    assert "12 steps" in status and "**4/4** as a 7" in status
    assert all(u[1] is not None and not isinstance(u[1], Image.Image) for u in updates[:-1])  # gr.skip until done


@pytest.mark.parametrize(
    "handler, args, status_at",
    [
        (ld.ldm_compare, ("3", "DDIM", 4, 2.0, 0, 2), -1),
        (ld.ldm_negative, ("7", "1", 3.0, 4, 0, 2), -1),
        (editing.ldm_img2img, ("test digit", 150, None, None, "8", 0.5, 3.0, 4, 0), -1),
        (editing.ldm_inpaint, ("test digit", 0, None, "bottom half", None, "8", 2.0, 4, 0, 1), -1),
    ],
)
def test_the_long_views_stream_steps_and_time_left_before_the_result(monkeypatch, handler, args, status_at):
    """Each takes 2-4 s here in one piece: an update per step (``EVERY_S`` = 0) with the steps done of all its
    runs and the time left, each run's pictures so far; the result ends it, and Stop's message replaces only
    a progress line."""
    from playground import progress

    monkeypatch.setattr(progress, "EVERY_S", 0.0)
    *shown, result = list(handler(*args))
    assert shown, "no update before the result"
    statuses = [update[status_at] for update in shown]
    steps = [tuple(map(int, re.search(r"step (\d+) of (\d+)", s).groups())) for s in statuses]
    total = steps[0][1]
    assert steps == [(i, total) for i in range(1, total)]  # every step but the last, which is the result
    assert all("s left" in s and progress.STOP_HINT in s for s in statuses)
    assert any(isinstance(v, Image.Image) for v in shown[-1][:status_at])  # a picture so far, not only a line
    assert "step" not in result[status_at].split("\n")[0] or "s left" not in result[status_at]
    assert "Stopped" in progress.stopped(statuses[-1])
    assert "Stopped" not in str(progress.stopped(result[status_at]))


def test_the_progressive_samplers_give_what_the_plain_ones_did():
    """img2img, latent inpainting and RePaint are drains of their progressive forms: the same digits."""
    from models.diffusion.inpainting import repaint_pixels, repaint_pixels_progressive
    from models.diffusion.latent.latent_diffusion import (
        img2img,
        img2img_progressive,
        inpaint_latent,
        inpaint_latent_progressive,
    )
    from models.diffusion.samplers import drain

    model, ae, x = ld.ldm(), ld.autoencoder(), torch.zeros(1, 1, 28, 28)
    y, fill = torch.tensor([3]), torch.zeros(1, 1, 32, 32)
    fill[..., 16:, :] = 1
    runs = [
        (img2img, img2img_progressive, (model, ae, x, y, 0.6, 2.0, "DDIM", 5, 0), 3),
        (inpaint_latent, inpaint_latent_progressive, (model, ae, x, fill, y, 2.0, "DDIM", 5, 0), 5),
    ]
    pixel = ld.default_registry().load("diffusion")
    runs.append((repaint_pixels, repaint_pixels_progressive, (pixel, x, fill, y, 2.0, 5, 0, 2, 2), None))
    for plain, progressive, args, steps in runs:
        records = list(progressive(*args))
        assert steps is None or len(records) == steps
        assert torch.equal(plain(*args), drain(progressive(*args)))


def test_compare_reports_measured_cost_and_the_flop_prediction():
    pixel, latent, table = list(ld.ldm_compare("3", "DDIM", 5, 2.0, 0, 2))[-1]
    assert pixel.size == latent.size
    assert "1×32×32 = 1,024" in table and "4×8×8 = 256" in table and "At 512×512" in table
    f = ld.step_flops()
    assert f["latent_32"] < f["pixel_32"] and f["pixel_512"] / f["latent_512_f8"] > f["pixel_32"] / f["latent_32"]


def test_img2img_strip_goes_from_the_input_to_the_target():
    result, strip, text = list(editing.ldm_img2img("test digit", 150, None, None, "8", 0.7, 3.0, 20, 0))[-1]
    assert "(a 3)" in text and "14 of 20 DDIM steps" in text
    assert strip.width > 11 * 72  # the input and 11 strengths
    p = float(text.split("p(8) = **")[1].split("**")[0])
    assert p > 0.5


def test_img2img_at_strength_zero_is_the_autoencoders_round_trip():
    from models.diffusion.latent.latent_diffusion import decode_latents, encode_digits, img2img

    x = torch.from_numpy(np.zeros((1, 1, 28, 28), np.float32))
    x[..., 8:20, 12:16] = 1
    model, ae = ld.ldm(), ld.autoencoder()
    torch.testing.assert_close(
        img2img(model, ae, x, torch.tensor([1]), 0.0, 3.0, "DDIM", 20, 0), decode_latents(ae, encode_digits(ae, x))
    )


def test_inpainting_keeps_the_unmasked_pixels_both_ways():
    from models.core.data import digit_split
    from models.diffusion.inpainting import preset_fill, repaint_pixels
    from models.diffusion.latent.latent_diffusion import inpaint_latent
    from models.diffusion.model import PAD

    x = digit_split().x_test[:2]
    fill = preset_fill("top half")
    keep = 1 - fill[..., PAD:-PAD, PAD:-PAD]
    labels = torch.tensor([7, 7])
    blended = inpaint_latent(ld.ldm(), ld.autoencoder(), x, fill, labels, 2.0, "DDIM", 10, 0)
    repainted = repaint_pixels(ld.default_registry().load("diffusion"), x, fill, labels, 2.0, 10, 0, 3, 2)
    for y in (blended, repainted):
        assert float(((y - x).abs() * keep).max()) < 1e-5  # pasted back / RePaint's last step
        assert float(((y - x).abs() * (1 - keep)).mean()) > 0.01  # and the masked half was redrawn


def test_inpaint_handler_reports_both_methods():
    picture, table = list(editing.ldm_inpaint("test digit", 0, None, "bottom half", None, "8", 2.0, 10, 0, 2))[-1]
    assert "latent blending" in table and "RePaint" in table and picture.height > 200


def test_brushed_mask_comes_from_the_editor_layer():
    layer = np.zeros((280, 280, 4), np.uint8)
    layer[140:, :, 3] = 255
    fill = editing._fill_mask("brushed", {"background": None, "layers": [layer], "composite": None})
    assert fill.shape == (1, 1, 32, 32) and 0.4 < float(fill[..., 2:30, 2:30].mean()) < 0.6
    with pytest.raises(NotGivenYet):
        editing._fill_mask("brushed", {"layers": []})


def test_negative_class_table_and_unconditional_case():
    plain, away, table = list(ld.ldm_negative("unconditional", "1", 3.0, 10, 0, 8))[-1]
    assert "any digit, not a 1" in table and "nothing (unconditional samples)" in table
    _, _, table = list(ld.ldm_negative("7", "1", 3.0, 10, 0, 4))[-1]
    assert "the null class (plain CFG)" in table


def test_autoencoder_reconstruct_shows_three_factors_and_the_table():
    strip, text = autoencoders.autoencoder_reconstruct("test digit", 5)
    assert strip.width > 4 * 112 and "| 4 | 4×8×8 | 4× |" in text


def test_an_upload_is_framed_like_mnist():
    picture = np.full((200, 200, 3), 255, np.uint8)
    picture[40:160, 90:110] = 0  # a dark "1" on white paper
    x, name = editing.source_digit("upload", 0, None, picture)
    assert x.shape == (1, 1, 28, 28) and name == "your upload" and float(x[..., 14, 14]) > 0.5


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: list(ld.ldm_sample("12", 2.0, "DDIM", 5, 0, 1)), "class"),
        (lambda: list(ld.ldm_sample("7", 2.0, "Euler", 5, 0, 1)), "sampler"),
        (lambda: list(ld.ldm_sample("7", 2.0, "DDIM", 5000, 0, 1)), "steps"),
        (lambda: list(ld.ldm_sample("7", 2.0, "DDIM", 5, 0, 99)), "number of samples"),
        (lambda: list(editing.ldm_img2img("test digit", 0, None, None, "8", 1.5))[-1], "strength"),
        (lambda: list(editing.ldm_img2img("test digit", 0, None, None, "8", -0.1))[-1], "strength"),
        (lambda: list(editing.ldm_img2img("test digit", 0, None, None, "eight"))[-1], "target class"),
        (lambda: list(editing.ldm_img2img("test digit", 900))[-1], "test digit #"),
        (lambda: list(editing.ldm_img2img("drawing", 0, None))[-1], "Draw a digit"),
        (lambda: list(editing.ldm_img2img("upload", 0, None, np.full((64, 64), 255, np.uint8)))[-1], "blank"),
        (lambda: list(editing.ldm_img2img("upload", 0, None, np.zeros((3, 3), np.uint8)))[-1], "too small"),
        (lambda: list(editing.ldm_inpaint("test digit", 0, None, "everything"))[-1], "mask"),
        (lambda: list(editing.ldm_inpaint("test digit", 0, None, "brushed", {"layers": []}))[-1], "Brush"),
        (lambda: list(editing.ldm_inpaint("upload", 0, None))[-1], "test digit or a drawing"),
        (lambda: list(ld.ldm_negative("7", "7"))[-1], "must differ"),
        (lambda: list(ld.ldm_negative("7", "unconditional"))[-1], "negative class"),
        (lambda: autoencoders.autoencoder_reconstruct("photo"), "input"),
    ],
)
def test_bad_input_gets_a_sentence(call, match):
    with pytest.raises(gr.Error, match=match):
        call()


def test_empty_and_full_brushed_masks_are_refused():
    empty = np.zeros((280, 280, 4), np.uint8)
    full = np.full((280, 280, 4), 255, np.uint8)
    with pytest.raises(gr.Error, match="empty"):
        list(editing.ldm_inpaint("test digit", 0, None, "brushed", {"layers": [empty]}))[-1]
    with pytest.raises(gr.Error, match="whole digit"):
        list(editing.ldm_inpaint("test digit", 0, None, "brushed", {"layers": [full]}))[-1]
