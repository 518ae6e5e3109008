"""The digit-DCGAN section of the GAN tab: collapse on images, snapshot by snapshot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.tabs.gan.texts import say
from playground.widgets import light, private


@dataclass(frozen=True)
class DigitGANCallables:
    runs: tuple[str, ...]
    steps_for: Callable  # run -> list of snapshot steps
    gan_snapshot: Callable


def build_digit_gan_section(fns: DigitGANCallables) -> None:
    # Strings, not ints: the API page lists a Dropdown's choices as strings, so that is what scripts send.
    steps = [str(s) for s in fns.steps_for(fns.runs[0])]
    with gr.Accordion("On images: a DCGAN on the digits, vanilla vs. stabilised", open=True):
        gr.Markdown(say.fixed("two_dcgans_trained_python"))
        with gr.Row():
            run = gr.Radio(list(fns.runs), value=fns.runs[0], label=say.fixed("run_2"), elem_id="gan-digit-run")
            step = gr.Dropdown(
                steps, value=steps[-1], label=say.fixed("training_step_snapshot"), elem_id="gan-digit-step"
            )
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="gan-digit-seed")
            show = gr.Button(say.fixed("show_snapshot"), variant="primary", elem_id="gan-digit-show")
        with gr.Row(equal_height=False):
            grid = gr.Image(
                type="pil",
                format="png",
                label=say.fixed("n64_samples"),
                interactive=False,
                elem_id="gan-digit-grid",
                height=448,
            )
            with gr.Column():
                hist = gr.Plot(label=say.fixed("class_histogram"), elem_id="gan-digit-hist")
                summary = gr.Markdown(elem_id="gan-digit-summary")
    inputs, outputs = [run, step, seed], [grid, hist, summary]
    show.click(**checked(fns.gan_snapshot, inputs), outputs=outputs, api_name="gan_snapshot", **light("gan_digits"))
    gr.on(
        [run.change, step.change],
        **checked(fns.gan_snapshot, inputs),
        outputs=outputs,
        **private("gan_snapshot_ui"),
    )
