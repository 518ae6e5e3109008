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

# Test digits 105 and 405 are a 2 and an 8 (50 per class in order). The 16-D steps switch the model first; a
# link's last value is set a moment after the others (deep_links), once the model's reset has run.
_AB = "vae-index-a=105&vae-index-b=405"
_V16 = "?tab=vae&vae-model=vae16"
_BETA4 = "?tab=vae&vae-model=vae16_beta4"
TOUR = f"""
**Guided tour**
1. [Walk the 2-D latent plane](?tab=vae&vae-seed=0&vae-projection=decoded%20manifold&run=vae-sample): the map is
   now the decoder itself, the digit decoded at every point of the plane. Neighbouring z decode to neighbouring
   digits and one class melts into the next at its border; click anywhere, or drag z1 and z2, to walk it.
2. [decoder(μ) beside the data]({_V16}&{_AB}&vae-steps=2&run=vae-interpolate): the strip holds the
   reconstructions of the 2 and the 8 shown above it: the same digits, soft and grey at the edges. **Why a VAE is
   blurry**: decoder(z) is the mean of p(x|z), the average of every digit whose q(z|x) reaches z, and a
   pixel-by-pixel likelihood pays less for a grey edge than for a stroke in the wrong place.
3. [Temperature T = 0]({_V16}&vae-temperature=0&run=vae-sample): z = 0, the prior's centre, decodes to one smooth,
   average digit. [T = 0.5]({_V16}&vae-temperature=0.5&run=vae-sample) and
   [T = 1]({_V16}&vae-temperature=1&run=vae-sample) scale the same ε (seed 0). At T = 1, the prior itself, the
   evaluator is sure (> 90%) of only 13% of the samples, at T = 0.5 of 28%: the prior has regions no encoding
   filled, and a lower T trades variety for digits.
4. [Linear interpolation]({_V16}&{_AB}&vae-method=linear&vae-steps=9&run=vae-interpolate) against
   [spherical (slerp)]({_V16}&{_AB}&vae-method=spherical&vae-steps=9&run=vae-interpolate): a 2 becomes an 8. In
   16-D the encodings lie near the prior's shell (|z| ≈ 4); the straight line cuts inside it (|z| falls from 4.5
   to 2.8 halfway), towards the blurry average digit of T = 0, while slerp keeps |z| ≈ 4.5 and its middle frames
   stay sharper.
5. [β = 4]({_BETA4}&{_AB}&vae-steps=9&run=vae-interpolate): four times the KL weight pulls every q(z|x) towards
   N(0, I). The card shows KL 9.1 nats instead of 22.5, and the price, reconstruction −117.2 nats instead of
   −84.0: the same 2 → 8 is blurrier. What it buys is a space the prior covers:
   [samples at T = 1]({_BETA4}&vae-temperature=1&run=vae-sample) are digits the evaluator is sure of twice as
   often (28% against 13%).
"""


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
