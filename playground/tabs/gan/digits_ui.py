"""The digit-DCGAN section of the GAN tab: collapse on images, snapshot by snapshot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
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
        gr.Markdown(
            "Two DCGANs trained by `python -m models.train dcgan_vanilla` / `dcgan_stable`, shipped as snapshots "
            "over training. *Vanilla*: a 2-D z and G's learning rate 10× D's — G outruns D and some digits never "
            "appear. *Stabilised*: the same recipe with a 64-D z (DCGAN's usual size) — every digit appears; with a "
            "2-D z, minibatch std, spectral norm, R1 and a faster D each still left a digit out. The evaluator "
            "classifies 1,000 samples of the chosen snapshot: a collapsed generator puts most of them on a few "
            "digits (low entropy)."
        )
        with gr.Row():
            run = gr.Radio(list(fns.runs), value=fns.runs[0], label="Run", elem_id="gan-digit-run")
            step = gr.Dropdown(steps, value=steps[-1], label="Training step (snapshot)", elem_id="gan-digit-step")
            seed = gr.Number(0, precision=0, minimum=0, label="Seed", elem_id="gan-digit-seed")
            show = gr.Button("Show snapshot", variant="primary", elem_id="gan-digit-show")
        with gr.Row(equal_height=False):
            grid = gr.Image(
                type="pil", format="png", label="64 samples", interactive=False, elem_id="gan-digit-grid", height=448
            )
            with gr.Column():
                hist = gr.Plot(label="class histogram", elem_id="gan-digit-hist")
                summary = gr.Markdown(elem_id="gan-digit-summary")
    inputs, outputs = [run, step, seed], [grid, hist, summary]
    show.click(**checked(fns.gan_snapshot, inputs), outputs=outputs, api_name="gan_snapshot", **light("gan_digits"))
    gr.on(
        [run.change, step.change],
        **checked(fns.gan_snapshot, inputs),
        outputs=outputs,
        **private("gan_snapshot_ui"),
    )
