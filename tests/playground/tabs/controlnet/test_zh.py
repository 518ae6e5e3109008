"""The ControlNet tab for a Chinese page: gallery captions, status lines, the labels drawn on the
conditioning-scale strip, the notes for an empty source and every error message (the models' keypoint
messages included) are Chinese; the tour has its Chinese. Tiny runs: DDIM-2."""

import json
import re

import gradio as gr
import numpy as np
import pytest

from playground import i18n
from playground.tabs.controlnet import handlers as cn
from playground.tabs.controlnet import view
from playground.tabs.controlnet.ui import TOUR
from playground.widgets import when_given
from tests.playground.tabs.controlnet.test_handlers import ANGLES
from tests.playground.zh_check import CJK, chinese_error, english_left

pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


@pytest.fixture
def drawn(monkeypatch):
    """The labels the handlers draw onto the conditioning-scale strip."""
    labels = []

    def fidelity_strip(outputs, scales, scores, what, **kw):
        image = real(outputs, scales, scores, what, **kw)
        labels.extend([i18n.tr("scale {s:g}", s=s) for s in scales] + [what])
        return image

    real = cn.fidelity_strip
    monkeypatch.setattr(cn, "fidelity_strip", fidelity_strip)
    return labels


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
        steps=2,
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
        steps=2,
        seed=0,
    )
    return list(cn.controlnet_pose(*{**args, **over}.values(), *angles))[-1]


def test_edges_are_chinese(drawn):
    gallery, strip, status = edge()
    captions = [c for _, c in gallery]
    assert captions[0] == "控制图（Canny）" and all(c.startswith("F1 ") and "随机种子" in c for c in captions[1:])
    assert english_left([captions, status]) == [] and "类别 **人形**" in status and "条件强度" in status
    assert drawn == ["条件强度 0", "条件强度 0.5", "条件强度 1", "条件强度 1.5", "条件强度 2", "边缘 F1"]
    square = np.zeros((32, 32), np.float32)
    square[8:24, 8:24] = 1
    own = edge(source="upload", upload=(square * 255).astype(np.uint8), preprocessor="none (my own edge map)")
    assert own[0][0][1] == "控制图（你给的）"


def test_the_preview_titles_are_chinese(monkeypatch):
    """The titles drawn over the preview: the map alone, and a photo or an upload beside its map."""
    titles = []

    def titled(panels, texts, **kw):
        titles.extend(texts)
        return real(panels, texts, **kw)

    real = view.titled
    monkeypatch.setattr(view, "titled", titled)
    square = np.zeros((64, 64), np.uint8)
    square[16:48, 16:48] = 255
    for source, pre in (("test digit", "Canny"), ("photo", "Canny"), ("upload", "none (my own edge map)")):
        cn.controlnet_edge_preview(source, 0, "coffee", square, None, pre, 0.1, 0.2)
    assert titles == ["控制图（Canny），32×32", "照片", "它在 32×32 下的边缘", "你的图片", "它的 32×32 控制图"]
    # the preview the page was built with (titles in English) is redrawn when a Chinese page loads
    titles.clear()
    assert cn.controlnet_edge_page_preview("test digit", 0, "coffee", None, None, "Canny", 0.1, 0.2) is not None
    assert titles == ["控制图（Canny），32×32"]
    skip = cn.controlnet_edge_page_preview("drawing", 0, "coffee", None, None, "Canny", 0.1, 0.2)  # nothing drawn
    assert skip == gr.skip() and titles == ["控制图（Canny），32×32"]
    with i18n.speaking("en"):
        assert cn.controlnet_edge_page_preview("test digit", 0, "coffee", None, None, "Canny", 0.1, 0.2) == gr.skip()


def test_pose_is_chinese(drawn):
    gallery, strip, text, path, status = pose(class_name="unconditional")
    captions = [c for _, c in gallery]
    assert captions[0] == "姿态骨架（控制图）" and all(c.startswith("IoU ") for c in captions[1:])
    assert english_left([captions, status]) == [] and "类别 **无条件**" in status
    assert "条件强度 2" in drawn and "IoU" in drawn


def test_an_empty_source_says_what_to_do_in_chinese(monkeypatch):
    notes = []
    monkeypatch.setattr(gr, "Info", lambda message, **_: notes.append(message))  # (its title too)
    when_given(cn.controlnet_pose_preview, 1, "Paste or upload OpenPose keypoint JSON: its skeleton shows here.")(
        "keypoint JSON", "custom", "", *ANGLES
    )
    when_given(cn.controlnet_edge_preview, 1, "Draw on the sketchpad (or upload a picture): its edges show here.")(
        "drawing", 0, "camera", None, None, "Canny", 0.1, 0.2
    )
    assert len(notes) == 2 and all(CJK.search(n) and english_left(n) == [] for n in notes)


def test_edge_errors_are_chinese(tmp_path):
    chinese_error(lambda: edge(low=0.5, high=0.2))
    chinese_error(lambda: edge(start=0.8, end=0.2))
    chinese_error(lambda: edge(scale=5))
    chinese_error(lambda: edge(class_name="cat"))
    blank = np.zeros((64, 64), np.uint8)
    assert "降低 Canny 阈值" in chinese_error(lambda: edge(source="upload", upload=blank))
    own_map = "none (my own edge map)"
    assert "黑底白线" in chinese_error(lambda: edge(source="upload", upload=blank, preprocessor=own_map))


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[1, 2]",
        '{"people": []}',
        '{"canvas_width": 32, "people": [{"pose_keypoints_2d": [1, 2, 1]}]}',
        '{"canvas_width": 32, "people": [{"pose_keypoints_2d": ' + json.dumps(["a"] * 42) + "}]}",
        '{"canvas_width": 2, "people": [{"pose_keypoints_2d": ' + json.dumps([1.0] * 42) + "}]}",
        '{"canvas_width": 32, "people": [{"pose_keypoints_2d": ' + json.dumps([40.0] * 42) + "}]}",
        '{"canvas_width": 32, "people": [{"pose_keypoints_2d": ' + json.dumps([16.0] * 42) + "}]}",
        "",
        "x" * (cn.SETTINGS.control_json_max + 1),
    ],
)
def test_keypoint_errors_are_chinese(text):
    chinese_error(lambda: pose(pose_source="keypoint JSON", keypoints_json=text))


def test_pose_input_errors_are_chinese(tmp_path):
    bad = list(ANGLES)
    bad[cn.ANGLES.index("r_knee")] = -90
    assert "右膝角度" in chinese_error(lambda: pose(angles=bad))
    chinese_error(lambda: cn.pose_from_angles("custom", ANGLES[:3]))
    chinese_error(lambda: pose(preset="dancing"), allowed=(*cn.PRESETS, "custom"))
    big = tmp_path / "big.json"
    big.write_text("x" * (cn.SETTINGS.control_json_max + 1))
    chinese_error(lambda: cn.read_keypoint_file(str(big)))
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    chinese_error(lambda: cn.read_keypoint_file(str(binary)))


def test_every_joint_angle_has_its_chinese_name():
    texts = i18n.catalog()
    assert all(CJK.search(texts.get(f"{name} angle", "")) for name in cn.ANGLES)
    assert all(CJK.search(texts.get(name, "")) for name in (*cn.PRESETS, "custom", *cn.POSE_SOURCES, "figure"))


def test_the_tour_has_its_chinese():
    zh = i18n.catalog()[TOUR]
    assert CJK.search(zh) and english_left(zh) == []
    assert re.findall(r"\]\((\?[^)]+)\)", zh) == re.findall(r"\]\((\?[^)]+)\)", TOUR)
