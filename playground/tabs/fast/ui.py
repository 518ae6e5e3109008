"""The "Fast sampling" tab: quality against network evaluations for diffusers' samplers, a distilled
few-step student, and a cascade with a diffusion upsampler. It wires widgets to the callables it
is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.i18n import speaks_chinese, tr
from playground.presenter import FIGURE, action_row, controls, intro_panel, section_intro
from playground.settings import SETTINGS
from playground.tabs.fast.texts import say
from playground.widgets import heavy, private, stop_button


@dataclass(frozen=True)
class FastCallables:
    samplers: tuple[str, ...]
    classes: tuple[str, ...]
    metrics: tuple[str, ...]
    student: str
    default_level: int
    max_level: int
    nfe_curve: Callable
    fast_sample: Callable
    student_compare: Callable
    upsample: Callable
    cascade_table: Callable


INTRO = """
**Diffusion is slow** — 50 to 1,000 network calls a sample. Three answers: **better solvers** (the same model,
fewer, bigger steps), **distillation** (a student trained to jump to the end in 1–4 steps) and, for resolution,
a **cascade** (generate small, then let a second diffusion model upsample).
"""

TOUR = """
**Guided tour**
1. [The curve](?tab=fast-curve&fast-metric=digits-FID&run=fast-curve-run): eight samplers of one model against
   network evaluations (NFE). UniPC and DPM-Solver++ 2/3 are near their best by 16; stochastic DDPM is worse at
   few steps, the best of all from 16; the student, in 2, is as good as DDIM in 50.
2. [DDIM in 1 evaluation](?tab=fast-curve&fast-sampler=DDIM&fast-nfe=1&run=fast-run): one step lands on the
   model's guess of the mean, a blurred digit; the row below, from the same noise, is what 50 steps make of it.
3. [The student at 2 steps](?tab=fast-student&student-steps=2&run=student-run): the distilled student's digits
   in 2 calls, beside DDIM's in 2 and the teacher's in 50, timed now.
4. [A cascade](?tab=fast-cascade&cascade-level=150&run=cascade-run): 16×16 samples, then the upsampler's steps at
   32×32; beside it bicubic (blurred), a transposed convolution and the upsampler trained without augmentation.
5. [Too much augmentation](?tab=fast-cascade&cascade-level=350&run=cascade-run): at s = 350 the condition is mostly
   noise and the upsampler draws a digit of its own, often of another class; the table below has the whole sweep.
"""  # noqa: E501 -- whole links read best


PROMPT = "Press **Run the cascade**."


def build_fast_tab(fns: FastCallables, demo: gr.Blocks | None = None) -> None:
    """The tab; with ``demo``, the texts made when the page is built (the curve, its table, the cascade's
    prompt and measurements) are redrawn on load for a Chinese visitor."""
    with intro_panel():
        gr.Markdown(INTRO, elem_id="fast-intro")
        gr.Markdown(TOUR, elem_id="fast-tour")
    with gr.Tabs(elem_id="fast-sections"):
        with gr.Tab("Quality vs evaluations", id="fast-curve", elem_id="tab-fast-curve"):
            plot, table = _curve_section(fns)
        with gr.Tab("Few-step student", id="fast-student", elem_id="tab-fast-student"):
            _student_section(fns)
        with gr.Tab("Cascade", id="fast-cascade", elem_id="tab-fast-cascade") as section:
            status, measured = _cascade_section(fns, section)
    if demo is not None:

        def page_texts():
            if not speaks_chinese():
                return gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return (*fns.nfe_curve("digits-FID"), tr(PROMPT), fns.cascade_table())

        demo.load(
            **checked(page_texts),
            outputs=[plot, table, status, measured],
            **private("fast_page_texts"),
            show_progress="hidden",
        )


def _seed_and_samples(prefix: str, n_max: int, n: int):
    """The seed and the number of samples, side by side, as every view here has them."""
    with gr.Row():
        seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id=f"{prefix}-seed")
        return seed, gr.Slider(1, n_max, n, step=1, label=say.fixed("samples"), elem_id=f"{prefix}-n")


def _curve_section(fns: FastCallables) -> tuple[gr.Plot, gr.Markdown]:
    section_intro(
        "Each of diffusers' schedulers, as it is, on the shipped digits model, at 1–100 **network evaluations** "
        "(a guided step is one evaluation of the conditional/unconditional pair; Heun makes 2 per step). "
        "Measured by `python -m benchmarks.fast_sampling`; run any point below to see its pictures."
    )
    figure, numbers = fns.nfe_curve("digits-FID")  # the shipped results: drawn at start, no click needed
    with gr.Row(equal_height=False):  # the measure beside the plot, so the plot has the screen's height
        with controls(scale=1, min_width=200):
            with action_row():
                show = gr.Button(say.fixed("show_curve"), elem_id="fast-curve-run")
            metric = gr.Radio(list(fns.metrics), value="digits-FID", label=say.fixed("measure"), elem_id="fast-metric")
        with gr.Column(scale=4, min_width=420):
            plot = gr.Plot(
                figure,
                label=say.fixed("quality_against_network_evaluations"),
                elem_id="fast-plot",
                elem_classes=[FIGURE],
            )
    table = gr.Markdown(numbers, elem_id="fast-table")
    gr.Markdown(say.fixed("run_point_live_same"))
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=260):
            sampler = gr.Dropdown(list(fns.samplers), value="DDIM", label=say.fixed("sampler"), elem_id="fast-sampler")
            nfe = gr.Slider(
                1,
                SETTINGS.fast_nfe_max,
                4,
                step=1,
                label=f"network evaluations (the student: at most {SETTINGS.student_steps_max})",
                elem_id="fast-nfe",
            )
            digit = gr.Dropdown(list(fns.classes), value="all ten", label=say.fixed("class"), elem_id="fast-class")
            seed, n = _seed_and_samples("fast", SETTINGS.fast_batch_max, 10)
            with action_row():
                run = gr.Button(say.fixed("run_point"), variant="primary", elem_id="fast-run")
                stop = gr.Button(say.fixed("stop"), elem_id="fast-stop")
        with gr.Column(scale=5, min_width=420):
            picture = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="fast-picture")
            text = gr.Markdown(elem_id="fast-text")
    show.click(**checked(fns.nfe_curve, [metric]), outputs=[plot, table], api_name="nfe_curve")
    metric.change(**checked(fns.nfe_curve, [metric]), outputs=[plot, table], **private("fast_metric"))
    # streams the rows' x̂₀ and the steps done; Stop (or closing the page) cancels it and frees its heavy slot
    event = run.click(
        **checked(fns.fast_sample, [sampler, nfe, digit, seed, n]),
        outputs=[picture, text],
        api_name="fast_sample",
        **heavy(),
    )
    stop_button(stop, event, text, "fast_sample")
    return plot, table


def _student_section(fns: FastCallables) -> None:
    section_intro(
        f"The **{fns.student}**: the digits model distilled by consistency distillation (the LCM recipe, guidance "
        "w = 2 folded in), sampled with diffusers' `LCMScheduler`. Trained by `python -m models.train student`. "
        "Each row starts from the same noise."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            steps = gr.Slider(
                1,
                SETTINGS.student_steps_max,
                2,
                step=1,
                label=say.fixed("steps_network_evaluations"),
                elem_id="student-steps",
            )
            digit = gr.Dropdown(list(fns.classes), value="all ten", label=say.fixed("class"), elem_id="student-class")
            seed, n = _seed_and_samples("student", SETTINGS.fast_batch_max, 16)
            with action_row():
                run = gr.Button(say.fixed("student_vs_teacher"), variant="primary", elem_id="student-run")
                stop = gr.Button(say.fixed("stop"), elem_id="student-stop")
        with gr.Column(scale=5, min_width=420):
            picture = gr.Image(
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                elem_id="student-picture",
                elem_classes=[FIGURE],
            )
            table = gr.Markdown(elem_id="student-table")
    event = run.click(
        **checked(fns.student_compare, [digit, steps, seed, n]),
        outputs=[picture, table],
        api_name="student_compare",
        **heavy(),
    )
    stop_button(stop, event, table, "student_compare")


def _cascade_section(fns: FastCallables, section: gr.Tab) -> tuple[gr.Markdown, gr.Markdown]:
    section_intro(
        "**A cascade**: a class-conditional base model makes 16×16 digits; a second diffusion model, given the "
        "16×16 image (upsampled and concatenated to its input), makes the 32×32 one. Before that, the condition "
        "is **noised to a level s** and s is given to the upsampler (as diffusers' x4 upscaler does): trained on "
        "noised real images, it learns to ignore what noise hides — including the base model's artefacts."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            level = gr.Slider(
                0,
                fns.max_level,
                fns.default_level,
                step=5,
                label=say.fixed("noise_level_s_condition"),
                elem_id="cascade-level",
            )
            digit = gr.Dropdown(list(fns.classes), value="all ten", label=say.fixed("class"), elem_id="cascade-class")
            with gr.Row():
                base_steps = gr.Slider(
                    1,
                    SETTINGS.cascade_steps_max,
                    50,
                    step=1,
                    label=say.fixed("base_ddim_steps"),
                    elem_id="cascade-base-steps",
                )
                up_steps = gr.Slider(
                    1,
                    SETTINGS.cascade_steps_max,
                    25,
                    step=1,
                    label=say.fixed("upsampler_ddim_steps"),
                    elem_id="cascade-up-steps",
                )
            seed, n = _seed_and_samples("cascade", SETTINGS.cascade_batch_max, 8)
            with action_row():
                run = gr.Button(say.fixed("run_cascade"), variant="primary", elem_id="cascade-run")
                stop = gr.Button(say.fixed("stop"), elem_id="cascade-stop")
        with gr.Column(scale=5, min_width=420):
            # the result first (on a projector's first screen), what it measures and the two stages under it
            gr.Markdown(say.fixed("same_base_samples_upsampled"))
            rows = gr.Image(
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                elem_id="cascade-rows",
                elem_classes=[FIGURE],
            )
            status = gr.Markdown(PROMPT, elem_id="cascade-status")
            gr.Markdown(say.fixed("stage_1_base_models"))
            base = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="cascade-base")
            gr.Markdown(say.fixed("stage_2_upsampler_latest"))
            live = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="cascade-live")
    measured = gr.Markdown(fns.cascade_table(), elem_id="cascade-measured")
    # re-read when the view opens: the numbers come from the latest benchmark run, not the interface
    section.select(
        **checked(fns.cascade_table), outputs=measured, **private("cascade_measured"), show_progress="hidden"
    )
    event = run.click(
        **checked(fns.upsample, [digit, level, base_steps, up_steps, seed, n]),
        outputs=[base, live, rows, status],
        api_name="upsample",
        **heavy(),
    )
    stop_button(stop, event, status, "cascade")
    return status, measured
