"""The encode section of the VAE tab: a drawing through q(z|x), its samples and its ELBO terms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.settings import SETTINGS
from playground.tabs.vae.texts import say
from playground.widgets import private, stroke_pad


@dataclass(frozen=True)
class EncodeCallables:
    check_drawing: Callable  # sketch -> None, or a clear error for an empty pad (on no output)
    vae_encode: Callable
    show_drawing_encoding: Callable


def _picture(label: str, elem_id: str, height: int | None = None) -> gr.Image:
    return gr.Image(type="pil", format="png", label=say.fixed(label), height=height, interactive=False, elem_id=elem_id)


def build_encode_section(fns: EncodeCallables, explorer, limit: dict) -> list:
    """Encode a drawing; the ``explorer`` then moves to its posterior mean. -> the outputs a new model clears:
    [seen, reconstruction, samples, μ plot, ELBO]."""
    with gr.Accordion("Encode what you draw", open=True):
        gr.Markdown(say.fixed("draw_digit_white_ink"))
        with gr.Row(equal_height=False):
            with gr.Column(scale=2, min_width=300):
                sketch = stroke_pad("Draw a digit", "#000000", 12, 280, "vae-sketch")
                with gr.Row():
                    n_samples = gr.Slider(
                        1,
                        SETTINGS.encode_samples_max,
                        8,
                        step=1,
                        label=say.fixed("samples_q_z_x"),
                        elem_id="vae-n-samples",
                    )
                    enc_seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="vae-enc-seed")
                encode_btn = gr.Button(say.fixed("encode"), variant="primary", elem_id="vae-encode")
            with gr.Column(scale=3, min_width=300):
                with gr.Row():
                    seen = _picture("x_model_sees", "vae-seen", 140)
                    recon = _picture("decoder", "vae-recon", 140)
                samples_img = _picture("decoder_z_z", "vae-samples")
                mu_plot = gr.Plot(label="μ ± σ", elem_id="vae-mu-plot")
                elbo = gr.Markdown(
                    elem_id="vae-elbo", latex_delimiters=[{"left": "$$", "right": "$$", "display": True}]
                )
    e = explorer
    encode_btn.click(
        **checked(fns.check_drawing, [sketch]),
        outputs=None,
        **private("vae_check_drawing"),
        show_progress="hidden",
        **limit,
    ).success(
        **checked(fns.vae_encode, [e.model, sketch, n_samples, enc_seed]),
        outputs=[seen, recon, samples_img, mu_plot, elbo, e.drawn_state],
        api_name="vae_encode",
        **limit,
    ).success(
        **checked(fns.show_drawing_encoding, [e.model, e.projection, e.drawn_state]),
        outputs=[*e.sliders, e.z_text, e.digit, e.latent_map, e.caption],
        **private("vae_show_drawing"),
    )
    return [seen, recon, samples_img, mu_plot, elbo]
