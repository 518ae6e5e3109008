"""ControlNet handlers called directly on the shipped models: what each returns, the JSON round
trip, and a clear message for every bad input."""

import json

import gradio as gr
import numpy as np
import pytest
from PIL import Image

from models.diffusion.control.figures import PRESETS
from playground import progress
from playground.tabs.controlnet import handlers as cn
from playground.tabs.controlnet import view
from tests.fixtures import by_elem_id, tab_demo

ANGLES = [getattr(PRESETS["waving"], n) for n in cn.ANGLES]


def edge(**over):
    args = dict(
        source="test digit",
        digit_index=3,
        photo_name="camera",
        upload=None,
        drawing=None,
        preprocessor="Canny",
        low=0.1,
        high=0.2,
        class_name="figure",
        guidance=2.0,
        scale=1.0,
        start=0.0,
        end=1.0,
        steps=4,
        seed=0,
    )
    return list(cn.controlnet_edge(*{**args, **over}.values()))[-1]  # streamed: the last update is the result


def pose(angles=ANGLES, **over):
    args = dict(
        pose_source="angles",
        preset="waving",
        keypoints_json="",
        class_name="figure",
        guidance=2.0,
        scale=1.0,
        start=0.0,
        end=1.0,
        steps=4,
        seed=0,
    )
    return list(cn.controlnet_pose(*{**args, **over}.values(), *angles))[-1]


def test_edge_gallery_leads_with_the_control_map_and_prints_fidelity():
    gallery, strip, status = edge()
    assert len(gallery) == 1 + cn.SETTINGS.control_outputs
    assert gallery[0][1].startswith("control map") and all(c.startswith("F1 ") for _, c in gallery[1:])
    assert strip.width >= len(cn.STRIP_SCALES) * 128  # five 128-px outputs side by side
    assert "images in" in status and "edge F1" in status


def test_edge_sources_and_own_map():
    for source in ("photo", "test digit"):
        assert cn.edge_source(source, 0, "camera", None, None).shape == (32, 32)
    square = np.zeros((32, 32), np.float32)
    square[8:24, 8:24] = 1
    own = cn.edge_map(square, "none (my own edge map)", 0.1, 0.2)
    np.testing.assert_array_equal(own, square > 0.5)
    canny = cn.edge_map(square, "Canny", 0.1, 0.2)
    assert canny[8:24, 8].any() and not canny[14:18, 14:18].any()  # the outline, not the inside


def test_drawing_stroke_alpha_becomes_the_map():
    layer = np.zeros((280, 280, 4), np.uint8)
    layer[60:220, 130:150] = (255, 255, 255, 255)  # a vertical bar drawn in white
    composite = np.full((280, 280, 4), 255, np.uint8)  # a white canvas: its colour must not count as ink
    picture = cn.edge_source("drawing", 0, "camera", None, {"layers": [layer], "composite": composite})
    assert picture.shape == (32, 32) and picture.max() > 0.5 and picture[:, :8].max() < 0.1


def test_edge_bad_inputs_get_clear_messages(tmp_path):
    with pytest.raises(gr.Error, match="empty"):
        edge(source="drawing", drawing={"layers": [np.zeros((280, 280, 4), np.uint8)], "composite": None})
    black = tmp_path / "black.png"
    Image.new("L", (64, 64), 0).save(black)
    with pytest.raises(gr.Error, match="blank"):
        edge(source="upload", upload=str(black))
    huge = np.zeros((5000, 5000), np.uint8)
    with pytest.raises(gr.Error, match="limit is"):
        edge(source="upload", upload=huge)
    with pytest.raises(gr.Error, match="below the high"):
        edge(low=0.5, high=0.2)
    with pytest.raises(gr.Error, match="start"):
        edge(start=0.8, end=0.2)
    with pytest.raises(gr.Error, match="between 0 and 2"):
        edge(scale=5)
    with pytest.raises(gr.Error, match="steps"):
        edge(steps=10_000)


def test_pose_outputs_and_json_round_trip():
    gallery, strip, text, path, status = pose()
    assert "skeleton" in gallery[0][1] and all(c.startswith("IoU ") for _, c in gallery[1:])
    assert json.loads(open(path).read()) == json.loads(text)
    again = pose(pose_source="keypoint JSON", keypoints_json=text, angles=[0] * len(ANGLES))
    # the JSON keeps 3 decimals, so a few anti-aliased pixels may differ by rounding
    for i, tolerance in ((0, 0.5), (1, 3.0)):  # the skeleton, then the first output (grey levels of 255)
        diff = np.abs(np.asarray(again[0][i][0], float) - np.asarray(gallery[i][0], float))
        assert diff.mean() < tolerance, i
    assert "IoU" in status


def test_openpose_json_from_a_bigger_canvas_is_rescaled():
    points = cn.pose_keypoints("angles", "t-pose", [getattr(PRESETS["t-pose"], n) for n in cn.ANGLES], "")
    big = {
        "canvas_width": 512,
        "canvas_height": 512,
        "people": [{"pose_keypoints_2d": [v for x, y in points * 16 for v in (x, y, 1.0)]}],
    }
    np.testing.assert_allclose(cn.pose_keypoints("keypoint JSON", "custom", [], json.dumps(big)), points, atol=1e-2)


def test_presets_fill_the_sliders_and_custom_keeps_them():
    assert cn.preset_angles("sitting") == [getattr(PRESETS["sitting"], n) for n in cn.ANGLES]
    assert all(isinstance(u, dict) for u in cn.preset_angles("custom"))


@pytest.mark.parametrize(
    "text, match",
    [
        ("{not json", "not valid JSON"),
        ('{"people": []}', "one person"),
        ('{"canvas_width": 32, "people": [{"pose_keypoints_2d": [1, 2, 1]}]}', "at least 42"),
        ('{"canvas_width": 32, "people": [{"pose_keypoints_2d": ' + json.dumps([40.0] * 42) + "}]}", "outside"),
        ('{"canvas_width": 32, "people": [{"pose_keypoints_2d": ' + json.dumps([16.0] * 42) + "}]}", "torso"),
        ("", "Paste or upload"),
    ],
)
def test_malformed_keypoints_get_a_sentence(text, match):
    with pytest.raises(gr.Error, match=match):
        pose(pose_source="keypoint JSON", keypoints_json=text)


def test_angles_outside_human_limits_are_refused():
    bad = list(ANGLES)
    bad[cn.ANGLES.index("r_knee")] = -90
    with pytest.raises(gr.Error, match="r_knee angle must be between 0 and 140"):
        pose(angles=bad)
    with pytest.raises(gr.Error, match="Give 10 joint angles"):
        cn.pose_from_angles("custom", ANGLES[:3])
    # by the API the angles have names: those not given keep their defaults (a figure standing)
    assert "IoU" in pose(angles=ANGLES[:3])[-1]


def test_a_click_streams_its_progress_before_the_result(monkeypatch):
    """More than ~2 s on 2 cores: the gallery shows each output's x̂₀ so far and the status the steps done and
    the time left, before the result (every step here: ``progress.EVERY_S`` = 0)."""
    monkeypatch.setattr(progress, "EVERY_S", 0.0)
    args = ("test digit", 0, "camera", None, None, "Canny", 0.1, 0.2, "figure", 2, 1, 0, 1, 6, 0)
    updates = list(cn.controlnet_edge(*args))
    shown, result = updates[:-1], updates[-1]
    assert len(shown) == 5  # steps 1-5 of 6; the sixth is the result
    gallery, strip, status = shown[2]
    assert "step 3 of 6" in status and "s left" in status and "Stop" in status
    assert len(gallery) == 1 + cn.SETTINGS.control_outputs and "x̂₀ at step 3" in gallery[1][1]
    assert "edge F1" in result[2] and "F1" in result[0][1][1]
    *_, status = list(cn.controlnet_pose("angles", "waving", "", "figure", 2, 1, 0, 1, 3, 0, *([0] * 10)))[1]
    assert "step 2 of 3" in status
    assert "Stopped" in progress.stopped(status)
    assert progress.stopped(result[2]) is not None and "Stopped" not in str(progress.stopped(result[2]))
    assert "look like the picture" not in result[2]  # said under a photo's (or an upload's) result only
    photo = ("photo", 0, cn.PHOTO_NAMES[0], None, None, "Canny", 0.1, 0.2, "figure", 2, 1, 0, 1, 3, 0)
    assert "not that the outputs look like the picture" in list(cn.controlnet_edge(*photo))[-1][2]


def test_the_map_is_shown_large_with_crisp_pixels_and_a_photo_beside_it():
    """What the model is given reads on a projector: the preview's map and the gallery's control tile are the
    32 x 32 map enlarged without blur (whole blocks, at least 128 px a side); for a photo or an upload the
    picture itself (the same square, at the map's size) stands beside its map."""
    preview = (0, "coffee", None, None, "Canny", 0.1, 0.2)
    edges = cn.edge_map(cn.edge_source("test digit", *preview[:4]), "Canny", 0.1, 0.2)
    shown = np.asarray(cn.controlnet_edge_preview("test digit", *preview))
    k = view.PREVIEW // 32
    assert k * 32 >= 128 and shown.shape[1] == k * 32  # the map alone, 8x, under its title
    np.testing.assert_array_equal(shown[-k * 32 :], np.kron(edges, np.ones((k, k))) * 255)
    gallery, *_ = edge(source="test digit", digit_index=0, steps=2)
    tile = np.asarray(gallery[0][0])
    assert min(tile.shape) >= 128 and len(np.unique(tile)) == 2  # PNG-sharp blocks, no grey in between
    np.testing.assert_array_equal(tile, np.kron(edges, np.ones((tile.shape[0] // 32,) * 2)) * 255)
    side = cn.PAIR
    for source, upload in (("photo", None), ("upload", (cn.photo("camera") * 255).astype(np.uint8))):
        args = (source, 0, "coffee", upload, None)
        edges = cn.edge_map(cn.edge_source(*args), "Canny", 0.1, 0.2)
        pair = np.asarray(cn.controlnet_edge_preview(*args, "Canny", 0.1, 0.2))
        assert side >= 128 and pair.shape[1] >= 2 * side and pair.shape[0] >= side
        np.testing.assert_array_equal(pair[-side:, -side:], np.kron(edges, np.ones((side // 32,) * 2)) * 255)
        picture = pair[-side:, :side]
        assert len(np.unique(picture)) > 64, source  # a photograph's greys beside the map's black and white
        small = np.asarray(Image.fromarray(picture).resize((32, 32), Image.BOX), np.float32) / 255
        assert np.corrcoef(small.ravel(), cn.edge_source(*args).ravel())[0, 1] > 0.9, source  # the same square


def test_the_edge_tab_leads_with_sources_the_model_follows_and_explains_the_photo_last():
    from playground.tabs.controlnet import TAB, ui
    from playground.tour import step_query, steps

    assert cn.EDGE_SOURCES[0] in cn.FOLLOWED and cn.EDGE_SOURCES[-1] == "photo"
    by_id = by_elem_id(tab_demo("controlnet"))
    assert by_id["ce-source"].value == cn.EDGE_SOURCES[0] and by_id["ce-source"].choices[0][1] in cn.FOLLOWED
    assert by_id["ce-digit"].visible and not by_id["ce-photo"].visible
    assert by_id["ce-photo-why"].value == ui.PHOTO_WHY and not by_id["ce-photo-why"].visible  # with a photo only
    assert by_id["ce-preview"].format == by_id["ce-gallery"].format == "png"  # not lossy WebP: crisp blocks
    # the tour: edges of a test digit first; the photo is the last edge step, before the pose steps
    sources = [step_query(TAB.tour, n).get("ce-source") for n in range(1, len(steps(TAB.tour)) + 1)]
    assert sources[0] in cn.FOLLOWED and "photo" in sources
    assert all(s is None for s in sources[sources.index("photo") + 1 :])
