"""The "GAN" tab (mode collapse): the live 2-D lab, side-by-side variants and the digit DCGAN.
It wires widgets to the callables it is given (``GANCallables``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.i18n import speaks_chinese, tr
from playground.presenter import FIGURE, action_row, controls, intro_panel
from playground.replay import SNAPSHOT_LABEL
from playground.settings import SETTINGS
from playground.tabs.gan.compare_ui import build_compare_section
from playground.tabs.gan.texts import say
from playground.widgets import heavy, light, private, stop_button, stroke_pad


@dataclass(frozen=True)
class GANCallables:
    datasets: tuple[str, ...]
    objectives: tuple[str, ...]
    layers: tuple[str, ...]
    presets: tuple[str, ...]
    knobs: tuple[str, ...]  # the knobs' names, in the order the handlers take them
    defaults: dict  # knob name -> default value
    preset_knobs: Callable
    dataset_preview: Callable
    gan_train: Callable
    gan_step: Callable
    gan_reset: Callable
    gan_replay: Callable
    gan_compare: Callable
    gan_recorded: Callable  # (preset, layers, state) -> outputs: the preset's finished run, from its file
    check_recorded_preset: Callable  # preset -> None, or a clear error on no output (none chosen, none recorded)
    gan_compare_recorded: Callable  # (variants) -> (gallery, curves, table) of their finished runs
    recorded: tuple[str, ...] = ()  # presets whose finished run ships
    digits: object | None = None  # DigitGANCallables, when the DCGAN snapshots ship


INTRO = """
A generator G maps noise z to points; a discriminator D learns to tell them from the data, and G follows D's
gradient (the arrows). When G finds one place D accepts, it can put all its mass there: **mode collapse**.
Pick a preset, press **Train**, and watch the modes covered (of 2,500 samples, *high quality* = within 3σ of a
mode centre, the circles; a mode is *covered* when it gets a high-quality sample — the VEEGAN/PacGAN protocol).
"""

# Each step's link sets the lab and presses its button. The R1 fix runs 2,000 steps (a lecture's pace; its
# preset's 16,000, recorded, are linked too); step 2 sets the fix's two knobs without the preset, so that G's raw
# samples show, and step 3 is the same run (knobs and seed) sampled with the preset's 10 refinement steps.
TOUR = say.en("guided_tour_1_collapse")  # the tour, written once in texts.py (English and Chinese side by side)


PROMPT = "Press **Train**."


def build_gan_tab(fns: GANCallables, demo: gr.Blocks | None = None) -> None:
    """The tab; with ``demo``, what the page is built with in English (the data preview's legend, the status
    prompt) is rewritten on load for a Chinese visitor."""
    with intro_panel():
        gr.Markdown(INTRO, elem_id="gan-intro")
        gr.Markdown(TOUR, elem_id="gan-tour")
    with gr.Row(equal_height=False):
        with controls(scale=3, min_width=320):
            preset = gr.Dropdown(list(fns.presets), value=None, label=say.fixed("preset"), elem_id="gan-preset")
            # the finished run at once, for a class that has no minutes to wait; Train beside it runs it live
            recorded_btn = gr.Button(
                say.fixed("show_presets_finished_run"), size="sm", elem_id="gan-recorded", visible=bool(fns.recorded)
            )
            knobs = _knobs(fns)
            sketch = stroke_pad("Draw a data set (data: drawn)", "#228b22", 6, 300, "gan-sketch")
        with gr.Column(scale=5, min_width=420):
            lab = _lab_view(fns)
        with gr.Column(scale=4, min_width=360):
            lab["curves"] = gr.Plot(label=say.fixed("training_curves"), elem_id="gan-curves")
    build_compare_section(fns)
    if fns.digits is not None:
        from playground.tabs.gan.digits_ui import build_digit_gan_section

        build_digit_gan_section(fns.digits)
    if demo is not None:

        def page_texts(data: str):
            if not speaks_chinese():
                return gr.skip(), gr.skip()
            return fns.dataset_preview(data), tr(PROMPT)

        demo.load(
            **checked(page_texts, [knobs["dataset"]]),
            outputs=[lab["view"], lab["status"]],
            **private("gan_page_texts"),
            show_progress="hidden",
        )
    _wire_lab(fns, preset, recorded_btn, knobs, sketch, lab)


def _knobs(fns: GANCallables) -> dict:
    """The lab's knobs, by name (``GANCallables.knobs``): data, objective, stabilisers, training."""
    d = fns.defaults
    k = {
        "dataset": gr.Radio(list(fns.datasets), value=d["dataset"], label=say.fixed("data"), elem_id="gan-dataset"),
        "objective": gr.Dropdown(
            list(fns.objectives), value=d["objective"], label=say.fixed("objective_2"), elem_id="gan-objective"
        ),
    }
    with gr.Accordion("Stabilisers", open=True):
        with gr.Row():
            k["spectral_norm"] = gr.Checkbox(d["spectral_norm"], label=say.fixed("spectral_norm_d"), elem_id="gan-sn")
            k["minibatch_std"] = gr.Checkbox(d["minibatch_std"], label=say.fixed("minibatch_std"), elem_id="gan-mbstd")
        k["r1"] = gr.Number(d["r1"], label=say.fixed("r1_penalty_0_off"), minimum=0, elem_id="gan-r1")
        k["pack"] = _slider(d, "pack", 1, SETTINGS.gan_pack_max, 1, "pacgan_packing_m", "gan-pack")
        k["unrolled"] = _slider(d, "unrolled", 0, SETTINGS.gan_unrolled_max, 1, "unrolled_d_steps_k", "gan-unrolled")
    with gr.Accordion("Training", open=True):
        k["d_steps"] = _slider(d, "d_steps", 1, SETTINGS.gan_d_steps_max, 1, "d_steps_per_g", "gan-dsteps")
        with gr.Row():
            k["lr_g"] = gr.Number(d["lr_g"], label=say.fixed("g_learning_rate"), elem_id="gan-lrg")
            k["lr_d"] = gr.Number(d["lr_d"], label=say.fixed("d_learning_rate"), elem_id="gan-lrd")
        k["lr_drop_every"] = gr.Number(
            d["lr_drop_every"], precision=0, minimum=0, label=say.fixed("both_rates_10_every"), elem_id="gan-lrdrop"
        )
        with gr.Row():
            k["width"] = _slider(d, "width", 8, SETTINGS.gan_width_max, 8, "width", "gan-width")
            k["depth"] = _slider(d, "depth", 1, SETTINGS.gan_depth_max, 1, "depth", "gan-depth")
        with gr.Row():
            k["latent"] = _slider(d, "latent", 1, SETTINGS.gan_latent_max, 1, "latent_size", "gan-latent")
            k["batch"] = _slider(d, "batch", 8, SETTINGS.gan_batch_max, 8, "batch", "gan-batch")
        k["seed"] = gr.Number(d["seed"], precision=0, minimum=0, label=say.fixed("seed_2"), elem_id="gan-seed")
    return k


def _slider(defaults: dict, name: str, low, high, step, label: str, elem_id: str) -> gr.Slider:
    return gr.Slider(low, high, defaults[name], step=step, label=say.fixed(label), elem_id=elem_id)


def _lab_view(fns: GANCallables) -> dict:
    """The lab's figure, its sampling knobs, its buttons and status, by name."""
    w = {
        "view": gr.Image(
            fns.dataset_preview(fns.defaults["dataset"]),
            type="pil",
            format="png",
            show_label=False,
            interactive=False,
            elem_id="gan-view",
            elem_classes=[FIGURE],
        ),
        "layers": gr.CheckboxGroup(
            list(fns.layers), value=list(fns.layers), label=say.fixed("layers"), elem_id="gan-layers"
        ),
        "refine": gr.Slider(
            0,
            SETTINGS.gan_refine_max,
            0,
            step=1,
            label=say.fixed("d_guided_refinement_steps_2"),
            info=say.fixed("way_sampling_not_training"),
            elem_id="gan-refine",
        ),
    }
    with gr.Row():
        w["steps"] = gr.Slider(
            100, SETTINGS.gan_steps_max, 5000, step=100, label=say.fixed("steps_per_train"), elem_id="gan-steps"
        )
    with action_row():
        for name in ("train", "pause", "step", "reset"):
            w[name] = gr.Button(
                say.fixed(name), variant="primary" if name == "train" else "secondary", elem_id=f"gan-{name}"
            )
    w["status"] = gr.Markdown(PROMPT, elem_id="gan-status")
    w["scrubber"] = gr.Slider(0, 1, 0, step=1, label=SNAPSHOT_LABEL, elem_id="gan-scrubber")
    return w


def _wire_lab(fns: GANCallables, preset, recorded_btn, named_knobs: dict, sketch, w: dict) -> None:
    state = gr.State(None)  # {"run": GAN2DRun} of this visitor
    outputs = [w["view"], w["curves"], w["status"], w["scrubber"], state]
    knobs = [named_knobs[k] for k in fns.knobs]
    drawn = [w["layers"], sketch, w["refine"], state]  # what a run reads beside the knobs
    run_inputs = [*knobs, *drawn]
    limit = heavy()
    preset.change(
        **checked(fns.preset_knobs, [preset]), outputs=[*knobs, w["steps"], w["refine"]], **private("gan_preset")
    )
    dataset = named_knobs["dataset"]
    dataset.change(**checked(fns.dataset_preview, [dataset]), outputs=[w["view"]], **private("gan_preview"))
    train = w["train"].click(
        **checked(fns.gan_train, [*knobs, w["steps"], *drawn]),
        outputs=outputs,
        api_name="gan_train",
        **limit,
    )
    stop_button(w["pause"], train, None, "gan_pause")
    recorded_btn.click(
        **checked(fns.check_recorded_preset, [preset]), outputs=None, **private("gan_check_recorded"), **light("gan")
    ).success(
        **checked(fns.gan_recorded, [preset, w["layers"], state]),
        outputs=outputs,
        api_name="gan_recorded",
        **light("gan"),
    )
    w["step"].click(**checked(fns.gan_step, run_inputs), outputs=outputs, **private("gan_step"), **limit)
    w["reset"].click(**checked(fns.gan_reset, run_inputs), outputs=outputs, api_name="gan_reset", **limit)
    # input: a number typed into the scrubber's box (or a drag) moves the view at once; release: the drag's end
    scrubber = w["scrubber"]
    gr.on(
        [scrubber.input, scrubber.release, w["layers"].change],
        **checked(fns.gan_replay, [scrubber, w["layers"], state]),
        outputs=[w["view"]],
        **private("gan_replay"),
        show_progress="hidden",
        trigger_mode="always_last",
    )
