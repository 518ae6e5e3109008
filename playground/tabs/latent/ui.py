"""The "Latent diffusion" tab: Stable Diffusion's pipeline in miniature — the pipeline viewer, pixel
vs latent, img2img, inpainting, the negative class and the autoencoders. It wires widgets to the
callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.i18n import speaks_chinese, tr
from playground.presenter import FIGURE, action_row, controls, intro_panel, section_intro
from playground.settings import SETTINGS
from playground.tabs.latent.texts import say
from playground.widgets import heavy, private, stop_button, stroke_pad


@dataclass(frozen=True)
class LatentCallables:
    classes: tuple[str, ...]
    digits: tuple[str, ...]
    samplers: tuple[str, ...]
    sources: tuple[str, ...]
    masks: tuple[str, ...]
    strength: float
    factor_table: Callable
    ldm_sample: Callable
    ldm_compare: Callable
    ldm_img2img: Callable
    ldm_inpaint: Callable
    ldm_negative: Callable
    autoencoder_reconstruct: Callable
    test_digit_picture: Callable


INTRO = """
**Latent diffusion** (Stable Diffusion's recipe): first train an **autoencoder** (encoder E, decoder D) that
compresses an image into a small latent z; then run the whole diffusion process — noise, UNet, sampler,
guidance — on z instead of on pixels, and decode once at the end. Here: 32×32 digits → a **4×8×8** latent (f = 4).
"""

DIAGRAM = """
`z_T ~ N(0, I)  4×8×8` → **UNet**(z_t, t, class) × steps, guided → `ẑ₀  4×8×8` → **decoder D** → `x̂  32×32`
  (the encoder E was used to make the training latents, and for img2img and inpainting)
"""

TOUR = """
**Guided tour**
1. [The pipeline, live](?tab=latent-pipeline&ldm-class=7&ldm-steps=30&run=ldm-run): the 4 latent channels start as
   noise; the decoded x̂₀ is a 7 long before the latent looks like anything.
2. [Pixel vs latent](?tab=latent-compare&run=ldm-compare-run): the same sampler and steps; 3.4× fewer FLOPs a step
   at 32×32 — and what the count predicts at 512×512.
3. [img2img: turn a 3 into an 8](?tab=latent-img2img&i2i-index=150&i2i-target=8&run=i2i-run): low strength keeps
   the 3, high strength forgets it; around s = 0.7 it is an 8 that still looks like the input.
4. [Inpainting](?tab=latent-inpaint&inp-mask=bottom%20half&inp-class=8&run=inp-run): the bottom of a 0 redrawn as
   an 8, by blending in the latent and by RePaint in pixels.
5. [A negative class](?tab=latent-negative&neg-class=unconditional&neg-negative=1&run=neg-run): "any digit, not
   a 1" — guidance pushed away from the 1: the ones (about 1 in 10 unconditional samples) disappear.
"""  # noqa: E501 -- whole links read best


PROMPT = "Press **Sample in the latent**."


def build_latent_tab(fns: LatentCallables, demo: gr.Blocks | None = None) -> None:
    """The tab; with ``demo``, the texts made when the page is built (the status prompt, the factor table)
    are rewritten on load for a Chinese visitor."""
    with intro_panel():
        gr.Markdown(INTRO, elem_id="latent-intro")
        gr.Markdown(TOUR, elem_id="latent-tour")
    with gr.Tabs(elem_id="latent-sections"):
        with gr.Tab("Pipeline", id="latent-pipeline", elem_id="tab-latent-pipeline"):
            status = _pipeline_section(fns)
        with gr.Tab("Pixel vs latent", id="latent-compare", elem_id="tab-latent-compare"):
            _compare_section(fns)
        with gr.Tab("img2img", id="latent-img2img", elem_id="tab-latent-img2img"):
            _img2img_section(fns)
        with gr.Tab("Inpainting", id="latent-inpaint", elem_id="tab-latent-inpaint"):
            _inpaint_section(fns)
        with gr.Tab("Negative class", id="latent-negative", elem_id="tab-latent-negative"):
            _negative_section(fns)
        with gr.Tab("Autoencoder", id="latent-autoencoder", elem_id="tab-latent-autoencoder"):
            table = _autoencoder_section(fns)
    if demo is not None:
        demo.load(
            **checked(lambda: (tr(PROMPT), fns.factor_table()) if speaks_chinese() else (gr.skip(), gr.skip())),
            outputs=[status, table],
            **private("latent_page_texts"),
            show_progress="hidden",
        )


def _sampling_controls(fns: LatentCallables, prefix: str, digit: str, guidance: float, n: int):
    digit_ = gr.Dropdown(list(fns.classes), value=digit, label=say.fixed("class"), elem_id=f"{prefix}-class")
    guidance_ = gr.Slider(0, 8, guidance, step=0.5, label=say.fixed("guidance_scale_w"), elem_id=f"{prefix}-guidance")
    sampler = gr.Radio(list(fns.samplers), value="DDIM", label=say.fixed("sampler"), elem_id=f"{prefix}-sampler")
    steps = gr.Slider(1, 200, 50, step=1, label=say.fixed("steps"), elem_id=f"{prefix}-steps")
    with gr.Row():
        seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id=f"{prefix}-seed")
        n_ = gr.Slider(1, SETTINGS.ldm_batch_max, n, step=1, label=say.fixed("samples"), elem_id=f"{prefix}-n")
    return digit_, guidance_, sampler, steps, seed, n_


def _pipeline_section(fns: LatentCallables) -> gr.Markdown:
    section_intro(DIAGRAM)
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            digit, guidance, sampler, steps, seed, n = _sampling_controls(fns, "ldm", "7", 2.0, 8)
            with action_row():
                run = gr.Button(say.fixed("sample_latent"), variant="primary", elem_id="ldm-run")
                stop = gr.Button(say.fixed("stop"), elem_id="ldm-stop")
        with gr.Column(scale=5, min_width=420):
            status = gr.Markdown(PROMPT, elem_id="ldm-status")
            gr.Markdown(say.fixed("each_step_latents_4"))
            pipeline = gr.Image(
                type="pil",
                format="png",
                show_label=False,
                interactive=False,
                elem_id="ldm-pipeline",
                elem_classes=[FIGURE],
            )
            gr.Markdown(say.fixed("decoders_output"))
            samples = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="ldm-samples")
            gr.Markdown(say.fixed("first_samples_run_noise"))
            run_strip = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="ldm-run-strip")
    outputs = [pipeline, samples, run_strip, status]
    event = run.click(
        **checked(fns.ldm_sample, [digit, guidance, sampler, steps, seed, n]),
        outputs=outputs,
        api_name="ldm_sample",
        **heavy(),
    )
    stop_button(stop, event, status, "ldm")
    return status


def _compare_section(fns: LatentCallables) -> None:
    section_intro(
        "The pixel model (32×32) and the latent model (4×8×8), the same class, sampler, steps, guidance "
        "and seed — timed now, on this machine, with the FLOPs of one step counted."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            digit, guidance, sampler, steps, seed, n = _sampling_controls(fns, "ldmcmp", "3", 2.0, 8)
            with action_row():
                run = gr.Button(say.fixed("run_both"), variant="primary", elem_id="ldm-compare-run")
                stop = gr.Button(say.fixed("stop"), elem_id="ldm-compare-stop")
        with gr.Column(scale=5, min_width=420):
            with gr.Row():
                pixel = gr.Image(
                    type="pil",
                    format="png",
                    label=say.fixed("pixel_model_2"),
                    interactive=False,
                    elem_id="cmp-pixel",
                    elem_classes=[FIGURE],
                )
                latent = gr.Image(
                    type="pil",
                    format="png",
                    label=say.fixed("latent_model_decoded"),
                    interactive=False,
                    elem_id="cmp-latent",
                    elem_classes=[FIGURE],
                )
            table = gr.Markdown(elem_id="cmp-table")
    # streams each model's x̂₀ and the steps done (in the table's place); Stop or a closed page ends it
    event = run.click(
        **checked(fns.ldm_compare, [digit, sampler, steps, guidance, seed, n]),
        outputs=[pixel, latent, table],
        api_name="ldm_compare",
        **heavy(),
    )
    stop_button(stop, event, table, "ldm_compare")


def _source_controls(fns: LatentCallables, prefix: str, index: int, uploads: bool = True):
    sources = list(fns.sources) if uploads else [s for s in fns.sources if s != "upload"]
    source = gr.Radio(sources, value="test digit", label=say.fixed("input"), elem_id=f"{prefix}-source")
    index_ = gr.Number(
        index, precision=0, minimum=0, maximum=499, label=say.fixed("test_digit_0_499"), elem_id=f"{prefix}-index"
    )
    drawing = stroke_pad("Draw a digit (input: drawing)", "#000000", 18, 280, f"{prefix}-drawing")
    drawing.visible = False
    upload = (
        gr.Image(type="numpy", label=say.fixed("upload_digit_input_upload"), visible=False, elem_id=f"{prefix}-upload")
        if uploads
        else None
    )
    shown = [index_, drawing, *([upload] if uploads else [])]
    # Only the chosen input's control is shown (a drawing pad under "test digit" means nothing).
    source.change(
        **checked(lambda s: [gr.update(visible=s == k) for k in sources], [source]),
        outputs=shown,
        **private(f"{prefix}_source"),
        show_progress="hidden",
    )
    return source, index_, drawing, upload


def _img2img_section(fns: LatentCallables) -> None:
    section_intro(
        "**img2img** (SDEdit): encode the input, add noise up to the timestep the **strength** s implies, then "
        "denoise towards the target class. s = 0 gives the input back; s = 1 starts from pure noise and forgets it."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            source, index, drawing, upload = _source_controls(fns, "i2i", 150)
            target = gr.Dropdown(list(fns.digits), value="8", label=say.fixed("target_class"), elem_id="i2i-target")
            strength = gr.Slider(0, 1, fns.strength, step=0.05, label=say.fixed("strength_s"), elem_id="i2i-strength")
            guidance = gr.Slider(0, 8, 3.0, step=0.5, label=say.fixed("guidance_scale_w"), elem_id="i2i-guidance")
            with gr.Row():
                steps = gr.Slider(1, 200, 50, step=1, label=say.fixed("steps"), elem_id="i2i-steps")
                seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="i2i-seed")
            with action_row():
                run = gr.Button(say.fixed("img2img_2"), variant="primary", elem_id="i2i-run")
                stop = gr.Button(say.fixed("stop"), elem_id="i2i-stop")
        with gr.Column(scale=5, min_width=420):
            result = gr.Image(
                type="pil",
                format="png",
                label=say.fixed("input_result_s"),
                interactive=False,
                elem_id="i2i-result",
                elem_classes=[FIGURE],
            )
            text = gr.Markdown(elem_id="i2i-text")
            gr.Markdown(say.fixed("same_seed_over_s"))
            strip = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="i2i-strip")
    event = run.click(
        **checked(fns.ldm_img2img, [source, index, drawing, upload, target, strength, guidance, steps, seed]),
        outputs=[result, strip, text],
        api_name="ldm_img2img",
        **heavy(),
    )
    stop_button(stop, event, text, "ldm_img2img")


def _inpaint_section(fns: LatentCallables) -> None:
    section_intro(
        "**Inpainting** with models never trained for it: the red region is generated, the rest kept. "
        "**Latent blending**: after every step the kept part of the latent is replaced by the input's latent "
        "noised to that step. **RePaint**: the same in pixels with diffusers' RePaintScheduler, going back up "
        "the noise now and then so the new part can agree with the old."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            source, index, drawing, _ = _source_controls(fns, "inp", 0, uploads=False)
            mask = gr.Radio(list(fns.masks), value="bottom half", label=say.fixed("mask"), elem_id="inp-mask")
            editor = gr.ImageEditor(
                value=fns.test_digit_picture(0),
                type="numpy",
                image_mode="RGBA",
                visible=False,
                brush=gr.Brush(colors=["#e62828"], default_size=24, color_mode="fixed"),
                eraser=gr.Eraser(),
                canvas_size=(280, 280),
                transforms=(),
                sources=(),
                label=say.fixed("brush_region_replace_mask"),
                elem_id="inp-editor",
            )
            digit = gr.Dropdown(list(fns.digits), value="8", label=say.fixed("fill_class"), elem_id="inp-class")
            guidance = gr.Slider(0, 8, 2.0, step=0.5, label=say.fixed("guidance_scale_w"), elem_id="inp-guidance")
            with gr.Row():
                steps = gr.Slider(
                    1, SETTINGS.inpaint_steps_max, 50, step=1, label=say.fixed("steps"), elem_id="inp-steps"
                )
                n = gr.Slider(1, SETTINGS.repaint_batch_max, 4, step=1, label=say.fixed("samples"), elem_id="inp-n")
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="inp-seed")
            with action_row():
                run = gr.Button(say.fixed("inpaint"), variant="primary", elem_id="inp-run")
                stop = gr.Button(say.fixed("stop"), elem_id="inp-stop")
        with gr.Column(scale=5, min_width=420):
            picture = gr.Image(
                type="pil",
                format="png",
                interactive=False,
                elem_id="inp-picture",
                elem_classes=[FIGURE],
                label=say.fixed("mask_latent_blending_row"),
            )
            table = gr.Markdown(elem_id="inp-table")
    index.change(**checked(fns.test_digit_picture, [index]), outputs=[editor], **private("inp_editor_digit"))
    mask.change(
        **checked(lambda m: gr.update(visible=m == "brushed"), [mask]),
        outputs=[editor],
        **private("inp_mask_kind"),
        show_progress="hidden",
    )
    event = run.click(
        **checked(fns.ldm_inpaint, [source, index, drawing, mask, editor, digit, guidance, steps, seed, n]),
        outputs=[picture, table],
        api_name="ldm_inpaint",
        **heavy(),
    )
    stop_button(stop, event, table, "ldm_inpaint")


def _negative_section(fns: LatentCallables) -> None:
    section_intro(
        "A **negative class** is Stable Diffusion's negative prompt: guidance pushes away from it instead of "
        "from the null class, ε̂ = ε_neg + w·(ε_c − ε_neg). With the null class as ε_neg it is plain "
        "classifier-free guidance."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            digit = gr.Dropdown(list(fns.classes), value="unconditional", label=say.fixed("class"), elem_id="neg-class")
            negative = gr.Dropdown(
                list(fns.digits), value="1", label=say.fixed("negative_class_2"), elem_id="neg-negative"
            )
            guidance = gr.Slider(0, 8, 3.0, step=0.5, label=say.fixed("guidance_scale_w"), elem_id="neg-guidance")
            with gr.Row():
                steps = gr.Slider(1, 200, 50, step=1, label=say.fixed("ddim_steps"), elem_id="neg-steps")
                n = gr.Slider(1, SETTINGS.ldm_batch_max, 16, step=1, label=say.fixed("samples"), elem_id="neg-n")
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="neg-seed")
            with action_row():
                run = gr.Button(say.fixed("compare"), variant="primary", elem_id="neg-run")
                stop = gr.Button(say.fixed("stop"), elem_id="neg-stop")
        with gr.Column(scale=5, min_width=420):
            with gr.Row():  # side by side: on a projector both on the first screen
                plain = gr.Image(
                    type="pil",
                    format="png",
                    label=say.fixed("without_negative_class"),
                    interactive=False,
                    elem_id="neg-plain",
                    elem_classes=[FIGURE],
                )
                away = gr.Image(
                    type="pil",
                    format="png",
                    label=say.fixed("away_negative_class"),
                    interactive=False,
                    elem_id="neg-away",
                    elem_classes=[FIGURE],
                )
            table = gr.Markdown(elem_id="neg-table")
    event = run.click(
        **checked(fns.ldm_negative, [digit, negative, guidance, steps, seed, n]),
        outputs=[plain, away, table],
        api_name="ldm_negative",
        **heavy(),
    )
    stop_button(stop, event, table, "ldm_negative")


def _autoencoder_section(fns: LatentCallables) -> gr.Markdown:
    section_intro(
        "The first stage: diffusers' **AutoencoderKL** (Stable Diffusion's) at three down-sampling factors f, each "
        "trained on the digits with an L1 loss and a tiny KL term (β = 10⁻⁶, SD's). The latent is scaled by "
        "s = 1/std(z) over the training digits (SD's 0.18215 was computed the same way), so the diffusion "
        "model sees unit variance."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            source, index, drawing, upload = _source_controls(fns, "ae", 0)
            with action_row():
                run = gr.Button(say.fixed("encode_decode"), variant="primary", elem_id="ae-run")
        with gr.Column(scale=5, min_width=420):
            gr.Markdown(say.fixed("x_d_e_x"))
            strip = gr.Image(
                type="pil", format="png", show_label=False, interactive=False, elem_id="ae-strip", elem_classes=[FIGURE]
            )
            table = gr.Markdown(fns.factor_table(), elem_id="ae-table")
    run.click(
        **checked(fns.autoencoder_reconstruct, [source, index, drawing, upload]),
        outputs=[strip, table],
        api_name="autoencoder_reconstruct",
        **heavy(),
    )
    return table
