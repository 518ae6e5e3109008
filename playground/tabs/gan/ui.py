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
from playground.tabs.gan.texts import say
from playground.widgets import heavy, light, private, stop_button, stroke_pad


@dataclass(frozen=True)
class GANCallables:
    datasets: tuple[str, ...]
    objectives: tuple[str, ...]
    layers: tuple[str, ...]
    presets: tuple[str, ...]
    defaults: dict  # knob name -> default value
    preset_knobs: Callable
    dataset_preview: Callable
    gan_train: Callable
    gan_step: Callable
    gan_reset: Callable
    gan_replay: Callable
    gan_compare: Callable
    gan_recorded: Callable  # (preset, layers, state) -> outputs: the preset's finished run, from its file
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
TOUR = """
**Guided tour**
1. [The collapse preset](?tab=gan&gan-preset=collapse%20and%20mode%20hopping%20%28G%20outruns%20D%29&run=gan-train):
   G learns 10× faster than D, so all its samples (purple) sit in one blob that hops round the ring to wherever
   D is fooled for now; modes covered stays at 0–1 of 8. Drag the replay scrubber to watch it hop. Why GANs
   collapse: nothing in G's loss asks for variety. (5,000 steps, about 20 s on a laptop.)
2. [The R1 fix](?tab=gan&gan-r1=1&gan-lrdrop=8000&gan-steps=2000&run=gan-train): an R1 penalty keeps D's gradient
   on the real data small, so D stops throwing G from mode to mode. In 2,000 steps (about 15 s) G reaches most
   or all of the 8 modes, but, a continuous map of one connected z, it leaves purple bridges between them: few
   of its samples are high quality.
3. [Refinement: where D says the data is](?tab=gan&gan-preset=fix%3A%20R1%20penalty%20%2B%20rate%20drop&gan-steps=2000&run=gan-train):
   the same run, each sample then taking 10 steps up D's logit (teal): they leave the bridges for the modes, and
   % high quality jumps (dashed curves) — D knows where the data is better than G can draw it.
   [The preset's full 16,000 steps, recorded](?tab=gan&gan-preset=fix%3A%20R1%20penalty%20%2B%20rate%20drop&run=gan-recorded)
   (the rate drop at 8,000 sharpens the modes) show at once; **Train** runs them live, about 1½ minutes on a laptop.
4. [On images: the vanilla DCGAN](?tab=gan&gan-digit-run=vanilla%20%28collapsing%29&gan-digit-step=2000&run=gan-digit-show):
   after 2,000 steps it draws a few digits over and over — a lopsided histogram, low entropy.
   [The stabilised one](?tab=gan&gan-digit-run=stabilised&gan-digit-step=2000&run=gan-digit-show), with a 64-D
   z, draws all ten (entropy near the 2.30 nats of ten even classes).
"""  # noqa: E501 -- whole links read best


PROMPT = "Press **Train**."


def build_gan_tab(fns: GANCallables, demo: gr.Blocks | None = None) -> None:
    """The tab; with ``demo``, what the page is built with in English (the data preview's legend, the status
    prompt) is rewritten on load for a Chinese visitor."""
    d = fns.defaults
    state = gr.State(None)  # {"run": GAN2DRun} of this visitor
    with intro_panel():
        gr.Markdown(INTRO, elem_id="gan-intro")
        gr.Markdown(TOUR, elem_id="gan-tour")
    with gr.Row(equal_height=False):
        with controls(scale=3, min_width=320):
            preset = gr.Dropdown(list(fns.presets), value=None, label=say.fixed("preset"), elem_id="gan-preset")
            # the finished run at once, for a class that has no minutes to wait; Train beside it runs it live
            recorded_btn = gr.Button(say.fixed("show_presets_finished_run"), size="sm", elem_id="gan-recorded",
                                     visible=bool(fns.recorded))  # fmt: skip
            dataset = gr.Radio(list(fns.datasets), value=d["dataset"], label=say.fixed("data"), elem_id="gan-dataset")
            objective = gr.Dropdown(
                list(fns.objectives), value=d["objective"], label=say.fixed("objective_2"), elem_id="gan-objective"
            )
            with gr.Accordion("Stabilisers", open=True):
                with gr.Row():
                    spectral_norm = gr.Checkbox(
                        d["spectral_norm"], label=say.fixed("spectral_norm_d"), elem_id="gan-sn"
                    )
                    minibatch_std = gr.Checkbox(
                        d["minibatch_std"], label=say.fixed("minibatch_std"), elem_id="gan-mbstd"
                    )
                r1 = gr.Number(d["r1"], label=say.fixed("r1_penalty_0_off"), minimum=0, elem_id="gan-r1")
                pack = gr.Slider(
                    1, SETTINGS.gan_pack_max, d["pack"], step=1, label=say.fixed("pacgan_packing_m"), elem_id="gan-pack"
                )
                unrolled = gr.Slider(
                    0,
                    SETTINGS.gan_unrolled_max,
                    d["unrolled"],
                    step=1,
                    label=say.fixed("unrolled_d_steps_k"),
                    elem_id="gan-unrolled",
                )
            with gr.Accordion("Training", open=True):
                d_steps = gr.Slider(
                    1,
                    SETTINGS.gan_d_steps_max,
                    d["d_steps"],
                    step=1,
                    label=say.fixed("d_steps_per_g"),
                    elem_id="gan-dsteps",
                )
                with gr.Row():
                    lr_g = gr.Number(d["lr_g"], label=say.fixed("g_learning_rate"), elem_id="gan-lrg")
                    lr_d = gr.Number(d["lr_d"], label=say.fixed("d_learning_rate"), elem_id="gan-lrd")
                lr_drop_every = gr.Number(
                    d["lr_drop_every"],
                    precision=0,
                    minimum=0,
                    label=say.fixed("both_rates_10_every"),
                    elem_id="gan-lrdrop",
                )
                with gr.Row():
                    width = gr.Slider(
                        8, SETTINGS.gan_width_max, d["width"], step=8, label=say.fixed("width"), elem_id="gan-width"
                    )
                    depth = gr.Slider(
                        1, SETTINGS.gan_depth_max, d["depth"], step=1, label=say.fixed("depth"), elem_id="gan-depth"
                    )
                with gr.Row():
                    latent = gr.Slider(
                        1,
                        SETTINGS.gan_latent_max,
                        d["latent"],
                        step=1,
                        label=say.fixed("latent_size"),
                        elem_id="gan-latent",
                    )
                    batch = gr.Slider(
                        8, SETTINGS.gan_batch_max, d["batch"], step=8, label=say.fixed("batch"), elem_id="gan-batch"
                    )
                seed = gr.Number(d["seed"], precision=0, minimum=0, label=say.fixed("seed_2"), elem_id="gan-seed")
            sketch = stroke_pad("Draw a data set (data: drawn)", "#228b22", 6, 300, "gan-sketch")
        with gr.Column(scale=5, min_width=420):
            view = gr.Image(
                fns.dataset_preview(d["dataset"]),
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                elem_id="gan-view",
                elem_classes=[FIGURE],
            )
            layers = gr.CheckboxGroup(
                list(fns.layers), value=list(fns.layers), label=say.fixed("layers"), elem_id="gan-layers"
            )
            refine = gr.Slider(
                0,
                SETTINGS.gan_refine_max,
                0,
                step=1,
                label=say.fixed("d_guided_refinement_steps_2"),
                info=say.fixed("way_sampling_not_training"),
                elem_id="gan-refine",
            )
            with gr.Row():
                steps = gr.Slider(
                    100, SETTINGS.gan_steps_max, 5000, step=100, label=say.fixed("steps_per_train"), elem_id="gan-steps"
                )
            with action_row():
                train_btn = gr.Button(say.fixed("train"), variant="primary", elem_id="gan-train")
                pause_btn = gr.Button(say.fixed("pause"), elem_id="gan-pause")
                step_btn = gr.Button(say.fixed("step"), elem_id="gan-step")
                reset_btn = gr.Button(say.fixed("reset"), elem_id="gan-reset")
            status = gr.Markdown(PROMPT, elem_id="gan-status")
            scrubber = gr.Slider(0, 1, 0, step=1, label=SNAPSHOT_LABEL, elem_id="gan-scrubber")
        with gr.Column(scale=4, min_width=360):
            curves = gr.Plot(label=say.fixed("training_curves"), elem_id="gan-curves")

    with gr.Accordion("Side by side: variants on the same data and seed", open=False):
        with gr.Row():
            variants = gr.CheckboxGroup(
                list(fns.presets),
                value=list(fns.presets)[:1] + list(fns.presets)[2:3],
                label=f"Variants (up to {SETTINGS.gan_compare_max})",
                elem_id="gan-variants",
            )
            cmp_dataset = gr.Radio(
                [x for x in fns.datasets if x != "drawn"],
                value="ring8",
                label=say.fixed("data"),
                elem_id="gan-cmp-dataset",
            )
            # 0 by default: a fix run at the collapse's 5,000 steps would look broken (the R1 fixes need 16,000)
            own = "steps each (0: each preset's own length, where its claim is measured)"
            cmp_steps = gr.Slider(0, SETTINGS.gan_steps_max, 0, step=500, label=own, elem_id="gan-cmp-steps")
            cmp_seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed_2"), elem_id="gan-cmp-seed")
        with gr.Row():
            cmp_btn = gr.Button(say.fixed("train_compare"), variant="primary", elem_id="gan-compare")
            cmp_recorded_btn = gr.Button(say.fixed("show_recorded_runs"), elem_id="gan-compare-recorded",
                                         visible=bool(fns.recorded))  # fmt: skip
        with gr.Row():
            cmp_gallery = gr.Gallery(
                label=say.fixed("final_state_each_variant"), columns=4, height=420, elem_id="gan-cmp-gallery"
            )
        with gr.Row():
            cmp_curves = gr.Plot(label=say.fixed("curves"), elem_id="gan-cmp-curves")
            cmp_table = gr.Markdown(elem_id="gan-cmp-table")

    if fns.digits is not None:
        from playground.tabs.gan.digits_ui import build_digit_gan_section

        build_digit_gan_section(fns.digits)
    if demo is not None:

        def page_texts(data: str):
            if not speaks_chinese():
                return gr.skip(), gr.skip()
            return fns.dataset_preview(data), tr(PROMPT)

        demo.load(
            **checked(page_texts, [dataset]),
            outputs=[view, status],
            **private("gan_page_texts"),
            show_progress="hidden",
        )

    knobs = [dataset, objective, spectral_norm, r1, pack, minibatch_std, unrolled, d_steps, lr_g, lr_d,
             lr_drop_every, width, depth, latent, batch, seed]  # fmt: skip
    outputs = [view, curves, status, scrubber, state]
    limit = heavy()
    preset.change(**checked(fns.preset_knobs, [preset]), outputs=[*knobs, steps, refine], **private("gan_preset"))
    dataset.change(**checked(fns.dataset_preview, [dataset]), outputs=[view], **private("gan_preview"))
    train = train_btn.click(
        **checked(fns.gan_train, [*knobs, steps, layers, sketch, refine, state]),
        outputs=outputs,
        api_name="gan_train",
        **limit,
    )
    stop_button(pause_btn, train, None, "gan_pause")
    recorded_btn.click(
        **checked(fns.gan_recorded, [preset, layers, state]), outputs=outputs, api_name="gan_recorded", **light("gan")
    )
    step_btn.click(
        **checked(fns.gan_step, [*knobs, layers, sketch, refine, state]),
        outputs=outputs,
        **private("gan_step"),
        **limit,
    )
    reset_btn.click(
        **checked(fns.gan_reset, [*knobs, layers, sketch, refine, state]),
        outputs=outputs,
        api_name="gan_reset",
        **limit,
    )
    # input: a number typed into the scrubber's box (or a drag) moves the view at once; release: the drag's end
    gr.on(
        [scrubber.input, scrubber.release, layers.change],
        **checked(fns.gan_replay, [scrubber, layers, state]),
        outputs=[view],
        **private("gan_replay"),
        show_progress="hidden",
        trigger_mode="always_last",
    )
    compared = [cmp_gallery, cmp_curves, cmp_table]
    cmp_btn.click(
        **checked(fns.gan_compare, [variants, cmp_dataset, cmp_steps, cmp_seed]),
        outputs=compared,
        api_name="gan_compare",
        **limit,
    )
    cmp_recorded_btn.click(
        **checked(fns.gan_compare_recorded, [variants]),
        outputs=compared,
        api_name="gan_compare_recorded",
        **light("gan"),
    )
