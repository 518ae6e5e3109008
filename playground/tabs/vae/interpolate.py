"""Handlers of the VAE tab's interpolation section: from test digit A to test digit B (or the last drawing)
through latent space, decoded along the way and drawn on the map."""

from __future__ import annotations

import gradio as gr
import torch
from PIL import Image

from models.core.data import digit_split
from models.vae.latent import interpolate
from playground import validate
from playground.i18n import tr
from playground.pictures import digit_image, digit_strip
from playground.settings import SETTINGS
from playground.tabs.vae.handlers import N_TEST, map_image, model_device, projections_for, vae_model
from playground.tabs.vae.texts import say


@torch.inference_mode()
def test_digit(index) -> Image.Image:
    i = validate.number(index, 0, N_TEST - 1, "test digit index", integer=True)
    return digit_image(digit_split().x_test[i], 112)


@torch.inference_mode()
def _encode_test(name: str, index: int) -> torch.Tensor:
    model = vae_model(name)
    return model.encode(digit_split().x_test[index : index + 1].to(model_device(model)))[0][0]


@torch.inference_mode()
def vae_interpolate(name: str, projection: str, index_a, endpoint_b: str, index_b, method: str, steps, drawn_mu):
    """API /vae_interpolate: from test digit A to test digit B (or the last drawing) in latent space.
    -> (strip of decodes, map with the path, path as a list of z)."""
    model = vae_model(name)
    validate.choice(projection, projections_for(name), f"projection for {name}")
    a = validate.number(index_a, 0, N_TEST - 1, "index of digit A", integer=True)
    validate.choice(endpoint_b, ("test digit", "my drawing"), "endpoint B")
    method = validate.choice(method, ("linear", "spherical"), "interpolation")
    n = validate.number(steps, 2, SETTINGS.interp_steps_max, "number of steps", integer=True)
    z_a = _encode_test(name, a)
    if endpoint_b == "my drawing":
        if not drawn_mu or len(drawn_mu) != model.latent_dim:
            raise gr.Error(say("encode_drawing_model_first"))
        z_b = torch.tensor(drawn_mu, dtype=torch.float32, device=z_a.device)
    else:
        z_b = _encode_test(name, validate.number(index_b, 0, N_TEST - 1, "index of digit B", integer=True))
    path = interpolate(z_a, z_b, n, method)
    strip = digit_strip(model.decode(path).cpu())
    path_list = path.cpu().tolist()
    return strip, map_image(name, projection, None, path_list), path_list


def interpolation_caption(index_a, endpoint_b: str, index_b, method: str, steps) -> str:
    """The map caption after an interpolation (run once /vae_interpolate succeeded, with the same inputs):
    the map now shows the path and no marker."""
    labels = digit_split().y_test
    a = validate.number(index_a, 0, N_TEST - 1, "index of digit A", integer=True)
    if validate.choice(endpoint_b, ("test digit", "my drawing"), "endpoint B") == "my drawing":
        b = say("your_drawing")
    else:
        i = validate.number(index_b, 0, N_TEST - 1, "index of digit B", integer=True)
        b = say("test_digit_i_label", i=i, label=int(labels[i]))
    return say(
        "path_test_digit_label",
        a=a,
        label=int(labels[a]),
        b=b,
        n=validate.number(steps, 2, SETTINGS.interp_steps_max, "number of steps", integer=True),
        method=tr(validate.choice(method, ("linear", "spherical"), "interpolation")),
    )


def endpoint_b_controls(endpoint_b: str):
    """B is a test digit or the last drawing: the index and its preview only for a test digit, a note only
    for a drawing. -> (index B, preview B, note) updates."""
    test = validate.choice(endpoint_b, ("test digit", "my drawing"), "endpoint B") == "test digit"
    return gr.update(visible=test), gr.update(visible=test), gr.update(visible=not test)
