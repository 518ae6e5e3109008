"""Handler tests: the tab's functions called directly, as the UI and the API call them."""

import gradio as gr
import numpy as np
import pytest
import torch
from PIL import Image

from models.core.data import digit_split
from models.core.registry import default_registry
from models.measure.metrics import predict
from playground.settings import SETTINGS
from playground.tabs.vae import encode, interpolate
from playground.tabs.vae import handlers as vae


def sketch_of(digit: torch.Tensor) -> dict:
    """A test digit as the Sketchpad sends a drawing: a transparent RGBA layer whose alpha is the ink."""
    ink = np.asarray(Image.fromarray((digit.squeeze().numpy() * 255).astype(np.uint8)).resize((280, 280)))
    layer = np.zeros((280, 280, 4), np.uint8)
    layer[..., 3] = ink
    composite = np.full((280, 280, 4), 255, np.uint8)
    composite[..., :3] -= ink[..., None]
    return {"background": None, "layers": [layer], "composite": composite}


def pixels(img: Image.Image) -> np.ndarray:
    return np.asarray(img, dtype=np.int16)


def test_decode_returns_digit_and_map_and_depends_on_z():
    a, map_a = vae.vae_decode("vae2", [0.0, 0.0], "latent plane")
    b, map_b = vae.vae_decode("vae2", "1.5, -1.0", "latent plane")
    assert a.size == (280, 280) and map_a.size == map_b.size
    assert np.abs(pixels(a) - pixels(b)).mean() > 5
    assert np.abs(pixels(map_a) - pixels(map_b)).sum() > 0  # the marker moved


def test_decode_sliders_uses_only_the_models_dimensions():
    digit, _, z_text, caption = vae.decode_sliders("vae2", "latent plane", None, 0.5, -0.5, *[2.0] * 14)
    assert z_text == "0.50, -0.50" and caption == "z = (0.50, -0.50)"
    again, _ = vae.vae_decode("vae2", [0.5, -0.5], "latent plane")
    assert np.array_equal(pixels(digit), pixels(again))


@pytest.mark.parametrize(
    "z, message",
    [
        ([0.0, 9.0], "between"),
        ([0.0], "2-D latent space"),
        ("a, b", "number"),
        ("[1, ", "could not read"),
        (None, "list of 2 numbers"),
        ([float("nan"), 0.0], "between"),
    ],
)
def test_bad_latent_gets_a_clear_message(z, message):
    with pytest.raises(gr.Error, match=message):
        vae.vae_decode("vae2", z, "latent plane")


def test_bad_model_and_projection_are_refused():
    with pytest.raises(gr.Error, match="model must be one of"):
        vae.vae_decode("gpt", [0, 0], "latent plane")
    with pytest.raises(gr.Error, match="projection"):
        vae.vae_decode("vae16", [0] * 16, "latent plane")


def test_random_sample_is_seeded_and_scaled_by_temperature():
    out1 = vae.random_sample("vae16", "PCA", 1.0, 7)
    out2 = vae.random_sample("vae16", "PCA", 1.0, 7)
    assert out1[vae.MAX_LATENT] == out2[vae.MAX_LATENT]  # same z text
    cold = vae.random_sample("vae16", "PCA", 0.0, 7)
    assert cold[vae.MAX_LATENT] == ", ".join(["0.00"] * 16)
    with pytest.raises(gr.Error, match="temperature"):
        vae.random_sample("vae16", "PCA", 99, 0)
    with pytest.raises(gr.Error, match="seed"):
        vae.random_sample("vae16", "PCA", 1.0, -1)


def test_click_on_map_decodes_there():
    view = vae.latent_view("vae2", "latent plane")
    px, py = view.geometry.to_pixel(np.array([1.0, -2.0]))[0]
    out = vae.select_on_map("vae2", "latent plane", None, gr.SelectData(None, {"index": [px, py], "value": None}))
    z = [float(v) for v in out[vae.MAX_LATENT].split(",")]
    assert np.allclose(z, [1.0, -2.0], atol=0.05)
    out16 = vae.select_on_map("vae16", "UMAP", None, gr.SelectData(None, {"index": [200, 200], "value": None}))
    assert "nearest test digit" in out16[-1]


def test_interpolation_strip_and_path():
    strip, latent_map, path = interpolate.vae_interpolate("vae16", "UMAP", 0, "test digit", 5, "spherical", 6, None)
    assert len(path) == 6 and len(path[0]) == 16
    assert strip.size[0] == 6 * 84 + 7 * 4
    with pytest.raises(gr.Error, match="between 2 and"):
        interpolate.vae_interpolate("vae16", "UMAP", 0, "test digit", 5, "linear", SETTINGS.interp_steps_max + 1, None)
    with pytest.raises(gr.Error, match="Encode a drawing"):
        interpolate.vae_interpolate("vae16", "UMAP", 0, "my drawing", 5, "linear", 4, None)
    with pytest.raises(gr.Error, match="index of digit A"):
        interpolate.vae_interpolate("vae16", "UMAP", 500, "test digit", 5, "linear", 4, None)


def test_encode_a_drawn_digit_reconstructs_its_class():
    s = digit_split()
    evaluator = default_registry().load("evaluator")
    hits = 0
    for i in range(0, 500, 50):  # one digit of each class
        seen, recon, samples, plot, elbo_md, mu = encode.vae_encode("vae16", sketch_of(s.x_test[i]), 4, 0)
        x = torch.from_numpy(np.asarray(recon.resize((28, 28), Image.BOX), np.float32) / 255).view(1, 1, 28, 28)
        hits += int(predict(evaluator, x)[0] == s.y_test[i])
        assert len(mu) == 16 and "ELBO" in elbo_md and samples.size[0] == 4 * 84 + 5 * 4
    assert hits >= 9


def test_encode_then_interpolate_to_the_drawing():
    *_, mu = encode.vae_encode("vae2", sketch_of(digit_split().x_test[3]), 2, 0)
    strip, _, path = interpolate.vae_interpolate("vae2", "latent plane", 0, "my drawing", 0, "linear", 5, mu)
    assert np.allclose(path[-1], mu, atol=1e-5)


def test_empty_or_missing_drawing_is_refused():
    blank = {
        "background": None,
        "layers": [np.zeros((280, 280, 4), np.uint8)],
        "composite": np.full((280, 280, 4), 255, np.uint8),
    }
    for sketch in (None, blank, {"background": None, "layers": [], "composite": None}):
        with pytest.raises(gr.Error, match="Draw a digit|empty"):
            encode.vae_encode("vae16", sketch, 4, 0)
    with pytest.raises(gr.Error, match="number of samples"):
        encode.vae_encode("vae16", sketch_of(digit_split().x_test[0]), 1000, 0)


def test_change_model_shows_the_right_number_of_sliders():
    out = vae.change_model("vae16_beta4")
    assert [u["visible"] for u in out[: vae.MAX_LATENT]] == [True] * 16
    out2 = vae.change_model("vae2")
    assert [u["visible"] for u in out2[: vae.MAX_LATENT]].count(True) == 2
    assert "β = 4" in vae.model_card("vae16_beta4")
