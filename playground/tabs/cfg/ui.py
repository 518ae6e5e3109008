"""The "Classifier-free guidance grids" tab. It wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.presenter import FIGURE, action_row, controls, intro_panel
from playground.settings import SETTINGS
from playground.tabs.cfg.texts import say
from playground.widgets import heavy, light, private, stop_button


@dataclass(frozen=True)
class CFGCallables:
    classes: tuple[str, ...]
    samplers: tuple[str, ...]
    third_axes: tuple[str, ...]
    cfg_grid: Callable
    cfg_mechanics: Callable
    third_axis_controls: Callable  # (axis, values) -> updates of (steps, sampler, values)
    cfg_stopped: Callable  # (table text) -> its update after Stop
    at_step_range: Callable  # (steps, at step) -> update of the at-step slider
    cfg_recorded: Callable | None = None  # () -> (the nine controls, grid, plot, table, png): the recorded trade-off


INTRO = f"""
**Classifier-free guidance** runs the model twice per step — with the class and with the null class — and
extrapolates: ε̂ = ε_u + w·(ε_c − ε_u). w = 0 ignores the class, w = 1 is the plain conditional model, larger w
pushes samples towards what makes them *this* class: more recognisable, less varied. Rows are classes, columns
scales; **every cell with the same seed starts from the same noise**, so a row changes only by w.
Scales: a list `0, 1, 3`, a range with a step `0-8 (+2)`, or with a count `0-8 [5]`. At most
{SETTINGS.cfg_images_max} images per grid.
"""

DIGITS = ",".join(str(d) for d in range(10))
PLAIN = "&cfg-third=none&cfg-rescale=0&cfg-steps=20"  # no sub-grids, no rescale, DDIM-20: what each step assumes
TOUR = say.en("guided_tour_1_same")  # the tour, written once in texts.py (English and Chinese side by side)


def build_cfg_tab(fns: CFGCallables) -> None:
    with intro_panel():
        gr.Markdown(INTRO, elem_id="cfg-intro")
        gr.Markdown(TOUR, elem_id="cfg-tour")
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=280):
            knobs = _grid_knobs(fns)
            with action_row():
                run = gr.Button(say.fixed("generate_grid"), variant="primary", elem_id="cfg-run")
                stop = gr.Button(say.fixed("stop"), elem_id="cfg-stop")
            recorded = gr.Button(
                say.fixed("show_recorded_trade_off"),
                size="sm",
                elem_id="cfg-recorded",
                visible=fns.cfg_recorded is not None,
            )
        with gr.Column(scale=5, min_width=480):
            grid = gr.Image(
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                buttons=["download"],
                elem_id="cfg-grid",
                elem_classes=[FIGURE],
            )
            png = gr.File(label=say.fixed("grid_png"), elem_id="cfg-png")
        with gr.Column(scale=3, min_width=320):
            plot = gr.Plot(label=say.fixed("trade_off"), elem_id="cfg-plot")
            table = gr.Markdown(elem_id="cfg-table")
    _mechanics_section(fns, knobs["rescale"])
    # streams: the grid row by row and a status line (cells done, ETA) in the table's place; the last yield is
    # what /cfg_grid returned when it did not stream
    grid_controls = list(knobs.values())  # in cfg_grid's order
    event = run.click(
        **checked(fns.cfg_grid, grid_controls), outputs=[grid, plot, table, png], api_name="cfg_grid", **heavy()
    )
    stop_button(stop, event, table, "cfg", message=fns.cfg_stopped)
    if fns.cfg_recorded is not None:
        recorded.click(
            **checked(fns.cfg_recorded),
            outputs=[*grid_controls, grid, plot, table, png],
            api_name="cfg_recorded",
            **light("cfg"),
        )
    knobs["third"].change(
        **checked(fns.third_axis_controls, [knobs["third"], knobs["third_values"]]),
        outputs=[knobs["steps"], knobs["sampler"], knobs["third_values"]],
        **private("cfg_third_axis"),
        show_progress="hidden",
    )


def _grid_knobs(fns: CFGCallables) -> dict:
    """The grid's controls by name, in the order ``cfg_grid`` takes them."""
    k = {
        "classes": gr.CheckboxGroup(
            list(fns.classes), value=[str(d) for d in range(10)], label=say.fixed("rows_classes"), elem_id="cfg-classes"
        ),
        "scales": gr.Textbox("0, 1, 2, 3, 5, 8", label=say.fixed("columns_guidance_scales_w"), elem_id="cfg-scales"),
        "seeds": gr.Textbox("0", label=say.fixed("seeds_per_cell_same"), elem_id="cfg-seeds"),
    }
    with gr.Row():
        k["steps"] = gr.Slider(5, SETTINGS.cfg_steps_max, 25, step=1, label=say.fixed("steps"), elem_id="cfg-steps")
        k["sampler"] = gr.Dropdown(list(fns.samplers), value="DDIM", label=say.fixed("sampler"), elem_id="cfg-sampler")
    with gr.Row():
        k["third"] = gr.Radio(
            list(fns.third_axes), value="none", label=say.fixed("third_axis_sub_grids"), elem_id="cfg-third"
        )
        # shown only for an axis (third_axis_controls), labelled with what it takes
        k["third_values"] = gr.Textbox("10, 25", label=say.fixed("values"), visible=False, elem_id="cfg-third-values")
    k["rescale"] = gr.Slider(0, 1, 0, step=0.05, label=say.fixed("cfg_rescale_against_over"), elem_id="cfg-rescale")
    k["extra"] = gr.Slider(
        0, SETTINGS.cfg_extra_max, 2, step=1, label=say.fixed("extra_samples_per_cell_2"), elem_id="cfg-extra"
    )
    return k


def _mechanics_section(fns: CFGCallables, rescale: gr.Slider) -> None:
    """Inside one cell: ε̂ unconditional, conditional and guided at one step, with the grid's CFG-rescale."""
    with gr.Accordion("Inside one cell: the two predictions and their combination", open=True):
        with gr.Row():
            digit = gr.Dropdown(list(fns.classes), value="3", label=say.fixed("class"), elem_id="cfgm-class")
            scale = gr.Number(3, label="w", elem_id="cfgm-scale")
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="cfgm-seed")
            steps = gr.Number(25, precision=0, minimum=1, label=say.fixed("steps"), elem_id="cfgm-steps")
            at = gr.Slider(0, SETTINGS.cfg_steps_max - 1, 5, step=1, label=say.fixed("step_0_based"), elem_id="cfgm-at")
            show = gr.Button(say.fixed("show"), elem_id="cfgm-run")
        strip = gr.Image(type="pil", format="png", interactive=False, show_label=False, elem_id="cfgm-strip")
        md = gr.Markdown(elem_id="cfgm-md")
    show.click(
        **checked(fns.cfg_mechanics, [digit, scale, seed, steps, at, rescale]),
        outputs=[strip, md],
        api_name="cfg_mechanics",
        **heavy(),
    )
    steps.change(
        **checked(fns.at_step_range, [steps, at]), outputs=[at], **private("cfgm_at_range"), show_progress="hidden"
    )
