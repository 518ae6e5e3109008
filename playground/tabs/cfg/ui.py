"""The "Classifier-free guidance grids" tab. It wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.settings import SETTINGS
from playground.widgets import heavy


@dataclass(frozen=True)
class CFGCallables:
    classes: tuple[str, ...]
    samplers: tuple[str, ...]
    third_axes: tuple[str, ...]
    cfg_grid: Callable
    cfg_mechanics: Callable


INTRO = f"""
**Classifier-free guidance** runs the model twice per step — with the class and with the null class — and
extrapolates: ε̂ = ε_u + w·(ε_c − ε_u). w = 0 ignores the class, w = 1 is the plain conditional model, larger w
pushes samples towards what makes them *this* class: more recognisable, less varied. Rows are classes, columns
scales; **every cell with the same seed starts from the same noise**, so a row changes only by w.
Scales: a list `0, 1, 3`, a range with a step `0-8 (+2)`, or with a count `0-8 [5]`. At most
{SETTINGS.cfg_images_max} images per grid.
"""


def build_cfg_tab(fns: CFGCallables) -> None:
    gr.Markdown(INTRO)
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=280):
            classes = gr.CheckboxGroup(
                list(fns.classes), value=[str(d) for d in range(10)], label="rows: classes", elem_id="cfg-classes"
            )
            scales = gr.Textbox("0, 1, 2, 3, 5, 8", label="columns: guidance scales w", elem_id="cfg-scales")
            seeds = gr.Textbox("0", label="seeds per cell (same forms: '0, 1' or '0-3 (+1)')", elem_id="cfg-seeds")
            with gr.Row():
                steps = gr.Slider(5, SETTINGS.cfg_steps_max, 25, step=1, label="steps", elem_id="cfg-steps")
                sampler = gr.Dropdown(list(fns.samplers), value="DDIM", label="sampler", elem_id="cfg-sampler")
            with gr.Row():
                third = gr.Radio(
                    list(fns.third_axes), value="none", label="third axis (sub-grids)", elem_id="cfg-third"
                )
                third_values = gr.Textbox("10, 25", label="its values", elem_id="cfg-third-values")
            rescale = gr.Slider(0, 1, 0, step=0.05, label="CFG-rescale φ (against over-saturation; 0 = off)",
                                elem_id="cfg-rescale")  # fmt: skip
            extra = gr.Slider(0, SETTINGS.cfg_extra_max, 2, step=1, label="extra samples per cell for the measures",
                              elem_id="cfg-extra")  # fmt: skip
            run = gr.Button("Generate grid", variant="primary", elem_id="cfg-run")
        with gr.Column(scale=5, min_width=480):
            grid = gr.Image(type="pil", format="png", show_label=False, interactive=False, buttons=["download"],
                            elem_id="cfg-grid")  # fmt: skip
            png = gr.File(label="grid as PNG", elem_id="cfg-png")
        with gr.Column(scale=3, min_width=320):
            plot = gr.Plot(label="trade-off", elem_id="cfg-plot")
            table = gr.Markdown(elem_id="cfg-table")
    with gr.Accordion("Inside one cell: the two predictions and their combination", open=True):
        with gr.Row():
            m_digit = gr.Dropdown(list(fns.classes), value="3", label="class", elem_id="cfgm-class")
            m_scale = gr.Number(3, label="w", elem_id="cfgm-scale")
            m_seed = gr.Number(0, precision=0, minimum=0, label="seed", elem_id="cfgm-seed")
            m_steps = gr.Number(25, precision=0, minimum=1, label="steps", elem_id="cfgm-steps")
            m_at = gr.Slider(0, SETTINGS.cfg_steps_max - 1, 5, step=1, label="at step (0-based)", elem_id="cfgm-at")
            m_btn = gr.Button("Show", elem_id="cfgm-run")
        m_strip = gr.Image(type="pil", format="png", interactive=False, show_label=False, elem_id="cfgm-strip")
        m_md = gr.Markdown(elem_id="cfgm-md")

    limit = heavy()
    run.click(fns.cfg_grid, [classes, scales, seeds, steps, sampler, third, third_values, rescale, extra],
              [grid, plot, table, png], api_name="cfg_grid", **limit)  # fmt: skip
    m_btn.click(fns.cfg_mechanics, [m_digit, m_scale, m_seed, m_steps, m_at, rescale], [m_strip, m_md],
                api_name="cfg_mechanics", **limit)  # fmt: skip
