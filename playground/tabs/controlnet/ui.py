"""The "ControlNet" tab (edges and pose). It wires widgets to the callables it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from playground import presenter
from playground.events import checked
from playground.presenter import FIGURE, action_row, intro_panel
from playground.settings import SETTINGS
from playground.tabs.controlnet.texts import say
from playground.widgets import heavy, private, stop_button, stroke_pad, when_given


@dataclass(frozen=True)
class ControlNetCallables:
    edge_sources: tuple[str, ...]
    photos: tuple[str, ...]
    preprocessors: tuple[str, ...]
    edge_classes: tuple[str, ...]
    pose_sources: tuple[str, ...]
    pose_classes: tuple[str, ...]
    presets: tuple[str, ...]
    angles: tuple[str, ...]
    limits: dict[str, tuple[float, float]]
    controlnet_edge: Callable
    controlnet_edge_preview: Callable
    controlnet_edge_page_preview: Callable
    controlnet_pose: Callable
    controlnet_pose_preview: Callable
    preset_angles: Callable
    read_keypoint_file: Callable


INTRO = """
A **ControlNet** is a trainable copy of the diffusion model's encoder that reads an extra picture — an edge map or
a pose skeleton — and adds what it computes to the frozen model's skip connections through convolutions that start
at zero (Zhang et al. 2023). The **conditioning scale** multiplies those additions: 0 is the base model alone, 1 is
how it was trained. **Guidance start/end** is the part of the run (0 = pure noise, 1 = clean) in which it acts.
The strip under each gallery runs the same seed at scales 0 to 2, with each output's fidelity to the control.
"""


def plain_run(prefix: str, end: float = 1) -> str:
    """The run settings a tour step assumes: w = 2, scale 1, control from the start to ``end``, DDIM-25, seed 0."""
    p = f"&{prefix}-"
    return f"{p}guidance=2{p}scale=1{p}start=0{p}end={end:g}{p}steps=25{p}seed=0"


TOUR = say.en("guided_tour_1_edges")  # the tour, written once in texts.py (English and Chinese side by side)


def _controls(prefix: str, classes: tuple[str, ...], default_class: str) -> list:
    with gr.Row():
        class_name = gr.Dropdown(
            list(classes), value=default_class, label=say.fixed("class"), elem_id=f"{prefix}-class"
        )
        guidance = gr.Slider(0, 8, 2, step=0.5, label=say.fixed("guidance_scale_w"), elem_id=f"{prefix}-guidance")
        scale = gr.Slider(
            0, SETTINGS.control_scale_max, 1, step=0.1, label=say.fixed("conditioning_scale"), elem_id=f"{prefix}-scale"
        )
    with gr.Row():
        start = gr.Slider(0, 1, 0, step=0.05, label=say.fixed("guidance_start"), elem_id=f"{prefix}-start")
        end = gr.Slider(0, 1, 1, step=0.05, label=say.fixed("guidance_end"), elem_id=f"{prefix}-end")
        steps = gr.Slider(
            5, SETTINGS.control_steps_max, 25, step=1, label=say.fixed("ddim_steps"), elem_id=f"{prefix}-steps"
        )
        seed = gr.Number(0, precision=0, minimum=0, label=say.fixed("seed"), elem_id=f"{prefix}-seed")
    return [class_name, guidance, scale, start, end, steps, seed]


def _outputs(prefix: str):
    # PNG, not Gradio's lossy WebP: the control map's 1-pixel edges stay crisp blocks; no label laid over the
    # control map's top rows (the captions say what each picture is)
    gallery = gr.Gallery(
        label=say.fixed("control_map_then_outputs"),
        show_label=False,
        columns=5,
        height=300,
        object_fit="contain",
        format="png",
        elem_id=f"{prefix}-gallery",
        elem_classes=[FIGURE],
    )
    strip = gr.Image(type="pil", format="png", show_label=False, interactive=False, elem_id=f"{prefix}-strip")
    status = gr.Markdown(elem_id=f"{prefix}-status")
    return gallery, strip, status


# Beside the photo choice (shown while a photo or an upload is the source): why its outputs are figures.
PHOTO_WHY = (
    "**Why a photo becomes a figure**: at 32×32 a photo keeps only its largest outlines (the map above), and this "
    "ControlNet learned from the edges of digits and figures alone, so what it draws along them is one of those."
)


def build_edge_tab(fns: ControlNetCallables, demo: gr.Blocks | None = None) -> None:
    first = fns.edge_sources[0]  # what the model follows best leads (handlers.EDGE_SOURCES), the photo last
    with gr.Row(equal_height=False):
        with presenter.controls(scale=2, min_width=260):
            # what the ControlNet is given, large and first (beside the gallery on a projector's first screen;
            # a photo beside its map), titled in the picture itself; why a photo becomes a figure under it
            first_map = fns.controlnet_edge_preview(first, 0, fns.photos[0], None, None, fns.preprocessors[0], 0.1, 0.2)
            preview = gr.Image(
                first_map,
                type="pil",
                format="png",
                label=say.fixed("control_map"),
                show_label=False,
                interactive=False,
                buttons=[],
                elem_id="ce-preview",
            )
            photo_why = gr.Markdown(PHOTO_WHY, visible=first in ("photo", "upload"), elem_id="ce-photo-why")
            source, digit, photo, upload, drawing = _edge_sources(fns, first)
            preprocessor = gr.Radio(
                list(fns.preprocessors), value=fns.preprocessors[0], label=say.fixed("preprocessor"), elem_id="ce-pre"
            )
            with gr.Row():
                low = gr.Slider(0, 1, 0.1, step=0.01, label=say.fixed("canny_low"), elem_id="ce-low")
                high = gr.Slider(0, 1, 0.2, step=0.01, label=say.fixed("canny_high"), elem_id="ce-high")
        with gr.Column(scale=4, min_width=420):
            # the button and what it makes first (on a projector's first screen), the sampling knobs under them
            with action_row():
                run = gr.Button(say.fixed("generate_edges"), variant="primary", elem_id="ce-run")
                stop = gr.Button(say.fixed("stop"), elem_id="ce-stop")
            gallery, strip, status = _outputs("ce")
            controls = _controls("ce", fns.edge_classes, "figure")
    map_inputs = [source, digit, photo, upload, drawing, preprocessor, low, high]
    _wire_edge_preview(fns, map_inputs, preview, photo_why, demo)
    # streams x̂₀ and the steps done; Stop (or closing the page) cancels it and frees its heavy slot
    event = run.click(
        **checked(fns.controlnet_edge, [*map_inputs, *controls]),
        outputs=[gallery, strip, status],
        api_name="controlnet_edge",
        **heavy(),
    )
    stop_button(stop, event, status, "controlnet_edge")


def _edge_sources(fns: ControlNetCallables, first: str):
    """Where the edges come from, and the one input each source reads (``first`` shown).
    -> (source, digit, photo, upload, drawing)."""
    source = gr.Radio(list(fns.edge_sources), value=first, label=say.fixed("edges_2"), elem_id="ce-source")
    digit = gr.Number(
        0,
        precision=0,
        minimum=0,
        maximum=499,
        label=say.fixed("test_digit_0_499"),
        visible=first == "test digit",
        elem_id="ce-digit",
    )
    photo = gr.Dropdown(
        list(fns.photos),
        value=fns.photos[0],
        label=say.fixed("photo_2"),
        visible=first == "photo",
        elem_id="ce-photo",
    )
    upload = gr.Image(
        type="filepath",
        label=say.fixed("upload"),
        sources=["upload"],
        height=200,
        visible=first == "upload",
        elem_id="ce-upload",
    )
    # drawn dark on the white pad, so a visitor sees the strokes (white ink there was invisible: issue 36);
    # the strokes become the white-on-black edge map the preview shows
    drawing = stroke_pad("draw the edges", "#000000", 14, 280, "ce-drawing")
    drawing.visible = first == "drawing"
    return source, digit, photo, upload, drawing


def _wire_edge_preview(fns: ControlNetCallables, map_inputs: list, preview, photo_why, demo) -> None:
    """The control map follows every input it is made from, and the source shows only the input it reads."""
    source, digit, photo, upload, drawing, preprocessor, low, high = map_inputs
    for event in (
        digit.change,  # a link sets it without a submit (issue 36: the preview stayed on digit #0)
        photo.change,
        upload.upload,
        drawing.change,
        preprocessor.change,
        low.release,
        high.release,
    ):
        event(
            **checked(fns.controlnet_edge_preview, map_inputs),
            outputs=[preview],
            **private("controlnet_edge_preview"),
            show_progress="hidden",
        )
    source.change(
        **checked(
            when_given(
                fns.controlnet_edge_preview, 1, "Draw on the sketchpad (or upload a picture): its edges show here."
            ),
            map_inputs,
        ),
        outputs=[preview],
        **private("controlnet_edge_preview_source"),
        show_progress="hidden",
    )
    source.change(
        **checked(
            lambda s: (
                *(gr.update(visible=s == name) for name in ("test digit", "photo", "upload", "drawing")),
                gr.update(visible=s in ("photo", "upload")),
            ),
            [source],
        ),
        outputs=[digit, photo, upload, drawing, photo_why],
        **private("controlnet_edge_source"),
    )
    if demo is not None:  # the preview's titles are drawn in it: built in English, redrawn for a Chinese page
        demo.load(
            **checked(fns.controlnet_edge_page_preview, map_inputs),
            outputs=[preview],
            **private("controlnet_edge_page_preview"),
            show_progress="hidden",
        )


def build_pose_tab(fns: ControlNetCallables) -> None:
    with gr.Row(equal_height=False):
        with presenter.controls(scale=2, min_width=260):
            pose_source = gr.Radio(
                list(fns.pose_sources), value="angles", label=say.fixed("pose_2"), elem_id="cp-source"
            )
            preset = gr.Dropdown(
                [*fns.presets, "custom"], value="waving", label=say.fixed("preset"), elem_id="cp-preset"
            )
            sliders, first = [], fns.preset_angles("waving")
            with gr.Accordion("joint angles (degrees; 0 = limb hanging straight down)", open=False):
                for name, value in zip(fns.angles, first, strict=True):
                    lo, hi = fns.limits[name]
                    sliders.append(gr.Slider(lo, hi, value, step=1, label=name.replace("_", " "), elem_id=f"cp-{name}"))
            keypoints = gr.Textbox(
                label=say.fixed("keypoints_openpose_json_canvas"), lines=3, max_lines=6, elem_id="cp-json"
            )
            with gr.Row():
                json_in = gr.File(
                    label=say.fixed("upload_keypoints"), file_types=[".json"], height=130, elem_id="cp-json-in"
                )
                json_out = gr.File(
                    label=say.fixed("download_keypoints"), interactive=False, height=130, elem_id="cp-json-out"
                )
            preview = gr.Image(
                fns.controlnet_pose_preview("angles", "waving", "", *first),
                type="pil",
                label=say.fixed("skeleton"),
                interactive=False,
                height=220,
                elem_id="cp-preview",
            )
        with gr.Column(scale=4, min_width=420):  # as the edges' columns: side by side at 1024 px in lecture mode
            with action_row():
                run = gr.Button(say.fixed("generate_pose"), variant="primary", elem_id="cp-run")
                stop = gr.Button(say.fixed("stop"), elem_id="cp-stop")
            gallery, strip, status = _outputs("cp")
            controls = _controls("cp", fns.pose_classes, "figure")
    pose_inputs = [pose_source, preset, keypoints]
    preset.change(**checked(fns.preset_angles, [preset]), outputs=sliders, **private("controlnet_preset_angles")).then(
        **checked(fns.controlnet_pose_preview, [*pose_inputs, *sliders]),
        outputs=[preview],
        **private("controlnet_pose_preview_p"),
    )
    for s in sliders:
        s.release(
            **checked(fns.controlnet_pose_preview, [*pose_inputs, *sliders]),
            outputs=[preview],
            **private("controlnet_pose_preview"),
            show_progress="hidden",
        )
        s.release(
            **checked(lambda: "custom"), outputs=[preset], **private("controlnet_pose_custom"), show_progress="hidden"
        )
    pose_source.change(
        **checked(
            when_given(
                fns.controlnet_pose_preview, 1, "Paste or upload OpenPose keypoint JSON: its skeleton shows here."
            ),
            [*pose_inputs, *sliders],
        ),
        outputs=[preview],
        **private("controlnet_pose_preview_s"),
    )
    json_in.upload(
        **checked(fns.read_keypoint_file, [json_in]), outputs=[keypoints], **private("controlnet_read_keypoints")
    ).then(**checked(lambda: "keypoint JSON"), outputs=[pose_source], **private("controlnet_pose_use_json"))
    event = run.click(
        **checked(fns.controlnet_pose, [*pose_inputs, *controls, *sliders]),
        outputs=[gallery, strip, keypoints, json_out, status],
        api_name="controlnet_pose",
        **heavy(),
    )
    stop_button(stop, event, status, "controlnet_pose")


def build_controlnet_tab(fns: ControlNetCallables, demo: gr.Blocks | None = None) -> None:
    with intro_panel():
        gr.Markdown(INTRO, elem_id="controlnet-intro")
        gr.Markdown(TOUR, elem_id="controlnet-tour")
    with gr.Tabs():
        with gr.Tab("Edges", id="controlnet-edges", elem_id="tab-controlnet-edges"):
            build_edge_tab(fns, demo)
        with gr.Tab("Pose", id="controlnet-pose", elem_id="tab-controlnet-pose"):
            build_pose_tab(fns)
