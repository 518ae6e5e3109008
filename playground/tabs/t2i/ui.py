"""The "Text to image" tab: a typed prompt's path into the picture — tokens, the denoising with each token's
cross-attention, the maps per step and layer, the negative prompt taken apart, a word swapped under the same seed and
the guidance trade-off. It wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.presenter import FIGURE, action_row, controls, intro_panel, section_intro
from playground.settings import SETTINGS
from playground.tabs.t2i.texts import say
from playground.widgets import heavy, light, private, stop_button


@dataclass(frozen=True)
class T2ICallables:
    layers: tuple[tuple[str, str], ...]  # (label, name): "all layers" and each cross-attention layer
    token_chips: Callable  # (prompt) -> chips HTML
    t2i_tokens: Callable
    t2i_sample: Callable
    t2i_attention: Callable
    t2i_negative: Callable
    t2i_swap: Callable
    t2i_guidance: Callable
    t2i_tradeoff: Callable | None = None  # None where the benchmark's results do not ship


TOUR = say.en("tour")  # written once in texts.py, English and Chinese side by side
EXAMPLE = "a thick 7 leaning right"


def build_t2i_tab(fns: T2ICallables) -> None:
    with intro_panel():
        gr.Markdown(say.fixed("intro"), elem_id="t2i-intro")
        gr.Markdown(say.fixed("tour"), elem_id="t2i-tour")
    with gr.Tabs(elem_id="t2i-sections"):
        with gr.Tab(say.fixed("tab_prompt"), id="t2i-path", elem_id="tab-t2i-path"):
            _prompt_section(fns)
        with gr.Tab(say.fixed("tab_attention"), id="t2i-layers", elem_id="tab-t2i-layers"):
            _attention_section(fns)
        with gr.Tab(say.fixed("tab_tokens"), id="t2i-tokenizer", elem_id="tab-t2i-tokenizer"):
            _tokens_section(fns)
        with gr.Tab(say.fixed("tab_negative"), id="t2i-negprompt", elem_id="tab-t2i-negprompt"):
            _negative_section(fns)
        with gr.Tab(say.fixed("tab_swap"), id="t2i-wordswap", elem_id="tab-t2i-wordswap"):
            _swap_section(fns)
        with gr.Tab(say.fixed("tab_guidance"), id="t2i-scale", elem_id="tab-t2i-scale"):
            _guidance_section(fns)


def _image(elem_id: str, figure: bool = False, label=None) -> gr.Image:
    return gr.Image(
        type="pil",
        format="png",
        show_label=label is not None,
        label=label,
        interactive=False,
        buttons=["download"],
        elem_id=elem_id,
        elem_classes=[FIGURE] if figure else None,
    )


def _prompt_box(prefix: str, value: str, label: str = "prompt") -> gr.Textbox:
    return gr.Textbox(value, label=say.fixed(label), max_lines=3, elem_id=f"{prefix}-prompt")


def _run_controls(prefix: str, guidance: float = 3.0, steps: int = 25, n: int | None = None):
    """Guidance, steps, seed (and the number of samples): the knobs every view shares."""
    # one control a line: side by side, a Chinese label ("引导强度 w", "样本数") wraps letter by letter in the column
    w = gr.Slider(0, 10, guidance, step=0.5, label=say.fixed("guidance_scale_w"), elem_id=f"{prefix}-guidance")
    steps_ = gr.Slider(1, SETTINGS.t2i_steps_max, steps, step=1, label=say.fixed("steps"), elem_id=f"{prefix}-steps")
    seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id=f"{prefix}-seed")
    if n is None:
        return w, steps_, seed
    n_ = gr.Slider(1, SETTINGS.t2i_batch_max, n, step=1, label=say.fixed("samples"), elem_id=f"{prefix}-n")
    return w, steps_, seed, n_


def _prompt_section(fns: T2ICallables) -> None:
    section_intro(say.fixed("prompt_intro"))
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=280):
            prompt = _prompt_box("t2i", EXAMPLE)
            negative = gr.Textbox("", label=say.fixed("negative_prompt"), max_lines=2, elem_id="t2i-negative")
            w, steps, seed, n = _run_controls("t2i", n=8)
            with action_row():
                run = gr.Button(say.fixed("generate"), variant="primary", elem_id="t2i-run")
                stop = gr.Button(say.fixed("stop"), elem_id="t2i-stop")
            chips = gr.HTML(elem_id="t2i-chips")  # filled at the first Generate (no model loads with the page)
        with gr.Column(scale=5, min_width=480):
            attention = _image("t2i-maps", figure=True)
            samples = _image("t2i-samples")
            status = gr.Markdown(say.fixed("press_generate"), elem_id="t2i-status")
    event = run.click(
        **checked(fns.t2i_sample, [prompt, negative, w, steps, seed, n]),
        outputs=[samples, attention, status],
        api_name="t2i_sample",
        **heavy(),
    )
    stop_button(stop, event, status, "t2i")
    for trigger in (prompt.submit, run.click):
        trigger(**checked(fns.token_chips, [prompt]), outputs=[chips], **private("t2i_chips"), show_progress="hidden")


def _attention_section(fns: T2ICallables) -> None:
    section_intro(say.fixed("attention_intro"))
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=280):
            prompt = _prompt_box("t2ia", EXAMPLE)
            negative = gr.Textbox("", label=say.fixed("negative_prompt"), max_lines=2, elem_id="t2ia-negative")
            w, steps, seed = _run_controls("t2ia")
            layer = gr.Dropdown(
                list(fns.layers), value=fns.layers[0][1], label=say.fixed("layer"), elem_id="t2ia-layer"
            )
            with action_row():
                run = gr.Button(say.fixed("show_maps"), variant="primary", elem_id="t2ia-run")
        with gr.Column(scale=5, min_width=480):
            maps = _image("t2ia-maps", figure=True)
            md = gr.Markdown(elem_id="t2ia-md")
    run.click(
        **checked(fns.t2i_attention, [prompt, negative, w, steps, seed, layer]),
        outputs=[maps, md],
        api_name="t2i_attention",
        **heavy(),
    )


def _tokens_section(fns: T2ICallables) -> None:
    section_intro(say.fixed("tokens_intro"))
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=280):
            prompt = gr.Textbox(
                "a thick 7 leaning right, in the top left corner",
                label=say.fixed("prompt"),
                lines=3,
                elem_id="t2it-prompt",
            )
            with action_row():
                run = gr.Button(say.fixed("tokenize"), variant="primary", elem_id="t2it-run")
        with gr.Column(scale=5, min_width=480):
            chips = gr.HTML(elem_id="t2it-chips")
            md = gr.Markdown(elem_id="t2it-md")
            plot = gr.Plot(label=say.fixed("text_encoder_output"), elem_id="t2it-plot", elem_classes=[FIGURE])
    run.click(**checked(fns.t2i_tokens, [prompt]), outputs=[chips, plot, md], api_name="t2i_tokens", **light("t2i"))
    prompt.submit(
        **checked(fns.t2i_tokens, [prompt]), outputs=[chips, plot, md], **private("t2i_tokens_submit"), **light("t2i")
    )


def _negative_section(fns: T2ICallables) -> None:
    section_intro(say.fixed("negative_intro"))
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=280):
            prompt = _prompt_box("t2in", "a 3")
            negative = gr.Textbox("thin", label=say.fixed("negative_prompt"), max_lines=2, elem_id="t2in-negative")
            w, steps, seed = _run_controls("t2in")
            at = gr.Slider(0, SETTINGS.t2i_steps_max - 1, 8, step=1, label=say.fixed("step_0_based"), elem_id="t2in-at")
            with action_row():
                run = gr.Button(say.fixed("take_apart"), variant="primary", elem_id="t2in-run")
        with gr.Column(scale=5, min_width=480):
            parts = _image("t2in-parts", figure=True)
            samples = _image("t2in-samples")
            md = gr.Markdown(elem_id="t2in-md")
    run.click(
        **checked(fns.t2i_negative, [prompt, negative, w, steps, seed, at]),
        outputs=[parts, samples, md],
        api_name="t2i_negative",
        **heavy(),
    )


def _swap_section(fns: T2ICallables) -> None:
    section_intro(say.fixed("swap_intro"))
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=280):
            a = _prompt_box("t2is-a", "a thin 7", "prompt_a")
            b = _prompt_box("t2is-b", "a thick 7", "prompt_b")
            w, steps, seed, n = _run_controls("t2is", n=6)
            with action_row():
                run = gr.Button(say.fixed("swap"), variant="primary", elem_id="t2is-run")
        with gr.Column(scale=5, min_width=480):
            pictures = _image("t2is-pictures", figure=True)
            md = gr.Markdown(elem_id="t2is-md")
    run.click(
        **checked(fns.t2i_swap, [a, b, w, steps, seed, n]),
        outputs=[pictures, md],
        api_name="t2i_swap",
        **heavy(),
    )


def _guidance_section(fns: T2ICallables) -> None:
    section_intro(say.fixed("guidance_intro"))
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=280):
            prompt = _prompt_box("t2ig", "a 4")
            scales = gr.Textbox("0, 1, 2, 3, 5, 8", label=say.fixed("scales"), elem_id="t2ig-scales")
            steps = gr.Slider(1, SETTINGS.t2i_steps_max, 25, step=1, label=say.fixed("steps"), elem_id="t2ig-steps")
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="t2ig-seed")
            n = gr.Slider(1, 4, 4, step=1, label=say.fixed("samples_per_scale"), elem_id="t2ig-n")
            with action_row():
                run = gr.Button(say.fixed("run_scales"), variant="primary", elem_id="t2ig-run")
            recorded = gr.Button(
                say.fixed("show_tradeoff"), size="sm", elem_id="t2ig-recorded", visible=fns.t2i_tradeoff is not None
            )
        # the measured trade-off is this view's lesson (and its tour step's): it comes first, the live grid below it
        with gr.Column(scale=5, min_width=480):
            plot = gr.Plot(label=say.fixed("tradeoff_label"), elem_id="t2ig-plot", elem_classes=[FIGURE])
            table = gr.Markdown(elem_id="t2ig-table")
            grid = _image("t2ig-grid")
            md = gr.Markdown(elem_id="t2ig-md")
    run.click(
        **checked(fns.t2i_guidance, [prompt, scales, steps, seed, n]),
        outputs=[grid, md],
        api_name="t2i_guidance",
        **heavy(),
    )
    if fns.t2i_tradeoff is not None:
        recorded.click(**checked(fns.t2i_tradeoff), outputs=[plot, table], api_name="t2i_tradeoff", **light("t2i"))
