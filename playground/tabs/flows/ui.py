"""The "Normalizing flows" tab: the live 2-D lab with its layer scrubber and density table, flow
matching beside it, and the shipped Glow on digits. It wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import gradio as gr

from playground.events import checked
from playground.i18n import speaks_chinese, tr
from playground.presenter import FIGURE, TOUR_PICTURE, action_row, controls, intro_panel, section_intro
from playground.replay import SNAPSHOT_LABEL
from playground.settings import SETTINGS
from playground.tabs.flows.texts import say
from playground.widgets import heavy, private, stop_button, stroke_pad


@dataclass(frozen=True)
class FlowCallables:
    datasets: tuple[str, ...]
    fm_datasets: tuple[str, ...]
    flows: tuple[str, ...]
    layers: tuple[str, ...]
    directions: tuple[str, ...]
    presets: tuple[str, ...]
    preset_knobs: Callable
    dataset_preview: Callable
    flow_train: Callable
    flow_reset: Callable
    flow_replay: Callable
    flow_layers: Callable
    flow_density: Callable
    flow_pick: Callable
    flow_matching: Callable
    digits: object | None = None  # FlowDigitCallables, when the digit flows ship


@dataclass(frozen=True)
class FlowDigitCallables:
    classes: tuple[str, ...]
    temperature: float
    flow_digits: Callable
    flow_interpolate: Callable
    flow_reconstruct: Callable
    flow_likelihood: Callable


INTRO = """
A **normalizing flow** is an invertible map x = f(z) of a Gaussian z. Because f can be undone, the density is
**exact**: log p(x) = log N(z) + Σ_k log|det J_k⁻¹|, one term per layer (the change of variables). Each layer must
be invertible with a cheap determinant — a *coupling* moves one coordinate by an amount computed from the other.
"""

TOUR = say.en("guided_tour_1_realnvp")  # the tour, written once in texts.py (English and Chinese side by side)


LAB_PROMPT, FM_PROMPT = "Press **Train**.", "Press **Train flow matching**."


def build_flows_tab(fns: FlowCallables, demo: gr.Blocks | None = None) -> None:
    """The tab; with ``demo``, what the page is built with in English (the data's preview with its legend,
    the status prompts) is redrawn on load for a Chinese visitor."""
    with intro_panel():
        gr.Markdown(INTRO, elem_id="flows-intro")
        gr.Markdown(TOUR, elem_id="flows-tour")
    state = gr.State(None)  # {"run": FlowRun, "fm": FlowMatchingRun} of this visitor
    with gr.Tabs(elem_id="flows-sections"):
        with gr.Tab("2-D lab", id="flows-lab", elem_id="tab-flows-lab"):
            dataset, view, lab_status = _lab_section(fns, state)
        with gr.Tab("Flow matching", id="flows-fm", elem_id="tab-flows-fm"):
            fm_status = _fm_section(fns, state)
        if fns.digits is not None:
            with gr.Tab("Digits", id="flows-digits", elem_id="tab-flows-digits"):
                _digits_section(fns.digits)
    if demo is not None:

        def page_texts(data: str):
            if not speaks_chinese():
                return gr.skip(), gr.skip(), gr.skip()
            return fns.dataset_preview(data), tr(LAB_PROMPT), tr(FM_PROMPT)

        demo.load(
            **checked(page_texts, [dataset]),
            outputs=[view, lab_status, fm_status],
            **private("flows_page_texts"),
            show_progress="hidden",
        )


def _lab_knobs(fns: FlowCallables) -> tuple[gr.Dropdown, list]:
    """The preset menu and the lab's knobs, in ``flow_train``'s order: data, flow, depth, width, lr, batch, seed."""
    preset = gr.Dropdown(list(fns.presets), value=None, label=say.fixed("preset"), elem_id="flow-preset")
    dataset = gr.Radio(list(fns.datasets), value="ring8", label=say.fixed("data"), elem_id="flow-dataset")
    flow = gr.Radio(list(fns.flows), value="RealNVP", label=say.fixed("flow_2"), elem_id="flow-flow")
    with gr.Row():
        depth = gr.Slider(
            1,
            SETTINGS.flow_depth_max,
            8,
            step=1,
            label=say.fixed("depth_couplings_steps"),
            elem_id="flow-depth",
        )
        width = gr.Slider(8, SETTINGS.flow_width_max, 64, step=8, label=say.fixed("width"), elem_id="flow-width")
    with gr.Row():
        lr = gr.Number(2e-3, label=say.fixed("learning_rate"), elem_id="flow-lr")
        batch = gr.Slider(16, SETTINGS.flow_batch_max, 256, step=16, label=say.fixed("batch"), elem_id="flow-batch")
    seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="flow-seed")
    return preset, [dataset, flow, depth, width, lr, batch, seed]


def _lab_section(fns: FlowCallables, state: gr.State) -> tuple[gr.Radio, gr.Image, gr.Markdown]:
    w = SimpleNamespace()  # the lab's figure and the widgets its events read and write
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            preset, knobs = _lab_knobs(fns)
            dataset = knobs[0]
            sketch = stroke_pad("Draw a data set (data: drawn)", "#228b22", 6, 300, "flow-sketch")
        with gr.Column(scale=4, min_width=420):
            w.view = gr.Image(
                fns.dataset_preview("ring8"),
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                elem_id="flow-view",
                elem_classes=[FIGURE],
            )
            w.layers = gr.CheckboxGroup(
                list(fns.layers), value=list(fns.layers), label=say.fixed("show"), elem_id="flow-layers"
            )
            w.steps = gr.Slider(
                100, SETTINGS.flow_steps_max, 3000, step=100, label=say.fixed("steps_per_train"), elem_id="flow-steps"
            )
            with action_row():
                w.train_btn = gr.Button(say.fixed("train"), variant="primary", elem_id="flow-train")
                w.pause_btn = gr.Button(say.fixed("pause"), elem_id="flow-pause")
                w.reset_btn = gr.Button(say.fixed("reset"), elem_id="flow-reset")
            w.status = gr.Markdown(LAB_PROMPT, elem_id="flow-status")
            w.replay = gr.Slider(0, 1, 0, step=1, label=SNAPSHOT_LABEL, elem_id="flow-replay")
        with gr.Column(scale=4, min_width=420):
            gr.Markdown(say.fixed("layer_layer_points_grid"))
            w.layer_view = gr.Image(
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                elem_id="flow-layer-view",
                elem_classes=[TOUR_PICTURE],
            )
            w.direction = gr.Radio(
                list(fns.directions), value=fns.directions[0], label=say.fixed("direction"), elem_id="flow-direction"
            )
            w.layer = gr.Slider(0, 1, 1, step=1, label=say.fixed("layer"), elem_id="flow-layer")
            w.layer_caption = gr.Markdown(elem_id="flow-layer-caption")
    with gr.Row(equal_height=False):
        with gr.Column(scale=5, min_width=420):
            w.curves = gr.Plot(label=say.fixed("training_curves"), elem_id="flow-curves")
        with gr.Column(scale=5, min_width=420):
            gr.Markdown(say.fixed("change_variables_one_point"))
            with gr.Row():
                w.x1 = gr.Number(0.0, label=say.fixed("x1"), elem_id="flow-x1")
                w.x2 = gr.Number(2.0, label=say.fixed("x2"), elem_id="flow-x2")
                w.density_btn = gr.Button(say.fixed("log_q_x_here"), elem_id="flow-density-run")
            w.density_table = gr.Markdown(elem_id="flow-density-table")

    _wire_lab(fns, state, preset, knobs, sketch, w)
    return dataset, w.view, w.status


def _wire_lab(fns: FlowCallables, state: gr.State, preset, knobs: list, sketch, w: SimpleNamespace) -> None:
    """Train, Pause, Reset and the views that follow a run: the layer scrubber, the replay, one point's density."""
    dataset, flow, depth, width, lr = knobs[:5]
    outputs = [w.view, w.curves, w.status, w.replay, w.layer, state]
    limit = heavy()
    preset.change(**checked(fns.preset_knobs, [preset]), outputs=[flow, depth, width, lr], **private("flow_preset"))
    dataset.change(**checked(fns.dataset_preview, [dataset]), outputs=[w.view], **private("flow_preview"))
    train = w.train_btn.click(
        **checked(fns.flow_train, [*knobs, w.steps, w.layers, sketch, state]),
        outputs=outputs,
        api_name="flow_train",
        **limit,
    )
    stop_button(w.pause_btn, train, None, "flow_pause")
    reset = w.reset_btn.click(
        **checked(fns.flow_reset, [*knobs, w.layers, sketch, state]), outputs=outputs, api_name="flow_reset", **limit
    )
    show_layer = dict(
        **checked(fns.flow_layers, [w.layer, w.direction, state]), outputs=[w.layer_view, w.layer_caption]
    )
    for event, name in ((train, "flow_layers_after_train"), (reset, "flow_layers_after_reset")):
        event.then(**show_layer, **private(name), show_progress="hidden")
    # ``input``: dragging and typing a number both move the view; only the latest value is drawn
    gr.on(
        [w.layer.input, w.direction.change],
        **show_layer,
        api_name="flow_layers",
        show_progress="hidden",
        trigger_mode="always_last",
    )
    gr.on(
        [w.replay.input, w.layers.change],
        **checked(fns.flow_replay, [w.replay, w.layers, state]),
        outputs=[w.view],
        **private("flow_replay"),
        show_progress="hidden",
        trigger_mode="always_last",
    )
    w.view.select(**checked(fns.flow_pick, [state]), outputs=[w.x1, w.x2], **private("flow_pick")).then(
        **checked(fns.flow_density, [w.x1, w.x2, state]),
        outputs=[w.density_table, w.view],
        **private("flow_density_click"),
    )
    w.density_btn.click(
        **checked(fns.flow_density, [w.x1, w.x2, state]), outputs=[w.density_table, w.view], api_name="flow_density"
    )


def _fm_section(fns: FlowCallables, state: gr.State) -> gr.Markdown:
    section_intro(
        "**Flow matching** (rectified flow) learns a velocity v(x, t) whose ODE carries the Gaussian to the data: "
        "regress v(x_t, t) on x₁ − x₀ along straight lines x_t = (1 − t)·x₀ + t·x₁. It is the continuous "
        "relative of the discrete flow, and the bridge to diffusion. Each Euler step is one network call."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            dataset = gr.Radio(list(fns.fm_datasets), value="ring8", label=say.fixed("data"), elem_id="fm-dataset")
            steps = gr.Slider(
                100, SETTINGS.flow_steps_max, 3000, step=100, label=say.fixed("steps_per_train"), elem_id="fm-steps"
            )
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="fm-seed")
            with action_row():
                train_btn = gr.Button(say.fixed("train_flow_matching"), variant="primary", elem_id="fm-train")
                stop_btn = gr.Button(say.fixed("pause"), elem_id="fm-pause")
            reflow_btn = gr.Button(say.fixed("reflow_retrain_own_x"), elem_id="fm-reflow")
            status = gr.Markdown(FM_PROMPT, elem_id="fm-status")
        with gr.Column(scale=4, min_width=420):
            paths = gr.Image(
                type="pil", format="png", show_label=False, interactive=False, elem_id="fm-paths", elem_classes=[FIGURE]
            )
    samples = gr.Image(
        type="pil", format="png", label=say.fixed("samples_1_2_4"), interactive=False, elem_id="fm-samples"
    )
    reflow = gr.Checkbox(False, visible=False)  # the API's switch; the UI's Reflow button sets it for one run
    outputs = [paths, samples, status, state]
    train = train_btn.click(
        **checked(fns.flow_matching, [dataset, steps, reflow, seed, state]),
        outputs=outputs,
        api_name="flow_matching",
        **heavy(),
    )
    again = reflow_btn.click(
        **checked(fns.flow_matching, [dataset, steps, gr.State(True), seed, state]),
        outputs=outputs,
        **private("fm_reflow"),
        **heavy(),
    )
    stop_button(stop_btn, [train, again], None, "fm_pause")
    return status


def _digits_section(fns: FlowDigitCallables) -> None:
    section_intro(
        "A small **Glow** (two levels of squeeze → 8 steps of actnorm, invertible 1×1 convolution and affine "
        "coupling → split; a Gaussian prior per class) trained on the 4,500 training digits, dequantized: "
        "y = (x + u)/256. Sampling is **one pass** of the flow; temperature T scales the prior's spread "
        "(Glow's trick: T < 1 trades variety for cleaner digits)."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            digit_class = gr.Dropdown(list(fns.classes), value="all", label=say.fixed("class"), elem_id="flow-class")
            temperature = gr.Slider(
                0, 1.5, fns.temperature, step=0.05, label=say.fixed("temperature_t_z_c"), elem_id="flow-temperature"
            )
            with gr.Row():
                n = gr.Slider(1, SETTINGS.flow_digits_max, 20, step=1, label=say.fixed("samples"), elem_id="flow-n")
                seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="flow-digit-seed")
            with action_row():
                sample_btn = gr.Button(say.fixed("sample"), variant="primary", elem_id="flow-sample-run")
        with gr.Column(scale=5, min_width=420):
            samples = gr.Image(
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                elem_id="flow-samples",
                elem_classes=[FIGURE],
            )
            sample_status = gr.Markdown(elem_id="flow-sample-status")
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=260):
            gr.Markdown(say.fixed("interpolate_z_between_two"))
            with gr.Row():
                a = gr.Number(0, precision=0, minimum=0, maximum=499, label=say.fixed("test_digit"), elem_id="flow-a")
                b = gr.Number(
                    450, precision=0, minimum=0, maximum=499, label=say.fixed("b_test_digit"), elem_id="flow-b"
                )
            steps = gr.Slider(
                2, SETTINGS.interp_steps_max, 10, step=1, label=say.fixed("steps"), elem_id="flow-interp-steps"
            )
            interp_btn = gr.Button(say.fixed("interpolate"), elem_id="flow-interp-run")
        with gr.Column(scale=5, min_width=420):
            strip = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="flow-strip")
            strip_caption = gr.Markdown(elem_id="flow-strip-caption")
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=260):
            gr.Markdown(say.fixed("encode_decode_digits_likelihood"))
            index = gr.Number(
                0, precision=0, minimum=0, maximum=499, label=say.fixed("test_digit_2"), elem_id="flow-digit"
            )
            recon_btn = gr.Button(say.fixed("encode_decode"), elem_id="flow-recon-run")
            lik_btn = gr.Button(say.fixed("likelihood_flow_vs_pixelcnn"), elem_id="flow-lik-run")
        with gr.Column(scale=5, min_width=420):
            recon = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="flow-recon")
            recon_table = gr.Markdown(elem_id="flow-recon-table")
            lik_table = gr.Markdown(elem_id="flow-lik-table")
    limit = heavy()
    sample_btn.click(
        **checked(fns.flow_digits, [digit_class, temperature, n, seed]),
        outputs=[samples, sample_status],
        api_name="flow_digits",
        **limit,
    )
    interp_btn.click(
        **checked(fns.flow_interpolate, [a, b, steps]),
        outputs=[strip, strip_caption],
        api_name="flow_interpolate",
        **limit,
    )
    recon_btn.click(
        **checked(fns.flow_reconstruct, [index]), outputs=[recon, recon_table], api_name="flow_reconstruct", **limit
    )
    lik_btn.click(**checked(fns.flow_likelihood, [index]), outputs=[lik_table], api_name="flow_likelihood", **limit)
