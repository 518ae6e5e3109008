"""The side-by-side section of the GAN tab: several presets trained on the same data and seed."""

from __future__ import annotations

import gradio as gr

from playground.events import checked
from playground.settings import SETTINGS
from playground.tabs.gan.texts import say
from playground.widgets import heavy, light


def build_compare_section(fns) -> None:
    """``fns``: the tab's ``GANCallables`` (presets, data sets, gan_compare, gan_compare_recorded)."""
    with gr.Accordion("Side by side: variants on the same data and seed", open=False):
        with gr.Row():
            variants = gr.CheckboxGroup(
                list(fns.presets),
                value=list(fns.presets)[:1] + list(fns.presets)[2:3],
                label=f"Variants (up to {SETTINGS.gan_compare_max})",
                elem_id="gan-variants",
            )
            dataset = gr.Radio(
                [x for x in fns.datasets if x != "drawn"],
                value="ring8",
                label=say.fixed("data"),
                elem_id="gan-cmp-dataset",
            )
            # 0 by default: a fix run at the collapse's 5,000 steps would look broken (the R1 fixes need 16,000)
            own = "steps each (0: each preset's own length, where its claim is measured)"
            steps = gr.Slider(0, SETTINGS.gan_steps_max, 0, step=500, label=own, elem_id="gan-cmp-steps")
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed_2"), elem_id="gan-cmp-seed")
        with gr.Row():
            run_btn = gr.Button(say.fixed("train_compare"), variant="primary", elem_id="gan-compare")
            recorded_btn = gr.Button(
                say.fixed("show_recorded_runs"), elem_id="gan-compare-recorded", visible=bool(fns.recorded)
            )
        with gr.Row():
            gallery = gr.Gallery(
                label=say.fixed("final_state_each_variant"), columns=4, height=420, elem_id="gan-cmp-gallery"
            )
        with gr.Row():
            curves = gr.Plot(label=say.fixed("curves"), elem_id="gan-cmp-curves")
            table = gr.Markdown(elem_id="gan-cmp-table")
    compared = [gallery, curves, table]
    run_btn.click(
        **checked(fns.gan_compare, [variants, dataset, steps, seed]),
        outputs=compared,
        api_name="gan_compare",
        **heavy(),
    )
    recorded_btn.click(
        **checked(fns.gan_compare_recorded, [variants]),
        outputs=compared,
        api_name="gan_compare_recorded",
        **light("gan"),
    )
