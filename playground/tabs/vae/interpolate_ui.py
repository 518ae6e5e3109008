"""The interpolation section of the VAE tab: two endpoints, a path through latent space, its decodes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground import presenter
from playground.events import checked
from playground.settings import SETTINGS
from playground.tabs.vae.texts import say
from playground.widgets import private


@dataclass(frozen=True)
class InterpolationCallables:
    test_digit: Callable
    vae_interpolate: Callable
    interpolation_caption: Callable  # (index A, B is, index B, method, steps) -> the map caption after it
    endpoint_b_controls: Callable  # B is -> (index B, preview B, note) visibility updates


def _endpoint(fns: InterpolationCallables, end: str, index: int, label: str, info: str | None = None):
    """Endpoint ``end`` (a or b): its test-digit index and the preview that follows it."""
    elem_id = f"vae-index-{end}"
    number = gr.Number(index, precision=0, minimum=0, maximum=499, label=say.fixed(label), info=info, elem_id=elem_id)
    preview = gr.Image(fns.test_digit(index), type="pil", format="png", show_label=False, height=112, interactive=False)
    number.change(
        **checked(fns.test_digit, [number]), outputs=[preview], **private(f"vae_preview_{end}"), show_progress="hidden"
    )
    return number, preview


def build_interpolation_section(fns: InterpolationCallables, explorer, limit: dict) -> gr.Image:
    """Interpolate from digit A to B; the path is drawn on the ``explorer``'s map. -> the strip of decodes."""
    with gr.Accordion("Interpolate between two digits", open=True):
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=200):
                index_a, _ = _endpoint(fns, "a", 0, "test_digit_2", info=say.fixed("n0_499_50_per"))
            with gr.Column(scale=1, min_width=200):
                endpoint_b = gr.Radio(
                    ["test digit", "my drawing"], value="test digit", label=say.fixed("b"), elem_id="vae-endpoint-b"
                )
                index_b, preview_b = _endpoint(fns, "b", 50, "b_test_digit")
                b_note = gr.Markdown(say.fixed("b_your_last_drawing"), visible=False, elem_id="vae-b-note")
            with gr.Column(scale=2, min_width=240):
                method = gr.Radio(
                    ["linear", "spherical"],
                    value="linear",
                    label=say.fixed("path"),
                    elem_id="vae-method",
                    info=say.fixed("linear_1_t_z"),
                )
                steps = gr.Slider(
                    2, SETTINGS.interp_steps_max, 10, step=1, label=say.fixed("steps"), elem_id="vae-steps"
                )
                interp_btn = gr.Button(say.fixed("interpolate"), variant="primary", elem_id="vae-interpolate")
        strip = gr.Image(
            type="pil",
            format="png",
            label=say.fixed("decodes_along_path_also"),
            interactive=False,
            elem_id="vae-strip",
            elem_classes=[presenter.TOUR_PICTURE],
            buttons=["download"],
        )
    endpoint_b.change(
        **checked(fns.endpoint_b_controls, [endpoint_b]),
        outputs=[index_b, preview_b, b_note],
        **private("vae_endpoint_b"),
        show_progress="hidden",
    )
    interp_inputs = [index_a, endpoint_b, index_b, method, steps]
    e = explorer
    interp_btn.click(
        **checked(fns.vae_interpolate, [e.model, e.projection, *interp_inputs, e.drawn_state]),
        outputs=[strip, e.latent_map, e.path_state],
        api_name="vae_interpolate",
        **limit,
    ).success(
        **checked(fns.interpolation_caption, interp_inputs), outputs=[e.caption], **private("vae_interpolate_caption")
    )
    return strip
