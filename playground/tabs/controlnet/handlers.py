"""Handlers of the ControlNet tab: edges (from a drawing, an upload, a test digit or a photo) and
pose (from joint angles or OpenPose JSON), each with a strip over the conditioning scale and the
fidelity of every output."""

from __future__ import annotations

import dataclasses
import json
import re
import time

import gradio as gr
import numpy as np
import torch
import torch.nn.functional as F

from models.core.data import PHOTO_NAMES, digit_split, photo
from models.core.registry import default_registry
from models.diffusion.control.control_sampling import (
    ControlRequest,
    as_images,
    controlled_progressive,
    edge_fidelity,
    pose_fidelity,
)
from models.diffusion.control.controls import canny_map
from models.diffusion.control.figures import (
    KEYPOINTS,
    LIMITS,
    PRESETS,
    Pose,
    check_pose,
    fit_to_canvas,
    from_openpose_json,
    keypoints,
    render_keypoints,
    skeleton_image,
    to_openpose_json,
)
from playground import validate
from playground.files import generated_file
from playground.i18n import speaks_chinese, tr
from playground.inputs import NotGivenYet, drawing_to_digit, picture_to_grey, square
from playground.progress import Progress
from playground.settings import SETTINGS
from playground.tabs.controlnet.texts import say
from playground.tabs.controlnet.view import (
    PAIR,
    control_preview,
    fidelity_strip,
    map_preview,
    picture_beside_map,
    skeleton_preview,
)

BASE, EDGE_NET, POSE_NET = "diffusion_figures", "controlnet_edge", "controlnet_pose"
SIZE = 32
# Led by what the 32 x 32 model follows (its own kind of strokes), the photo last: the first is the default.
EDGE_SOURCES = ("test digit", "drawing", "upload", "photo")
FOLLOWED = ("test digit", "drawing")  # digit-like strokes: the outputs sit on them and look like them
PICTURES = ("photo", "upload")  # a picture of its own, shown beside its 32 x 32 map
# The photo offered first: a cup, whose rings at 32 x 32 plainly are no figure, drawn as a figure all the same.
PHOTOS = ("coffee", *(name for name in PHOTO_NAMES if name != "coffee"))
PREPROCESSORS = ("Canny", "none (my own edge map)")
EDGE_CLASSES = (*[str(d) for d in range(10)], "figure", "unconditional")
POSE_CLASSES = ("figure", "unconditional")
POSE_SOURCES = ("angles", "keypoint JSON")
ANGLES = tuple(f.name for f in dataclasses.fields(Pose))
STRIP_SCALES = (0.0, 0.5, 1.0, 1.5, 2.0)
N_TEST = 500
MIN_EDGE_PIXELS = 8  # fewer edge pixels than this on 32 x 32 is a blank map, not a control


def _label(name: str, base) -> int:
    if name == "unconditional":
        return base.null_class
    return 10 if name == "figure" else int(name)


def _common(guidance, scale, start, end, steps, seed) -> dict:
    guidance = validate.number(guidance, 0, SETTINGS.diffusion_guidance_max, "guidance scale")
    scale = validate.number(scale, 0, SETTINGS.control_scale_max, "conditioning scale")
    start = validate.number(start, 0, 1, "guidance start")
    end = validate.number(end, 0, 1, "guidance end")
    if start > end:
        raise gr.Error(say("guidance_start_start_g", start=start, end=end))
    steps = validate.number(steps, 1, SETTINGS.control_steps_max, "steps", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    return dict(guidance=guidance, scale=scale, start=start, end=end, steps=steps, seed=seed)


def _generate(net_name: str, control: torch.Tensor, label: int, p: dict, first: tuple, update_outputs):
    """The outputs at the chosen scale (one per seed) and the strip over ``STRIP_SCALES`` (first seed), in one
    batch, streamed: yields ``update_outputs(gallery, status)`` (the handler's outputs) while it samples — ``first``
    (the control map and its caption), then each output's x̂₀ so far, and the steps done with the time left —
    at most twice a second; returns (outputs (n, 32, 32), strip (5, 32, 32), seconds)."""
    reg = default_registry()
    base, net = reg.load(BASE), reg.load(net_name)
    n = SETTINGS.control_outputs
    seeds = tuple(p["seed"] + i for i in range(n)) + (p["seed"],) * len(STRIP_SCALES)
    scales = (p["scale"],) * n + STRIP_SCALES
    req = ControlRequest(
        control.to(torch.float32), label, scales, seeds, p["guidance"], p["start"], p["end"], p["steps"]
    )
    progress = Progress(req.steps)

    def update(rec):
        x0 = as_images(rec.x0_hat[:n]).numpy()
        gallery = [first] + [(control_preview(o), say("x_step_i", i=rec.index + 1)) for o in x0]
        return update_outputs(gallery, progress.status(say("sampling_n_images", n=len(scales))))

    rec = yield from progress.follow(controlled_progressive(base, net, req, record=True), update)
    x = as_images(rec.x_prev).numpy()
    return x[:n], x[n:], time.perf_counter() - progress.t0


# --- edges -----------------------------------------------------------------------------------


def edge_source(source, digit_index, photo_name, upload, drawing, side: int = SIZE) -> np.ndarray:
    """The chosen picture at the model's size: (32, 32) grey in [0, 1]; a photo or an upload at ``side`` px
    if asked (the same square, to show beside its map)."""
    validate.choice(source, EDGE_SOURCES, "source")
    if source == "test digit":
        i = validate.number(digit_index, 0, N_TEST - 1, "test digit index", integer=True)
        return F.pad(digit_split().x_test[i, 0], (2, 2, 2, 2)).numpy()
    if source == "drawing":
        return np.pad(drawing_to_digit(drawing), 2)
    if source == "photo":
        validate.choice(photo_name, PHOTO_NAMES, "photo")
        return square(photo(photo_name), side)
    return picture_to_grey(upload, side)


def edge_map(picture: np.ndarray, preprocessor, low, high) -> np.ndarray:
    """Canny of the picture, or the picture itself as the map. -> (32, 32) bool; refuses blank maps."""
    validate.choice(preprocessor, PREPROCESSORS, "preprocessor")
    if preprocessor == "Canny":
        low = validate.number(low, 0, 1, "Canny low threshold")
        high = validate.number(high, 0, 1, "Canny high threshold")
        if low >= high:
            raise gr.Error(say("canny_low_threshold_low", low=low, high=high))
        edges = canny_map(picture, low, high)
    else:
        edges = picture > 0.5
    if edges.sum() < MIN_EDGE_PIXELS:
        hint = say("lower_canny_thresholds_pick") if preprocessor == "Canny" else say("draw_upload_map_white")
        raise gr.Error(say("control_map_blank_n", n=int(edges.sum()), hint=hint))
    return edges


def controlnet_edge_preview(source, digit_index, photo_name, upload, drawing, preprocessor, low, high):
    """The control map (UI-only, cheap): what the ControlNet will be given, enlarged without blur; for a photo
    or an upload, the picture itself beside it at the same size — what the picture was against what the model
    gets."""
    edges = edge_map(edge_source(source, digit_index, photo_name, upload, drawing), preprocessor, low, high)
    edges = edges.astype(np.float32)
    canny = preprocessor == "Canny"
    if source not in PICTURES:
        return map_preview(edges, say("control_map_canny_32") if canny else say("control_map_yours_32"))
    picture = edge_source(source, digit_index, photo_name, upload, drawing, side=PAIR)
    titles = (
        say("photo") if source == "photo" else say("your_picture"),
        say("edges_32_32") if canny else say("map_32_32"),
    )
    return picture_beside_map(picture, edges, titles)


def controlnet_edge_page_preview(*map_inputs):
    """On page load (UI-only): the preview redrawn for a Chinese page (its titles are drawn in the picture, which
    the page was built with in English); an English page, or a source still empty, keeps what it shows."""
    if not speaks_chinese():
        return gr.skip()
    try:
        return controlnet_edge_preview(*map_inputs)
    except NotGivenYet:
        return gr.skip()


def controlnet_edge(
    source,
    digit_index,
    photo_name,
    upload,
    drawing,
    preprocessor,
    low,
    high,
    class_name,
    guidance,
    scale,
    start,
    end,
    steps,
    seed,
):
    """API /controlnet_edge (streaming: x̂₀ and the steps done while it samples): digits or figures drawn
    along an edge map.

    -> (gallery [(image, caption)]: the control map, then one output per seed with its edge F1;
    strip over conditioning scale 0-2 from the first seed with F1 under each; status Markdown).
    """
    picture = edge_source(source, digit_index, photo_name, upload, drawing)
    edges = edge_map(picture, preprocessor, low, high)
    validate.choice(class_name, EDGE_CLASSES, "class")
    p = _common(guidance, scale, start, end, steps, seed)
    label = _label(class_name, default_registry().load(BASE))
    control = torch.from_numpy(edges.astype(np.float32))[None]
    gallery = [
        (
            control_preview(edges.astype(np.float32)),
            say("control_map_canny") if preprocessor == "Canny" else say("control_map_yours"),
        )
    ]
    outs, strip, secs = yield from _generate(
        EDGE_NET, control, label, p, gallery[0], lambda shown, status: (shown, gr.skip(), status)
    )
    f1 = [edge_fidelity(o, edges) for o in outs]
    strip_f1 = [edge_fidelity(o, edges) for o in strip]
    gallery += [
        (control_preview(o), say("f1_f1_2f_seed", f1=f, seed=p["seed"] + i))
        for i, (o, f) in enumerate(zip(outs, f1, strict=True))
    ]
    status = say(
        "class_name_guidance_w",
        name=tr(class_name),
        w=p["guidance"],
        scale=p["scale"],
        start=p["start"],
        end=p["end"],
        steps=p["steps"],
        n=len(outs) + len(strip),
        seconds=secs,
        f1=np.mean(f1),
        base=strip_f1[0],
    )
    if source in PICTURES:  # why a photo becomes a figure is said once, by the photo choice (ui.PHOTO_WHY)
        status += " " + say("high_f1_means_strokes")
    yield gallery, fidelity_strip(strip, STRIP_SCALES, strip_f1, say("edge_f1")), status


# --- pose ------------------------------------------------------------------------------------


def pose_from_angles(preset, angles) -> Pose:
    if preset not in (*PRESETS, "custom"):
        raise gr.Error(
            tr(
                "{what} must be one of: {choices} (got {value!r}).",
                what=say("preset"),
                choices=", ".join((*PRESETS, "custom")),
                value=preset,
            )
        )
    if len(angles) != len(ANGLES):
        raise gr.Error(say("give_n_joint_angles", n=len(ANGLES), names=", ".join(ANGLES)))
    values = {n: validate.number(v, *LIMITS[n], f"{n} angle") for n, v in zip(ANGLES, angles, strict=True)}
    return check_pose(Pose(**values))


# What ``models.diffusion.control.figures.from_openpose_json`` says is wrong (English, from the models package) ->
# the same in the visitor's language. English visitors read the models' own sentence unchanged.
KEYPOINT_PROBLEMS = (
    (
        r"not valid JSON.*line (?P<line>\d+) column (?P<column>\d+)",
        lambda m: say("keypoints_are_not_valid", **m.groupdict()),
    ),
    (r"not valid JSON", lambda m: say("keypoints_are_not_valid_2")),
    (r"with one person$", lambda m: say("expected_one_person_people")),
    (r"needs at least (?P<n>\d+) numbers", lambda m: say("pose_keypoints_2d_needs", **m.groupdict())),
    (r"numbers only", lambda m: say("pose_keypoints_2d_must")),
    (r"^canvas_width must be", lambda m: say("canvas_width_must_number", lo=8, hi=4096)),
    (r"finite numbers", lambda m: say("pose_keypoints_2d_must_2")),
)


def _keypoint_problem(e: ValueError) -> str:
    text = str(e)
    if speaks_chinese():
        for pattern, say in KEYPOINT_PROBLEMS:
            if m := re.search(pattern, text):
                return say(m)
    return text


def pose_keypoints(pose_source, preset, angles, keypoints_json) -> np.ndarray:
    """The pose as 14 keypoints in pixels of the 32 x 32 canvas: from joint angles (the figure
    fitted to the canvas) or from OpenPose JSON (rescaled from its canvas)."""
    validate.choice(pose_source, POSE_SOURCES, "pose from")
    if pose_source == "angles":
        return fit_to_canvas(keypoints(pose_from_angles(preset, angles)), SIZE)[0]
    if not isinstance(keypoints_json, str) or not keypoints_json.strip():
        raise NotGivenYet(say("paste_upload_keypoints_openpose"))
    if len(keypoints_json) > SETTINGS.control_json_max:
        raise gr.Error(say("keypoint_json_n_characters", n=len(keypoints_json), limit=SETTINGS.control_json_max))
    try:
        points, canvas = from_openpose_json(keypoints_json)
    except ValueError as e:
        raise gr.Error(say("could_not_read_keypoints", why=_keypoint_problem(e))) from None
    outside = [KEYPOINTS[i] for i, (x, y) in enumerate(points) if not (0 <= x <= canvas and 0 <= y <= canvas)]
    if outside:
        raise gr.Error(say("these_keypoints_lie_outside", canvas=canvas, names=", ".join(outside)))
    points = points * SIZE / canvas
    if np.linalg.norm(points[1] - (points[8] + points[11]) / 2) < 3:
        raise gr.Error(say("torso_neck_middle_hips"))
    return points


def controlnet_pose_preview(pose_source, preset, keypoints_json, *angles):
    """The skeleton alone (UI-only, cheap), large and OpenPose-coloured."""
    return skeleton_preview(pose_keypoints(pose_source, preset, list(angles), keypoints_json), SIZE)


def preset_angles(preset) -> list[float]:
    """Joint angles of a preset, for the sliders (UI-only)."""
    if preset == "custom":
        return [gr.update() for _ in ANGLES]
    validate.choice(preset, tuple(PRESETS), "preset")
    return [getattr(PRESETS[preset], n) for n in ANGLES]


def _json_file(text: str) -> str:
    path = generated_file("keypoints.json")
    path.write_text(json.dumps(json.loads(text), indent=1))
    return str(path)


_P = Pose()  # the named angles' defaults: a figure standing, arms a little out


def controlnet_pose(
    pose_source="angles",
    preset="custom",
    keypoints_json="",
    class_name="figure",
    guidance=2.0,
    scale=1.0,
    start=0.0,
    end=1.0,
    steps=25,
    seed=0,
    torso=_P.torso,
    head=_P.head,
    r_shoulder=_P.r_shoulder,
    r_elbow=_P.r_elbow,
    l_shoulder=_P.l_shoulder,
    l_elbow=_P.l_elbow,
    r_hip=_P.r_hip,
    r_knee=_P.r_knee,
    l_hip=_P.l_hip,
    l_knee=_P.l_knee,
):
    """API /controlnet_pose (streaming, as /controlnet_edge): a figure in the given pose. The pose comes from
    the ten joint angles, named
    (``pose_source`` "angles"; degrees, within human limits) or OpenPose JSON ("keypoint JSON").

    -> (gallery: the skeleton, then one output per seed with its silhouette IoU against the figure
    the pose renders to; strip over conditioning scale with IoU; the keypoints as OpenPose JSON text;
    the same as a .json file; status Markdown).
    """
    angles = [torso, head, r_shoulder, r_elbow, l_shoulder, l_elbow, r_hip, r_knee, l_hip, l_knee]  # ANGLES' order
    points = pose_keypoints(pose_source, preset, angles, keypoints_json)
    validate.choice(class_name, POSE_CLASSES, "class")
    p = _common(guidance, scale, start, end, steps, seed)
    label = _label(class_name, default_registry().load(BASE))
    control = torch.from_numpy(skeleton_image(points, SIZE, line_width=1).transpose(2, 0, 1) / 255.0)
    silhouette = render_keypoints(points, SIZE)
    gallery = [(skeleton_preview(points, SIZE), say("pose_skeleton_control"))]
    outs, strip, secs = yield from _generate(
        POSE_NET, control, label, p, gallery[0], lambda shown, status: (shown, *[gr.skip()] * 3, status)
    )
    iou = [pose_fidelity(o, silhouette) for o in outs]
    strip_iou = [pose_fidelity(o, silhouette) for o in strip]
    gallery += [
        (control_preview(o), say("iou_iou_2f_seed", iou=v, seed=p["seed"] + i))
        for i, (o, v) in enumerate(zip(outs, iou, strict=True))
    ]
    text = to_openpose_json(points, SIZE)
    status = say(
        "class_name_guidance_w_2",
        name=tr(class_name),
        w=p["guidance"],
        scale=p["scale"],
        start=p["start"],
        end=p["end"],
        steps=p["steps"],
        n=len(outs) + len(strip),
        seconds=secs,
        iou=np.mean(iou),
        base=strip_iou[0],
    )
    yield gallery, fidelity_strip(strip, STRIP_SCALES, strip_iou, "IoU"), text, _json_file(text), status


def read_keypoint_file(path) -> str:
    """An uploaded .json file -> its text for the keypoint box (UI-only)."""
    if not path:
        return gr.update()
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read(SETTINGS.control_json_max + 1)
    except (OSError, UnicodeDecodeError):
        raise gr.Error(say("file_not_text_json")) from None
    if len(text) > SETTINGS.control_json_max:
        raise gr.Error(say("file_over_n_characters", n=SETTINGS.control_json_max))
    return text
