"""The "VAE" tab (its latent space). It builds widgets and wires events to the callables it is given
(``VAECallables``); it never touches a model itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.presenter import FIGURE, LECTURE_HIDDEN, intro_panel
from playground.settings import SETTINGS
from playground.tabs.vae.encode_ui import EncodeCallables, build_encode_section
from playground.tabs.vae.interpolate_ui import InterpolationCallables, build_interpolation_section
from playground.tabs.vae.texts import say
from playground.widgets import light, private


@dataclass(frozen=True)
class VAECallables:
    models: dict[str, str]  # name -> description, in menu order
    max_latent: int
    projection_choices: Callable  # name -> [(shown name, projection)] in the visitor's language
    all_projections: tuple[str, ...]
    model_card: Callable
    initial: Callable  # name -> dict(projection, z_text, digit, map) shown before any event
    change_model: Callable
    decode_sliders: Callable
    vae_decode: Callable
    sync_sliders: Callable
    random_sample: Callable
    sample_caption: Callable  # (temperature, seed) -> the map caption after a sample
    select_on_map: Callable
    interpolation: InterpolationCallables
    encoding: EncodeCallables


@dataclass(frozen=True)
class Explorer:
    """The explorer's widgets, which the other sections read and write (the model, the map, z)."""

    model: gr.Dropdown
    projection: gr.Radio
    card: gr.Markdown
    latent_map: gr.Image
    caption: gr.Markdown
    digit: gr.Image
    z_text: gr.Textbox
    temperature: gr.Slider
    seed: gr.Number
    sample_btn: gr.Button
    sliders: list
    path_state: gr.State  # the last interpolation path (list of z), drawn on the map
    drawn_state: gr.State  # μ of the last drawing, for interpolating to it


INTRO = """
A variational auto-encoder learns an encoder q(z|x) = N(μ(x), σ²(x)) and a decoder p(x|z), trained on
the ELBO = E_q[log p(x|z)] − β·KL(q(z|x) ‖ N(0, I)). Move through its latent space z: every point decodes
to an image. The **2-D** model shows the whole latent plane; the **16-D** models reconstruct better, and the
**β = 4** one trades sharpness for a smoother, more organised space.
"""

TOUR = say.en("guided_tour_1_walk")  # the tour, written once in texts.py (English and Chinese side by side)


def build_vae_tab(demo: gr.Blocks, fns: VAECallables, default_model: str) -> None:
    limit = light("vae")
    with intro_panel():
        gr.Markdown(INTRO, elem_id="vae-intro")
        gr.Markdown(TOUR, elem_id="vae-tour")
    e = _build_explorer(fns, default_model)
    strip = build_interpolation_section(fns.interpolation, e, limit)
    encoded = build_encode_section(fns.encoding, e, limit)
    # On load, in the visitor's language: the model's own projections and its card (built in English).
    demo.load(
        **checked(lambda: (gr.update(choices=fns.projection_choices(default_model)), fns.model_card(default_model))),
        outputs=[e.projection, e.card],
        **private("vae_page_load"),
    )
    # the order of handlers.CHANGE_MODEL_OUTPUTS: what the new model shows, then what the old one computed, cleared
    e.model.change(
        **checked(fns.change_model, [e.model]),
        outputs=[
            *e.sliders,
            *(e.projection, e.card, e.z_text, e.digit, e.latent_map, e.path_state, e.caption, e.drawn_state),
            *(strip, *encoded),
        ],
        **private("vae_change_model"),
        **limit,
    )
    _wire_explorer(fns, e, limit)


def _build_explorer(fns: VAECallables, default_model: str) -> Explorer:
    first = fns.initial(default_model)  # dict: projection, z_text, digit, map
    dim = len(first["z_text"].split(","))
    with gr.Row():
        model = gr.Dropdown(
            choices=[(f"{n} — {d}", n) for n, d in fns.models.items()],
            value=default_model,
            label=say.fixed("model"),
            elem_id="vae-model",
            scale=1,
        )
        # Built with every model's projections so API calls for any model pass Gradio's choice
        # check; the page narrows the list to the current model's on load and on model change.
        projection = gr.Radio(
            list(fns.all_projections),
            value=first["projection"],
            label=say.fixed("latent_map_click_point"),
            elem_id="vae-projection",
            scale=1,
        )
        card = gr.Markdown(
            fns.model_card(default_model), elem_id="vae-card", elem_classes=[LECTURE_HIDDEN], min_height=0
        )
    with gr.Row(equal_height=False):
        with gr.Column(scale=5):
            latent_map = gr.Image(
                first["map"],
                type="pil",
                format="png",
                interactive=False,
                show_label=False,
                elem_id="vae-map",
                elem_classes=[FIGURE],
                buttons=["download"],
            )
            caption = gr.Markdown("", elem_id="vae-map-caption")
        with gr.Column(scale=4):
            digit, z_text, temperature, seed, sample_btn = _sample_column(first, dim)
        with gr.Column(scale=4):
            gr.Markdown(say.fixed("latent_sliders_3_prior"))
            sliders = [
                gr.Slider(
                    -SETTINGS.slider_range,
                    SETTINGS.slider_range,
                    0.0,
                    step=0.05,
                    label=f"z{i + 1}",
                    visible=i < dim,
                    elem_id=f"vae-z{i + 1}",
                    min_width=120,
                )
                for i in range(fns.max_latent)
            ]
    return Explorer(
        model,
        projection,
        card,
        latent_map,
        caption,
        digit,
        z_text,
        temperature,
        seed,
        sample_btn,
        sliders,
        path_state=gr.State(None),
        drawn_state=gr.State(None),
    )


def _sample_column(first: dict, dim: int):
    """The decoded digit, z as text, and sampling z ~ N(0, T²I). -> (digit, z text, T, seed, button)."""
    digit = gr.Image(
        first["digit"],
        type="pil",
        format="png",
        interactive=False,
        label=say.fixed("decoded_x_decoder_z"),
        elem_id="vae-digit",
        height=300,
        buttons=["download"],
    )
    z_text = gr.Textbox(
        first["z_text"],
        label=say.fixed("z_edit_press_enter"),
        elem_id="vae-z",
        max_lines=2,
        info=f"{dim} numbers, each within ±{SETTINGS.z_abs_max:g}",
    )
    with gr.Row():
        temperature = gr.Slider(
            0, SETTINGS.temperature_max, 1.0, step=0.1, label=say.fixed("temperature_t"), elem_id="vae-temperature"
        )
        seed = gr.Number(0, precision=0, label=say.fixed("seed"), minimum=0, elem_id="vae-seed")
    sample_btn = gr.Button(say.fixed("random_sample_z_n_2"), variant="primary", elem_id="vae-sample")
    return digit, z_text, temperature, seed, sample_btn


def _wire_explorer(fns: VAECallables, e: Explorer, limit: dict) -> None:
    moved = [*e.sliders, e.z_text, e.digit, e.latent_map]  # what a new z moves
    e.projection.change(
        **checked(fns.vae_decode, [e.model, e.z_text, e.projection, e.path_state]),
        outputs=[e.digit, e.latent_map],
        **private("vae_redraw"),
        **limit,
    )
    gr.on(
        [s.input for s in e.sliders],
        **checked(fns.decode_sliders, [e.model, e.projection, e.path_state, *e.sliders]),
        outputs=[e.digit, e.latent_map, e.z_text, e.caption],
        trigger_mode="always_last",
        show_progress="hidden",
        **private("vae_slider"),
        **limit,
    )
    e.z_text.submit(
        **checked(fns.vae_decode, [e.model, e.z_text, e.projection]),
        outputs=[e.digit, e.latent_map],
        api_name="vae_decode",
        **limit,
    ).success(
        **checked(fns.sync_sliders, [e.model, e.z_text]),
        outputs=[*e.sliders, e.caption],
        **private("vae_sync_sliders"),
    )
    # The API events keep their outputs; the map caption follows in a private step once they succeeded.
    e.sample_btn.click(
        **checked(fns.random_sample, [e.model, e.projection, e.temperature, e.seed, e.path_state]),
        outputs=moved,
        api_name="vae_sample",
        **limit,
    ).success(
        **checked(fns.sample_caption, [e.temperature, e.seed]), outputs=[e.caption], **private("vae_sample_caption")
    )
    e.latent_map.select(
        **checked(fns.select_on_map, [e.model, e.projection, e.path_state]),
        outputs=[*moved, e.caption],
        **private("vae_map_click"),
        **limit,
    )
