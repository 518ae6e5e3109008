"""Handlers of the VAE tab: plain functions the UI wires to events (and scripts call by API name).

Each validates its inputs (``playground.validate``), runs the shipped VAE from the registry under
``torch.inference_mode`` and returns pictures. Derived, read-only views of a model (its latent map,
manifold) are cached per model; anything per visitor travels in ``gr.State``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import gradio as gr
import numpy as np
import torch
from PIL import Image

from models.core.data import digit_split
from models.core.registry import default_registry
from models.vae.latent import Projection
from models.vae.model import ConvVAE
from playground import validate
from playground.i18n import tr
from playground.map2d import MapGeometry, render_base, render_overlay
from playground.pictures import digit_grid, digit_image
from playground.settings import SETTINGS
from playground.tabs.vae.texts import say

VAE_MODELS = {
    "vae2": "2-D latent, β = 1",
    "vae16": "16-D latent, β = 1",
    "vae16_beta4": "16-D latent, β = 4 (β-VAE)",
}
MAX_LATENT = 16  # sliders built; a model shows the first latent_dim of them
PROJECTIONS_2D = ("latent plane", "decoded manifold")
PROJECTIONS_HD = ("PCA", "UMAP")
N_TEST = 500


def vae_model(name: str) -> ConvVAE:
    validate.choice(name, list(VAE_MODELS), "model")
    return default_registry().load(name)


def projections_for(name: str) -> tuple[str, ...]:
    return PROJECTIONS_2D if vae_model(name).latent_dim == 2 else PROJECTIONS_HD


def projection_choices(name: str) -> list[tuple[str, str]]:
    """A model's projections as (shown name in the visitor's language, value) for a choices update."""
    return [(tr(p), p) for p in projections_for(name)]  # each has its Chinese in texts.py (PCA, UMAP: names)


@dataclass(frozen=True)
class LatentView:
    geometry: MapGeometry
    base: Image.Image
    project: Projection


@functools.lru_cache(maxsize=16)
def latent_view(name: str, projection: str) -> LatentView:
    """The static map of a model's test encodings in one projection (built once, then cached)."""
    validate.choice(projection, projections_for(name), f"projection for {name}")
    model, extras = vae_model(name), default_registry().extras(name)
    mu = extras["atlas_mu"].cpu().numpy()
    labels = digit_split().y_test.numpy()
    if model.latent_dim == 2:
        proj = Projection("latent", mu)
        geometry = MapGeometry.around(mu, at_least=3.0)
        axes = ("z1", "z2")
        if projection == "decoded manifold":
            return LatentView(geometry, render_base(geometry, None, None, axes, _manifold(name, geometry)), proj)
    elif projection == "PCA":
        proj, axes = Projection("pca", mu), ("PC 1", "PC 2")
        geometry = MapGeometry.around(proj.points)
    else:
        proj, axes = Projection("umap", mu, extras["atlas_umap"].cpu().numpy()), ("UMAP 1", "UMAP 2")
        geometry = MapGeometry.around(proj.points)
    return LatentView(geometry, render_base(geometry, proj.points, labels, axes), proj)


@torch.inference_mode()
def _manifold(name: str, g: MapGeometry, n: int = 20) -> Image.Image:
    """Decodes of an n x n grid of z over the map's extent (cell centres), the Keras-VAE figure."""
    xs = g.x0 + (np.arange(n) + 0.5) / n * (g.x1 - g.x0)
    ys = g.y1 - (np.arange(n) + 0.5) / n * (g.y1 - g.y0)  # top row = largest z₂
    z = torch.tensor(np.stack(np.meshgrid(xs, ys), -1).reshape(-1, 2), dtype=torch.float32)
    model = vae_model(name)
    mosaic = digit_grid(model.decode(z.to(model_device(model))).cpu(), n, n)
    return Image.fromarray(255 - mosaic)  # dark ink on white reads better under coloured marks


def model_device(model: torch.nn.Module) -> torch.device:
    return next(model.parameters()).device


def model_card(name: str) -> str:
    info = default_registry().info(validate.choice(name, list(VAE_MODELS), "model"))
    cfg, m = vae_model(name).cfg, info["metrics"]
    return say(
        "model_latent_d_dim",
        model=tr(VAE_MODELS[name]),  # every description has its Chinese in texts.py
        dim=cfg.latent_dim,
        beta=cfg.beta,
        elbo=m["test_elbo_nats"],
        recon=m["test_recon_nats"],
        kl=m["test_kl_nats"],
        accuracy=100 * m["recon_accuracy"],
        command=info["command"],
    )


def format_z(z) -> str:
    return ", ".join(f"{round(float(v), 2) + 0.0:.2f}" for v in z)  # + 0.0: no "-0.00"


def clip_z(z) -> list[float]:
    """Latents we computed ourselves (samples, clicks, encodings) kept inside the API's own limit."""
    return [float(np.clip(v, -SETTINGS.z_abs_max, SETTINGS.z_abs_max)) for v in z]


def z_info(name: str) -> str:
    """The z textbox's info line for a model: how many numbers it takes and their limit."""
    return say("dim_numbers_each_within", dim=vae_model(name).latent_dim, limit=SETTINGS.z_abs_max)


def z_caption(z) -> str:
    """The map caption for a z set by hand (sliders, typed): the 2-D model's z is the marker's position;
    a projected map's marker is no test digit, so nothing to name."""
    return f"z = ({z[0]:.2f}, {z[1]:.2f})" if len(z) == 2 else ""


def slider_values(z: list[float]) -> list:
    shown = [round(float(np.clip(v, -SETTINGS.slider_range, SETTINGS.slider_range)), 2) for v in z]
    return shown + [0.0] * (MAX_LATENT - len(z))


# ---- decode ------------------------------------------------------------------------------------


@torch.inference_mode()
def decode_image(name: str, z: list[float]) -> Image.Image:
    model = vae_model(name)
    x = model.decode(torch.tensor([z], dtype=torch.float32, device=model_device(model)))
    return digit_image(x[0])


def map_image(name: str, projection: str, z: list[float] | None = None, path: list | None = None) -> Image.Image:
    view = latent_view(name, projection)
    marker = view.project(np.asarray(z, np.float64))[0] if z is not None else None
    path_2d = view.project(np.asarray(path, np.float64)) if path else None
    return render_overlay(view.base, view.geometry, marker, path_2d)


def vae_decode(name: str, z, projection: str, path: list | None = None):
    """API /vae_decode: z as numbers or text -> (decoded digit, latent map with a marker at z)."""
    dim = vae_model(name).latent_dim
    z = validate.latent_vector(z, dim, SETTINGS.z_abs_max)
    validate.choice(projection, projections_for(name), f"projection for {name}")
    return decode_image(name, z), map_image(name, projection, z, path)


def decode_sliders(name: str, projection: str, path: list | None, *sliders):
    """Slider drag: the first latent_dim sliders are z. -> (digit, map, z as text, map caption)."""
    dim = vae_model(name).latent_dim
    z = validate.latent_vector(list(sliders[:dim]), dim, SETTINGS.z_abs_max)
    digit, latent_map = vae_decode(name, z, projection, path)
    return digit, latent_map, format_z(z), z_caption(z)


def sync_sliders(name: str, z_text):
    """After z was typed or sent through the API: move the sliders there. -> (*sliders, map caption)."""
    z = validate.latent_vector(z_text, vae_model(name).latent_dim, SETTINGS.z_abs_max)
    return (*slider_values(z), z_caption(z))


def random_sample(name: str, projection: str, temperature, seed, path: list | None = None):
    """z ~ N(0, T² I) from a seeded generator -> (*sliders, z text, digit, map)."""
    model = vae_model(name)
    t = validate.number(temperature, 0.0, SETTINGS.temperature_max, "temperature")
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    z = (t * torch.randn(model.latent_dim, generator=torch.Generator().manual_seed(seed))).tolist()
    z = clip_z(z)
    digit, latent_map = vae_decode(name, z, projection, path)
    return (*slider_values(z), format_z(z), digit, latent_map)


def sample_caption(temperature, seed) -> str:
    """The map caption after a random sample (run once /vae_sample succeeded, with the same inputs)."""
    t = validate.number(temperature, 0.0, SETTINGS.temperature_max, "temperature")
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    return say("random_sample_z_n", t=t, seed=seed)


def select_on_map(name: str, projection: str, path: list | None, evt: gr.SelectData):
    """A click on the map: the 2-D model decodes the clicked point itself; a projected map snaps to
    the nearest test digit and uses its encoding. -> (*sliders, z text, digit, map, caption)."""
    view = latent_view(name, projection)
    xy = view.geometry.from_pixel(*evt.index[:2])
    if vae_model(name).latent_dim == 2:
        z, caption = xy.tolist(), f"z = ({xy[0]:.2f}, {xy[1]:.2f})"
    else:
        i = view.project.nearest(xy)
        z = view.project.atlas_mu[i].tolist()
        caption = say("nearest_test_digit_i", i=i, label=int(digit_split().y_test[i]))
    z = clip_z(z)
    digit, latent_map = vae_decode(name, z, projection, path)
    return (*slider_values(z), format_z(z), digit, latent_map, caption)


def initial_state(name: str) -> dict:
    """What the tab shows for a model before any event: z = 0, first projection."""
    projection = projections_for(name)[0]
    z = [0.0] * vae_model(name).latent_dim
    digit, latent_map = vae_decode(name, z, projection)
    return {"projection": projection, "z_text": format_z(z), "digit": digit, "map": latent_map}


# What ``change_model`` returns after the sliders, in order (the UI wires the same order).
CHANGE_MODEL_OUTPUTS = (
    "projection",
    "card",
    "z",
    "digit",
    "map",
    "path",
    "caption",
    "drawn",
    "strip",
    "seen",
    "recon",
    "samples",
    "mu_plot",
    "elbo",
)


def change_model(name: str):
    """New model: sliders shown/hidden and reset to 0, projections, card, z (and its info line), digit and
    map, the map caption for z = 0. Everything computed with the old model is cleared: the interpolation
    path and strip, the last drawing's μ (a 16-D μ of one model is no encoding of the other) and its whole
    encoding (input, reconstruction, samples, μ ± σ, ELBO table)."""
    dim, state = vae_model(name).latent_dim, initial_state(name)
    sliders = [gr.update(value=0.0, visible=i < dim) for i in range(MAX_LATENT)]
    proj_update = gr.update(choices=projection_choices(name), value=state["projection"])
    z_update = gr.update(value=state["z_text"], info=z_info(name))
    caption = z_caption([0.0] * dim)
    shown = (proj_update, model_card(name), z_update, state["digit"], state["map"], None, caption)
    cleared = (None, None, None, None, None, None, "")  # drawn μ, strip, seen, recon, samples, μ ± σ, ELBO
    return (*sliders, *shown, *cleared)
