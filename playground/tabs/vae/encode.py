"""Handlers of the VAE tab's encode section: a drawing through the encoder q(z|x), its samples, its ELBO
terms, and the explorer moved to its posterior mean."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import torch

from models.vae.model import elbo_terms, reparameterise
from playground import validate
from playground.inputs import drawing_to_digit
from playground.pictures import digit_image, digit_strip
from playground.settings import SETTINGS
from playground.tabs.vae.handlers import clip_z, format_z, model_device, slider_values, vae_decode, vae_model
from playground.tabs.vae.texts import say


def _mu_sigma_plot(mu: np.ndarray, sigma: np.ndarray) -> go.Figure:
    d = np.arange(1, len(mu) + 1)
    fig = go.Figure()
    fig.add_hrect(y0=-1, y1=1, fillcolor="lightgrey", opacity=0.35, line_width=0, annotation_text=say("prior_n_0_1"))
    fig.add_bar(x=d, y=mu, error_y=dict(type="data", array=sigma, visible=True), name="μ ± σ", marker_color="#1f77b4")
    fig.update_layout(
        title=say("q_z_x_n"),
        xaxis_title=say("dimension"),
        yaxis_title=say("value"),
        height=300,
        margin=dict(l=40, r=10, t=40, b=40),
        showlegend=False,
        xaxis=dict(dtick=1),
    )
    return fig


def check_drawing(sketch) -> None:
    """UI, before an encode: an empty pad says so once, as a note (the encode's five outputs each showed an
    error badge for it: issue 36). The API's /vae_encode still refuses an empty drawing itself."""
    drawing_to_digit(sketch)


@torch.inference_mode()
def vae_encode(name: str, sketch, samples, seed):
    """API /vae_encode: a drawing -> (input as the model sees it, reconstruction, samples of q(z|x),
    μ ± σ plot, ELBO terms as Markdown, μ as a list)."""
    model = vae_model(name)
    k = validate.number(samples, 1, SETTINGS.encode_samples_max, "number of samples", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    x = torch.from_numpy(drawing_to_digit(sketch)).view(1, 1, 28, 28).to(model_device(model))
    mu, logvar = model.encode(x)
    recon = model.decode(mu)[0]
    gen = torch.Generator(device=x.device).manual_seed(seed)
    z = reparameterise(mu, logvar, n=k, generator=gen)[:, 0]  # (k, D)
    terms = elbo_terms(model, x, samples=64, generator=gen)
    sigma = torch.exp(0.5 * logvar)[0].cpu().numpy()
    recon_t, kl = float(terms.recon[0]), float(terms.kl[0])
    # LaTeX stays outside ``tr`` (its braces); only the word under its brace is translated
    formula = (
        r"$$\log p(x) \;\ge\; \mathrm{ELBO}(x) = \underbrace{\mathbb{E}_{q(z|x)}[\log p(x|z)]}_{\text{"
        + say("reconstruction")
        + r"}} \;-\; \underbrace{\mathrm{KL}\big(q(z|x)\,\|\,p(z)\big)}_{\text{KL}}$$"
    )
    head, recon_row = say("term_value_nats"), say("reconstruction_e_log_p")
    elbo_md = (
        f"{formula}\n\n{head}\n|---|---|\n| {recon_row} | {recon_t:.1f} |\n"
        f"| KL(q(z\\|x) ‖ N(0, I)) = ½ Σ(μ² + σ² − log σ² − 1) | {kl:.1f} |\n| **ELBO** | **{recon_t - kl:.1f}** |\n\n"
        + say("samples_use_reparameterisation_z", seed=seed)
    )
    mu_list = mu[0].cpu().tolist()
    return (
        digit_image(x[0], 112),
        digit_image(recon, 112),
        digit_strip(model.decode(z).cpu(), cell=84),
        _mu_sigma_plot(mu[0].cpu().numpy(), sigma),
        elbo_md,
        mu_list,
    )


def show_drawing_encoding(name: str, projection: str, mu_list: list):
    """After an encode: sliders, z text, digit and map move to the drawing's posterior mean, and the map
    caption says so."""
    z = clip_z(mu_list)
    digit, latent_map = vae_decode(name, z, projection)
    caption = say("your_drawings_encoding_mean")
    return (*slider_values(z), format_z(z), digit, latent_map, caption)
