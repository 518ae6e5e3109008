"""Assemble the playground's tabs into one Blocks app. Only tabs whose models ship are shown."""

from __future__ import annotations

import gradio as gr

from playground import vae_handlers as vae
from playground.settings import SETTINGS
from playground.vae_tab import VAECallables, build_vae_tab

TITLE = "Generative Models Playground"


def vae_callables() -> VAECallables:
    return VAECallables(
        models=vae.VAE_MODELS,
        max_latent=vae.MAX_LATENT,
        projections_for=vae.projections_for,
        all_projections=vae.PROJECTIONS_2D + vae.PROJECTIONS_HD,
        model_card=vae.model_card,
        initial=vae.initial_state,
        change_model=vae.change_model,
        decode_sliders=vae.decode_sliders,
        vae_decode=vae.vae_decode,
        sync_sliders=vae.sync_sliders,
        random_sample=vae.random_sample,
        select_on_map=vae.select_on_map,
        test_digit=vae.test_digit,
        vae_interpolate=vae.vae_interpolate,
        vae_encode=vae.vae_encode,
        show_drawing_encoding=vae.show_drawing_encoding,
    )


def build_demo() -> gr.Blocks:
    with gr.Blocks(title=TITLE) as demo:
        gr.Markdown(
            f"# {TITLE}\nSee how generative models work, on small models trained for this app. "
            "Runs offline, on CPU or GPU."
        )
        with gr.Tabs():
            with gr.Tab("VAE latent space", id="vae", elem_id="tab-vae"):
                build_vae_tab(demo, vae_callables(), default_model="vae2")
    demo.queue(max_size=SETTINGS.queue_max_size, default_concurrency_limit=SETTINGS.concurrency_limit)
    return demo
