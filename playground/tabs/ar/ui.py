"""The "PixelCNN" tab (two PixelCNNs and an image transformer). It wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.i18n import speaks_chinese, tr
from playground.presenter import FIGURE, action_row, controls, intro_panel, section_intro
from playground.settings import SETTINGS
from playground.tabs.ar.texts import say
from playground.widgets import heavy, light, private, stop_button, stroke_pad, when_given

# Test digits whose top half is ambiguous: kept to row 14, unconditional completions split between
# two readings (found by ``python -m benchmarks.pixelcnn --ambiguous``).
AMBIGUOUS = {"3 or 8": 166, "4 or 9": 248}


@dataclass(frozen=True)
class ARCallables:
    models: tuple[str, ...]
    classes: tuple[str, ...]
    sources: tuple[str, ...]
    temperature: float  # the recommended sampling settings: the sliders start there
    guidance: float
    ar_sample: Callable
    ar_replay: Callable
    ar_complete: Callable
    ar_receptive_field: Callable
    ar_likelihood: Callable
    ar_cost: Callable
    colour_bar: Callable
    masks_picture: Callable


INTRO = """
**Autoregressive models** write p(x) = p(x₁) p(x₂ | x₁) ··· p(x₇₈₄ | x₁ … x₇₈₃): one pixel at a time, in raster order,
each a coin toss whose odds a network computes from the pixels already drawn. Two gifts — the likelihood is
**exact** (a sum of 784 log-probabilities) and training is one parallel pass — and one price: sampling needs
**784 network calls in a row**. Digits here are binary: a pixel is ink where the digit is more than half grey.
"""

TOUR = f"""
**Guided tour**
1. [Watch a 3 being drawn](?tab=ar-sample&ar-class=3&ar-n=4&run=ar-run): the red cursor moves row by row; on the
   right, what the model believed at each pixel — sure of paper far from the strokes, unsure at their edges.
2. [One top half, completed 8 ways](?tab=ar-complete&ar-digit={AMBIGUOUS["3 or 8"]}&ar-rows=14&run=ar-complete-run):
   the same top half ends as a 3 and as an 8 — the model holds a distribution, not an answer.
   [Another: 4 or 9](?tab=ar-complete&ar-digit={AMBIGUOUS["4 or 9"]}&ar-rows=14&run=ar-complete-run).
3. [The blind spot](?tab=ar-field&ar-row=14&ar-col=14&run=ar-field-run): stacked masked convolutions never see the
   pixels up and to the right; the gated network's two stacks see them all.
4. [Exact likelihood](?tab=ar-likelihood&ar-lik-digit=0&run=ar-lik-run): where the nats of a digit go.
5. [The price](?tab=ar-cost&run=ar-cost-run): 784 sequential calls per digit against one VAE decode.
"""


PROMPT = "Press **Generate**."


def build_ar_tab(fns: ARCallables, demo: gr.Blocks | None = None) -> None:
    """The tab; with ``demo``, what the page is built with in English (the status prompt, the first receptive
    field's table, the masks' names) is rewritten on load for a Chinese visitor."""
    with intro_panel():
        gr.Markdown(INTRO, elem_id="ar-intro")
        gr.Markdown(TOUR, elem_id="ar-tour")
    with gr.Tabs(elem_id="ar-sections"):
        with gr.Tab("Pixel by pixel", id="ar-sample", elem_id="tab-ar-sample"):
            status = _sample_section(fns)
        with gr.Tab("Completion", id="ar-complete", elem_id="tab-ar-complete"):
            _complete_section(fns)
        with gr.Tab("Receptive field", id="ar-field", elem_id="tab-ar-field"):
            field_text, masks = _field_section(fns)
        with gr.Tab("Exact likelihood", id="ar-likelihood", elem_id="tab-ar-likelihood"):
            _likelihood_section(fns)
        with gr.Tab("Cost", id="ar-cost", elem_id="tab-ar-cost"):
            _cost_section(fns)
    if demo is not None:
        chinese: list = []  # the same for every Chinese visitor: made once, on the first one's load

        def page_texts():
            if not speaks_chinese():
                return gr.skip(), gr.skip(), gr.skip()
            if not chinese:
                chinese.extend([tr(PROMPT), fns.ar_receptive_field(*FIRST_PIXEL)[-1], fns.masks_picture()])
            return tuple(chinese)

        demo.load(
            **checked(page_texts),
            outputs=[status, field_text, masks],
            **private("ar_page_texts"),
            show_progress="hidden",
        )


def _model_radio(fns: ARCallables, elem_id: str) -> gr.Radio:
    return gr.Radio(list(fns.models), value=fns.models[0], label=say.fixed("model"), elem_id=elem_id)


def _temperature(fns: ARCallables, elem_id: str) -> gr.Slider:
    return gr.Slider(0.1, 2.0, fns.temperature, step=0.05, label=say.fixed("temperature_t_logits_t"), elem_id=elem_id)


def _guidance(fns: ARCallables, elem_id: str) -> gr.Slider:
    return gr.Slider(
        0,
        6,
        fns.guidance,
        step=0.5,
        label=say.fixed("guidance_w_null_w"),
        info=say.fixed("n1_models_own_conditional"),
        elem_id=elem_id,
    )


def _sample_section(fns: ARCallables) -> gr.Markdown:
    state = gr.State(None)
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            model = _model_radio(fns, "ar-model")
            digit = gr.Dropdown(list(fns.classes), value="3", label=say.fixed("class"), elem_id="ar-class")
            temperature = _temperature(fns, "ar-temperature")
            guidance = _guidance(fns, "ar-guidance")
            with gr.Row():
                n = gr.Slider(1, SETTINGS.ar_batch_max, 4, step=1, label=say.fixed("samples"), elem_id="ar-n")
                seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="ar-seed")
            with action_row():
                run_btn = gr.Button(say.fixed("generate"), variant="primary", elem_id="ar-run")
                stop_btn = gr.Button(say.fixed("stop"), elem_id="ar-stop")
        with gr.Column(scale=6, min_width=480):
            status = gr.Markdown(PROMPT, elem_id="ar-status")
            with gr.Row():
                img_kw = dict(type="pil", format="png", interactive=False, height=340, show_label=False)
                with gr.Column(min_width=200):
                    gr.Markdown(say.fixed("digits_red_next_pixel"))
                    digits = gr.Image(elem_id="ar-digits", elem_classes=[FIGURE], **img_kw)
                with gr.Column(min_width=200):
                    gr.Markdown(say.fixed("p_x_i_1"))
                    belief = gr.Image(elem_id="ar-belief", elem_classes=[FIGURE], **img_kw)
            scrubber = gr.Slider(0, 1, 0, step=1, label=say.fixed("replay_half_row_step"), elem_id="ar-scrubber")
            caption = gr.Markdown(elem_id="ar-replay-caption")
            gif = gr.File(label=say.fixed("animation_gif_digits_beliefs"), elem_id="ar-gif")
    run = run_btn.click(
        **checked(fns.ar_sample, [model, digit, temperature, guidance, n, seed, state]),
        outputs=[digits, belief, status, gif, scrubber, state],
        api_name="ar_sample",
        **heavy(),
    )
    stop_button(stop_btn, run, status, "ar")
    scrubber.release(
        **checked(fns.ar_replay, [scrubber, state]),
        outputs=[digits, belief, caption],
        **private("ar_replay"),
        show_progress="hidden",
    )
    return status


def _source_inputs(fns: ARCallables, prefix: str, default_digit: int):
    source = gr.Radio(list(fns.sources), value=fns.sources[0], label=say.fixed("digit"), elem_id=f"{prefix}-source")
    index = gr.Number(
        default_digit,
        precision=0,
        minimum=0,
        maximum=499,
        label=say.fixed("test_digit_0_499"),
        elem_id=f"{prefix}-digit",
    )
    drawing = stroke_pad("drawing", "#000000", 18, 280, f"{prefix}-drawing")
    drawing.visible = False
    source.change(
        **checked(lambda s: (gr.update(visible=s == "test digit"), gr.update(visible=s == "drawing")), [source]),
        outputs=[index, drawing],
        **private(f"{prefix.replace('-', '_')}_source_widgets"),
    )
    return source, index, drawing


def _complete_section(fns: ARCallables) -> None:
    section_intro(
        "Keep the **top rows** of a digit and let the model draw the rest, several times: each completion "
        "is one draw from p(rest | top). An ambiguous top completes in more than one way."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            source, index, drawing = _source_inputs(fns, "ar", AMBIGUOUS["3 or 8"])
            rows = gr.Slider(0, 27, 14, step=1, label=say.fixed("rows_keep_top"), elem_id="ar-rows")
            n = gr.Slider(1, SETTINGS.ar_batch_max, 8, step=1, label=say.fixed("completions"), elem_id="ar-complete-n")
            model = _model_radio(fns, "ar-complete-model")
            digit = gr.Dropdown(
                list(fns.classes), value="unconditional", label=say.fixed("class"), elem_id="ar-complete-class"
            )
            temperature = _temperature(fns, "ar-complete-temperature")
            guidance = _guidance(fns, "ar-complete-guidance")
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="ar-complete-seed")
            with action_row():
                run_btn = gr.Button(say.fixed("complete"), variant="primary", elem_id="ar-complete-run")
                stop_btn = gr.Button(say.fixed("stop"), elem_id="ar-complete-stop")
        with gr.Column(scale=6, min_width=480):
            status = gr.Markdown(elem_id="ar-complete-status")
            picture = gr.Image(
                type="pil",
                format="png",
                interactive=False,
                show_label=False,
                elem_id="ar-completions",
                elem_classes=[FIGURE],
            )
    inputs = [source, index, drawing, rows, n, model, digit, temperature, guidance, seed]
    run = run_btn.click(
        **checked(fns.ar_complete, inputs), outputs=[picture, status], api_name="ar_complete", **heavy()
    )
    stop_button(stop_btn, run, status, "ar_complete")


FIELD_INTRO = """
**Receptive field.** Pick a pixel (click either picture, or set row and column): coloured are the input pixels whose
value changes the model's prediction there — found by asking autograd which inputs the logit has a non-zero
gradient for. **Orange** is the plain PixelCNN's **blind spot**: earlier pixels, up and to the right, that stacked
masked convolutions never reach however deep the stack. The gated PixelCNN splits the work into a vertical stack
(every row above) and a horizontal stack (the row so far) and has none. Both see only a window of rows above:
each layer widens it by one.
"""
FIRST_PIXEL = (14, 14)  # the receptive field the section opens with


def _field_section(fns: ARCallables) -> tuple[gr.Markdown, gr.Image]:
    section_intro(FIELD_INTRO)
    first = fns.ar_receptive_field(*FIRST_PIXEL)
    with controls(), gr.Row():
        row = gr.Slider(0, 27, 14, step=1, label=say.fixed("row"), elem_id="ar-row")
        col = gr.Slider(0, 27, 14, step=1, label=say.fixed("column"), elem_id="ar-col")
        with action_row():
            run_btn = gr.Button(say.fixed("show_what_pixel_sees"), variant="primary", elem_id="ar-field-run")
    with gr.Row():
        img_kw = dict(type="pil", format="png", interactive=False, height=340, elem_classes=[FIGURE])
        plain = gr.Image(first[0], label=say.fixed("plain_pixelcnn"), elem_id="ar-field-plain", **img_kw)
        gated = gr.Image(first[1], label=say.fixed("gated_pixelcnn"), elem_id="ar-field-gated", **img_kw)
        transformer = gr.Image(first[2], label=say.fixed("image_transformer"), elem_id="ar-field-transformer", **img_kw)
    gr.Markdown(say.fixed("transformer_field"), elem_id="ar-field-transformer-note")
    text = gr.Markdown(first[3], elem_id="ar-field-text")
    gr.Markdown(say.fixed("masks_white_weights_use"))
    masks = gr.Image(
        fns.masks_picture(), type="pil", format="png", interactive=False, show_label=False, elem_id="ar-masks"
    )
    outputs = [plain, gated, transformer, text]
    run_btn.click(
        **checked(fns.ar_receptive_field, [row, col]), outputs=outputs, api_name="ar_receptive_field", **light("ar")
    )
    for picture in (plain, gated, transformer):
        picture.select(**checked(_clicked_pixel), outputs=[row, col], **private("ar_field_pick")).then(
            **checked(fns.ar_receptive_field, [row, col]), outputs=outputs, **private("ar_field_click"), **light("ar")
        )
    return text, masks


def _clicked_pixel(evt: gr.SelectData):
    """A click on a 28x28 digit shown enlarged -> (row, column)."""
    x, y = evt.index
    return min(27, int(y) // 12), min(27, int(x) // 12)


def _likelihood_section(fns: ARCallables) -> None:
    section_intro(
        "**Exact likelihood.** −log p(x) = Σᵢ −log p(xᵢ | x_<i): no bound, no sampling. The **surprise "
        "map** shows each pixel's term: bright where the pixel that came was unlikely to the "
        "model."
    )
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            source, index, drawing = _source_inputs(fns, "ar-lik", 0)
            digit = gr.Dropdown(
                list(fns.classes), value="unconditional", label=say.fixed("class"), elem_id="ar-lik-class"
            )
            with action_row():
                run_btn = gr.Button(say.fixed("measure_log_p_x"), variant="primary", elem_id="ar-lik-run")
        with gr.Column(scale=6, min_width=480):
            # the colour scale above the maps: on a projector the maps take the screen's height under it
            gr.Image(
                fns.colour_bar(),
                type="pil",
                format="png",
                interactive=False,
                show_label=False,
                height=42,
                elem_id="ar-lik-bar",
            )
            with gr.Row():
                digit_img = gr.Image(
                    type="pil",
                    format="png",
                    interactive=False,
                    height=240,
                    elem_classes=[FIGURE],
                    label=say.fixed("binarized_digit"),
                    elem_id="ar-lik-input",
                )
                maps = gr.Image(
                    type="pil",
                    format="png",
                    interactive=False,
                    height=240,
                    elem_classes=[FIGURE],
                    label=say.fixed("surprise_log_p_x"),
                    elem_id="ar-lik-maps",
                )
            table = gr.Markdown(elem_id="ar-lik-table")
    inputs, outputs = [source, index, drawing, digit], [digit_img, maps, table]
    run_btn.click(**checked(fns.ar_likelihood, inputs), outputs=outputs, api_name="ar_likelihood", **light("ar"))
    drawing.change(
        **checked(when_given(fns.ar_likelihood, 3, "Draw a digit: its likelihood appears."), inputs),
        outputs=outputs,
        **private("ar_likelihood_drawing"),
        **light("ar"),
    )


def _cost_section(fns: ARCallables) -> None:
    section_intro(
        "**The price of exactness.** Every pixel is an input of every later one, so a digit takes 784 "
        "network calls, one after another. Measure them here beside a VAE decode and a GAN "
        "pass."
    )
    with action_row():
        run_btn = gr.Button(say.fixed("time_machine"), variant="primary", elem_id="ar-cost-run")
    table = gr.Markdown(elem_id="ar-cost-table")
    run_btn.click(**checked(fns.ar_cost), outputs=[table], api_name="ar_cost", **heavy())
