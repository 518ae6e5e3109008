"""The "Diffusion: forward and reverse" tab. It wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground.events import checked
from playground.presenter import FIGURE, action_row, controls, intro_panel, section_intro
from playground.settings import SETTINGS
from playground.tabs.diffusion.texts import say
from playground.widgets import heavy, light, private, stop_button, stroke_pad, when_given


@dataclass(frozen=True)
class DiffusionCallables:
    sources: tuple[str, ...]
    photos: tuple[str, ...]
    schedules: tuple[str, ...]
    samplers: tuple[str, ...]
    classes: tuple[str, ...]
    datasets_2d: tuple[str, ...]
    diffusion_forward: Callable
    diffusion_forward_check: Callable
    diffusion_reverse: Callable
    diffusion_replay: Callable
    diffusion_compare: Callable
    diffusion_2d: Callable
    diffusion_compare_recorded: Callable | None = None  # () -> (the five controls, gallery, status), recorded


FORWARD_INTRO = """
**Forward process.** Noise is added in T small steps; the closed form jumps straight to any step:
x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε, ε ~ N(0, I). Drag **t**: the picture fades as ᾱ_t falls and the pixel
histogram becomes the standard normal. The schedule decides how fast: compare linear and cosine at the same t.
"""

REVERSE_INTRO = """
**Reverse process.** At each step the model looks at x_t and predicts the noise ε̂ in it; from that follow the
predicted clean image x̂₀ = (x_t − √(1−ᾱ_t)·ε̂)/√ᾱ_t and the next, slightly less noisy x_{t−1}. x_t alone is
unreadable until the end; x̂₀ shows what the model already "sees". Guidance: ε̂ = ε̂_uncond + w·(ε̂_class − ε̂_uncond).
(This model is trained to predict v = √ᾱ·ε − √(1−ᾱ)·x₀, from which ε̂ and x̂₀ follow exactly; it keeps x̂₀ stable at
the noisiest steps.) **Clip x̂₀** is diffusers' default for DDPM and DDIM; toggle it to see what it does.
"""

# Timings measured on one CPU core (each step of the reverse process is one guided network call, and every
# call needs the one before): DDIM-50 on 4 digits ~3 s, DDPM-1000 on one digit ~20 s, the 2-D run ~2 s.
TOUR = say.en("guided_tour_1_closed")  # the tour, written once in texts.py (English and Chinese side by side)


def build_diffusion_tab(fns: DiffusionCallables) -> None:
    with intro_panel():
        gr.Markdown(TOUR, elem_id="diffusion-tour")
    with gr.Tabs():
        with gr.Tab("Forward process", id="diff-forward", elem_id="tab-diff-forward"):
            _forward_section(fns)
        with gr.Tab("Reverse process", id="diff-reverse", elem_id="tab-diff-reverse"):
            _reverse_section(fns)
        with gr.Tab("DDPM-1000 vs DDIM-50", id="diff-compare", elem_id="tab-diff-compare"):
            _compare_section(fns)
        with gr.Tab("2-D diffusion", id="diff-2d", elem_id="tab-diff-2d"):
            _section_2d(fns)


def _forward_section(fns: DiffusionCallables) -> None:
    section_intro(FORWARD_INTRO)
    first = fns.diffusion_forward(fns.sources[0], 7, fns.photos[0], None, None, "linear", 1000, 250, 0)
    with gr.Row(equal_height=False):
        with controls(scale=3, min_width=300):
            source, digit, photo, upload, drawing = _forward_sources(fns)
        with gr.Column(scale=5, min_width=420):
            # t first, then its picture: the slider a presenter drags and what it changes, on the first screen
            t = gr.Slider(0, SETTINGS.forward_T_max - 1, 250, step=1, label=say.fixed("t"), elem_id="fwd-t")
            with gr.Row():
                x_t = gr.Image(
                    first[0],
                    type="pil",
                    format="png",
                    label="x_t",
                    interactive=False,
                    height=330,
                    elem_id="fwd-xt",
                    elem_classes=[FIGURE],
                )
                hist = gr.Plot(first[3], label=say.fixed("pixel_histogram"), elem_id="fwd-hist")
            caption = gr.Markdown(first[4], elem_id="fwd-caption")
            with gr.Row():
                schedule = gr.Radio(
                    list(fns.schedules), value="linear", label=say.fixed("schedule"), elem_id="fwd-schedule"
                )
                T = gr.Slider(10, SETTINGS.forward_T_max, 1000, step=10, label="T", elem_id="fwd-T")
            seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed_2"), elem_id="fwd-seed")
    gr.Markdown(say.fixed("x_t_evenly_spaced"))
    strip = gr.Image(first[1], type="pil", format="png", show_label=False, interactive=False, elem_id="fwd-strip")
    curves = gr.Plot(first[2], label=say.fixed("schedules"), elem_id="fwd-schedules")
    with gr.Row():
        check_btn = gr.Button(say.fixed("check_closed_form_vs"), elem_id="fwd-check-btn")
    check = gr.Markdown(elem_id="fwd-check")

    inputs = [source, digit, photo, upload, drawing, schedule, T, t, seed]
    _wire_forward(fns, inputs, [x_t, strip, curves, hist, caption], check_btn, check)


def _forward_sources(fns: DiffusionCallables):
    """Where x₀ comes from, and the one input each source reads. -> (source, digit, photo, upload, drawing)."""
    source = gr.Radio(list(fns.sources), value=fns.sources[0], label=say.fixed("x"), elem_id="fwd-source")
    digit = gr.Number(7, precision=0, minimum=0, maximum=499, label=say.fixed("test_digit_0_499"), elem_id="fwd-digit")
    photo = gr.Dropdown(
        list(fns.photos), value=fns.photos[0], label=say.fixed("photo"), visible=False, elem_id="fwd-photo"
    )
    # A file path: the handler opens it itself, so a non-image or a huge one gets our message
    # (checked from the header, before decoding) rather than a failure inside Gradio.
    upload = gr.Image(
        type="filepath",
        label=say.fixed("upload"),
        sources=["upload"],
        height=200,
        visible=False,
        elem_id="fwd-upload",
    )
    drawing = stroke_pad("drawing", "#000000", 18, 280, "fwd-drawing")
    drawing.visible = False
    return source, digit, photo, upload, drawing


def _wire_forward(fns: DiffusionCallables, inputs: list, outputs: list, check_btn, check) -> None:
    """Every input redraws q(x_t | x₀) at once; the check compares the closed form with t noising steps."""
    source, digit, photo, upload, drawing, schedule, T, t, seed = inputs
    gr.on(
        [digit.change, photo.change, upload.upload, drawing.change, schedule.change, T.change, t.change, seed.change],
        **checked(fns.diffusion_forward, inputs),
        outputs=outputs,
        api_name="diffusion_forward",
        show_progress="minimal",
        trigger_mode="always_last",  # dragging t: skip to the latest value
        **light("forward"),
    )
    source.change(
        **checked(
            when_given(
                fns.diffusion_forward, len(outputs), "Draw on the sketchpad (or upload a picture): x₀ becomes it."
            ),
            inputs,
        ),
        outputs=outputs,
        show_progress="minimal",
        **private("diffusion_forward_source"),
        **light("forward"),
    )
    check_btn.click(
        **checked(fns.diffusion_forward_check, inputs),
        outputs=[check],
        api_name="diffusion_forward_check",
        **light("forward"),
    )
    source.change(
        **checked(_source_widgets, [source]),
        outputs=[digit, photo, upload, drawing],
        **private("forward_source_widgets"),
    )
    T.release(**checked(_t_range, [T, t]), outputs=[t], **private("forward_t_range"))


def _t_range(T, t):
    """Keep the t slider inside 0..T-1 when T changes."""
    T = max(2, int(T))
    return gr.Slider(maximum=T - 1, value=min(int(t), T - 1))


def _source_widgets(source: str):
    """Show only the input the chosen source reads."""
    return tuple(gr.update(visible=source == s) for s in ("test digit", "photo", "upload", "drawing"))


def _reverse_section(fns: DiffusionCallables) -> None:
    section_intro(REVERSE_INTRO)
    state = gr.State(None)
    with gr.Row(equal_height=False):
        with controls(scale=2, min_width=260):
            sampler = gr.Radio(list(fns.samplers), value="DDIM", label=say.fixed("sampler"), elem_id="rev-sampler")
            steps = gr.Slider(
                1, SETTINGS.diffusion_steps_max, 50, step=1, label=say.fixed("steps"), elem_id="rev-steps"
            )
            eta = gr.Slider(0, 1, 0, step=0.05, label=say.fixed("ddim_0_deterministic"), elem_id="rev-eta")
            digit = gr.Dropdown(list(fns.classes), value="3", label=say.fixed("class"), elem_id="rev-class")
            guidance = gr.Slider(0, 10, 2, step=0.5, label=say.fixed("guidance_scale_w"), elem_id="rev-guidance")
            with gr.Row():
                n = gr.Slider(1, SETTINGS.diffusion_batch_max, 4, step=1, label=say.fixed("samples"), elem_id="rev-n")
                seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="rev-seed")
            clip = gr.Checkbox(False, label=say.fixed("clip_x_1_1"), elem_id="rev-clip")
            with action_row():
                run_btn = gr.Button(say.fixed("sample"), variant="primary", elem_id="rev-run")
                stop_btn = gr.Button(say.fixed("stop"), elem_id="rev-stop")
        with gr.Column(scale=6, min_width=480):
            status = gr.Markdown(say.fixed("press_sample"), elem_id="rev-status")
            with gr.Row():
                # Captions above, not Gradio's label overlay, which would hide the top row of samples.
                img_kw = dict(
                    type="pil", format="png", interactive=False, height=300, show_label=False, elem_classes=[FIGURE]
                )
                with gr.Column(min_width=160):
                    gr.Markdown(say.fixed("x_t_sample_now"))
                    x_t = gr.Image(elem_id="rev-xt", **img_kw)
                with gr.Column(min_width=160):
                    gr.Markdown(say.fixed("predicted_x_where_heading"))
                    x0 = gr.Image(elem_id="rev-x0", **img_kw)
                with gr.Column(min_width=160):
                    gr.Markdown(say.fixed("predicted_noise"))
                    eps = gr.Image(elem_id="rev-eps", **img_kw)
            scrubber = gr.Slider(
                0,
                1,
                0,
                step=1,
                label=say.fixed("replay_step"),
                info=say.fixed("steps_done_0_x"),
                interactive=False,
                elem_id="rev-scrubber",
            )
    gr.Markdown(say.fixed("film_strip_x_t"))
    strip = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id="rev-strip")
    gif = gr.File(label=say.fixed("animation_gif_x_t"), elem_id="rev-gif")

    limit = heavy()
    run = run_btn.click(
        **checked(fns.diffusion_reverse, [sampler, steps, eta, digit, guidance, seed, n, clip, state]),
        outputs=[x_t, x0, eps, status, strip, gif, scrubber, state],
        api_name="diffusion_reverse",
        **limit,
    )
    stop_button(stop_btn, run, status, "diffusion")
    sampler.change(
        **checked(_sampler_widgets, [sampler]), outputs=[eta, clip], **private("diffusion_eta"), show_progress="hidden"
    )
    digit.change(
        **checked(_class_widgets, [digit]), outputs=[guidance], **private("diffusion_guidance"), show_progress="hidden"
    )
    # input: dragging and typing a number (release alone misses a typed one); the caption goes to the status
    # line above the pictures, which the run writes too, so neither leaves the other's caption behind
    gr.on(
        [scrubber.input, scrubber.release],
        **checked(fns.diffusion_replay, [scrubber, state]),
        outputs=[x_t, x0, eps, status],
        **private("diffusion_replay"),
        show_progress="hidden",
        trigger_mode="always_last",
    )


def _sampler_widgets(sampler: str):
    """η is DDIM's alone (the other samplers ignore it), so it shows only for DDIM; the clip box says what
    it does for this sampler (DPM-Solver++ has no clip: the box turns on its thresholding at 1, which
    diffusers leaves off). -> (η update, clip update)."""
    if sampler == "DPM-Solver++":
        label = say("threshold_x_1_dpm")
    else:
        label = say("clip_x_1_1")
    return gr.update(visible=sampler == "DDIM"), gr.update(label=label)


def _class_widgets(digit: str):
    """Guidance mixes the class's prediction with the unconditional one; for the unconditional class they are
    the same, so w changes nothing and is hidden. -> the guidance slider's update."""
    return gr.update(visible=str(digit) != "unconditional")


def _compare_section(fns: DiffusionCallables) -> None:
    section_intro(
        "DDIM (Song et al. 2021) takes big deterministic steps along the same model; the claim is near-equal quality "
        "at 20x fewer steps. Both runs below start from **the same x_T**."
    )
    with controls(), gr.Row():  # the buttons in the knobs' row: on a projector the gallery has the room under it
        digit = gr.Dropdown(list(fns.classes), value="5", label=say.fixed("class"), elem_id="cmp-class")
        guidance = gr.Slider(0, 10, 2, step=0.5, label=say.fixed("guidance_scale_w"), elem_id="cmp-guidance")
        n = gr.Slider(1, SETTINGS.diffusion_compare_batch_max, 4, step=1, label=say.fixed("samples"), elem_id="cmp-n")
        seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="cmp-seed")
        clip = gr.Checkbox(False, label=say.fixed("clip_x"), elem_id="cmp-clip")
        with action_row():
            btn = gr.Button(say.fixed("run_ddpm_1000_ddim"), variant="primary", elem_id="cmp-run")
            stop = gr.Button(say.fixed("stop"), elem_id="cmp-stop")
            recorded = gr.Button(
                say.fixed("show_recorded_run"),
                elem_id="cmp-recorded",
                visible=fns.diffusion_compare_recorded is not None,
            )
    # the pictures first, what they measure under them: on a projector the gallery is on the first screen
    gallery = gr.Gallery(
        label=say.fixed("same_noise_two_samplers"), columns=2, height=360, elem_id="cmp-gallery", elem_classes=[FIGURE]
    )
    status = gr.Markdown(elem_id="cmp-status")
    run = btn.click(
        **checked(fns.diffusion_compare, [digit, guidance, seed, n, clip]),
        outputs=[gallery, status],
        api_name="diffusion_compare",
        **heavy(),
    )
    stop_button(stop, run, status, "diffusion_compare")
    if fns.diffusion_compare_recorded is not None:
        recorded.click(
            **checked(fns.diffusion_compare_recorded),
            outputs=[digit, guidance, seed, n, clip, gallery, status],
            api_name="diffusion_compare_recorded",
            **light("compare"),
        )
    digit.change(
        **checked(_class_widgets, [digit]),
        outputs=[guidance],
        **private("diffusion_compare_guidance"),
        show_progress="hidden",
    )


def _section_2d(fns: DiffusionCallables) -> None:
    section_intro(
        "The same process on 2-D points: the forward process dissolves the data into a Gaussian; a small network "
        "trained on that data runs it backwards from fresh noise. Each dot is one sample."
    )
    with controls(), gr.Row():
        dataset = gr.Radio(
            list(fns.datasets_2d), value=fns.datasets_2d[0], label=say.fixed("data"), elem_id="d2-dataset"
        )
        seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id="d2-seed")
        with action_row():
            btn = gr.Button(say.fixed("animate"), variant="primary", elem_id="d2-run")
    with gr.Row():
        with gr.Column():
            gr.Markdown(say.fixed("forward_then_reverse_animated"))
            gif = gr.Image(
                type="filepath",
                show_label=False,
                interactive=False,
                height=360,
                elem_id="d2-gif",
                elem_classes=[FIGURE],
            )
        paths = gr.Plot(label=say.fixed("trajectories"), elem_id="d2-paths", elem_classes=[FIGURE])
    status = gr.Markdown(elem_id="d2-status")
    btn.click(
        **checked(fns.diffusion_2d, [dataset, seed]), outputs=[gif, paths, status], api_name="diffusion_2d", **heavy()
    )
