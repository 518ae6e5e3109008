"""The home tab: the course map, the metrics lab, nearest neighbours and the measured trilemma. It
wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.presenter import COMPACT, FIGURE, action_row, controls, intro_panel, section_intro
from playground.tabs.home.texts import say
from playground.widgets import heavy, light, private


@dataclass(frozen=True)
class HomeCallables:
    breaks: tuple[str, ...]
    generators: tuple[str, ...]
    quality_axes: tuple[str, ...]
    lab_n: tuple[int, int]
    default_amount: Callable  # break -> the amount it starts at
    metrics_lab: Callable
    nearest_neighbours: Callable
    trilemma: Callable
    trilemma_speed: Callable


INTRO = """
Every family in this app learns the same 4,500 digits, so they can be **measured side by side**. The course's
*generative trilemma* says no family has it all: **quality** (samples that look real), **coverage** (samples
of everything the data holds) and **speed** (few network evaluations per sample). Below: the numbers, and a lab
that shows what each number really notices.
"""

TOUR = """
**Guided tour**
1. [Drop 5 classes](?tab=home-lab&home-break=drop%20classes&home-amount=5&run=home-lab-run):
   recall and coverage halve; precision does not move.
2. [Blur the digits](?tab=home-lab&home-break=blur&home-amount=1&run=home-lab-run): precision falls, FID rises.
3. [Copies of training digits](?tab=home-lab&home-break=copies%20of%20training%20digits&run=home-lab-run):
   every number looks perfect — only the nearest-neighbour distances (0) give it away.
4. [Fewer samples](?tab=home-lab&home-break=fewer%20samples&home-n=50&run=home-lab-run): FID rises for perfect
   digits; KID does not.
5. [The trilemma](?tab=home-trilemma&home-quality=precision&run=home-trilemma-run): diffusion is precise and
   covers every class but costs 10-50 network evaluations a sample; the VAEs are instant and blurry.
"""

LAB_INTRO = """
**Metrics lab** — start from new real digits (the 500 held-out ones) and **break them** the way a generator
fails; the table shows which measures move (▼ worse, ▲ better, · unchanged) and the panel each sample's nearest
training digits. The amount is the classes dropped (1-9), the blur σ in pixels (0-3) or the noise σ (0-0.5).
"""


def build_home_tab(course_map: str, fns: HomeCallables, demo: gr.Blocks | None = None) -> None:
    """course_map: the Markdown linking every other tab (``playground.tabs.home.course_map``); with ``demo``, the
    measured trilemma is drawn as the page opens (the app's first screen was an empty chart: issue 36)."""
    with intro_panel():
        gr.Markdown(INTRO, elem_id="home-intro")
        gr.Markdown(course_map, elem_id="home-map")
        gr.Markdown(TOUR, elem_id="home-tour")
    with gr.Tabs(elem_id="home-sections"):
        with gr.Tab("The trilemma, measured", id="home-trilemma", elem_id="tab-home-trilemma"):
            _trilemma_section(fns, demo)
        with gr.Tab("Metrics lab", id="home-lab", elem_id="tab-home-lab"):
            _lab_section(fns)
        with gr.Tab("Nearest neighbours", id="home-nn", elem_id="tab-home-nn"):
            _neighbours_section(fns)


def _trilemma_section(fns: HomeCallables, demo: gr.Blocks | None) -> None:
    # the buttons beside the chart, not above it: on a projector the chart gets the screen's height (its
    # points' names need it), the samples' gallery under it
    with gr.Row(equal_height=False):
        with controls(scale=1, min_width=220):
            with action_row():
                show = gr.Button(say.fixed("show_measured_trilemma"), variant="primary", elem_id="home-trilemma-run")
            quality = gr.Radio(
                list(fns.quality_axes), value="precision", label=say.fixed("quality_axis"), elem_id="home-quality"
            )
            speed = gr.Button(say.fixed("re_measure_speed_machine"), elem_id="home-speed-run")
        with gr.Column(scale=4):
            chart = gr.Plot(
                label=say.fixed("quality_against_cost_size"), elem_id="home-trilemma-plot", elem_classes=[FIGURE]
            )
    grids = gr.Gallery(label=say.fixed("n32_samples_each_generator"), columns=8, height=300, elem_id="home-grids")
    table = gr.Markdown(elem_id="home-trilemma-table")
    shown = [chart, table, grids]
    show.click(**checked(fns.trilemma, [quality]), outputs=shown, api_name="trilemma", **light("home"))
    # the shipped measurements at once, in the visitor's language, and again for another quality axis
    quality.change(**checked(fns.trilemma, [quality]), outputs=shown, **private("home_trilemma_axis"), **light("home"))
    if demo is not None:
        demo.load(**checked(fns.trilemma, [quality]), outputs=shown, **private("home_trilemma_load"), **light("home"))
    speed.click(**checked(fns.trilemma_speed, [quality]), outputs=[chart, table], api_name="trilemma_speed", **heavy())


def _lab_section(fns: HomeCallables) -> None:
    section_intro(LAB_INTRO)
    # controls beside the results, as every tab's: above them, the 10-row table ran to 1,500 px in lecture mode and
    # the neighbours shrank to 64 px (issue 36, the home tour's steps 1-4); the three fit a 1024x768 projector
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=220):
            kind = gr.Dropdown(list(fns.breaks), value="drop classes", label=say.fixed("break"), elem_id="home-break")
            amount = gr.Number(5, label=say.fixed("amount"), elem_id="home-amount")
            n = gr.Slider(*fns.lab_n, 500, step=10, label=say.fixed("samples_n"), elem_id="home-n")
            seed = gr.Number(0, label=say.fixed("seed"), precision=0, elem_id="home-seed")
            with action_row():
                run = gr.Button(say.fixed("break_measure"), variant="primary", elem_id="home-lab-run")
            lesson = gr.Markdown(elem_id="home-lesson")
        with gr.Column(scale=5, min_width=300):
            table = gr.Markdown(elem_id="home-measures", elem_classes=[COMPACT])
        with gr.Column(scale=3, min_width=160):
            panel = gr.Image(
                type="pil",
                label=say.fixed("nearest_training_digits"),
                interactive=False,
                elem_id="home-lab-neighbours",
                elem_classes=[FIGURE],
            )
    kind.input(**checked(fns.default_amount, [kind]), outputs=[amount], **private("home_default_amount"))
    run.click(
        **checked(fns.metrics_lab, [kind, amount, n, seed]),
        outputs=[table, panel, lesson],
        api_name="metrics_lab",
        **heavy(),
    )


def _neighbours_section(fns: HomeCallables) -> None:
    section_intro(
        "**Nearest neighbours**: samples of any shipped generator beside their closest training digits — "
        "the memorisation check. A copy sits at distance 0."
    )
    with controls(), gr.Row():
        generator = gr.Dropdown(
            list(fns.generators), value=fns.generators[0], label=say.fixed("generator"), elem_id="home-nn-gen"
        )
        n = gr.Slider(1, 16, 8, step=1, label=say.fixed("samples"), elem_id="home-nn-n")
        seed = gr.Number(0, label=say.fixed("seed"), precision=0, elem_id="home-nn-seed")
        with action_row():
            run = gr.Button(say.fixed("find_nearest_training_digits"), variant="primary", elem_id="home-nn-run")
    caption = gr.Markdown(elem_id="home-nn-caption")
    panel = gr.Image(
        type="pil",
        label=say.fixed("sample_nearest_training_digits"),
        interactive=False,
        elem_id="home-nn-panel",
        elem_classes=[FIGURE],
    )
    run.click(
        **checked(fns.nearest_neighbours, [generator, n, seed]),
        outputs=[panel, caption],
        api_name="nearest_neighbours",
        **heavy(),
    )
