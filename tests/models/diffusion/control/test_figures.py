"""The procedural mannequin figures: keypoints, limbs, rendering, seeding and the OpenPose JSON."""

import json

import numpy as np
import pytest
import torch

from models.diffusion.control.figures import (
    KEYPOINTS,
    LIMBS,
    LIMITS,
    PRESETS,
    Pose,
    check_pose,
    from_openpose_json,
    keypoints,
    random_pose,
    render,
    skeleton_image,
    to_openpose_json,
)


def test_limbs_connect_the_right_joints():
    named = {(KEYPOINTS[a], KEYPOINTS[b]) for a, b in LIMBS}
    assert ("r_shoulder", "r_elbow") in named and ("r_elbow", "r_wrist") in named
    assert ("l_hip", "l_knee") in named and ("l_knee", "l_ankle") in named
    assert ("neck", "head") in named and len(LIMBS) == 13
    # every joint is reached from the neck
    reached, frontier = {1}, [1]
    while frontier:
        j = frontier.pop()
        for a, b in LIMBS:
            for u, v in ((a, b), (b, a)):
                if u == j and v not in reached:
                    reached.add(v)
                    frontier.append(v)
    assert reached == set(range(len(KEYPOINTS)))


def test_bone_lengths_do_not_depend_on_the_pose():
    rng = np.random.default_rng(0)
    a, b = keypoints(Pose()), keypoints(random_pose(rng))
    for i, j in ((2, 3), (3, 4), (5, 6), (6, 7), (8, 9), (9, 10), (11, 12), (12, 13)):
        assert np.isclose(np.linalg.norm(a[i] - a[j]), np.linalg.norm(b[i] - b[j]))


def test_standing_figure_is_upright_and_faces_the_viewer():
    k = keypoints(PRESETS["standing"])
    head, neck, r_sh, l_sh, r_an, l_an = k[0], k[1], k[2], k[5], k[10], k[13]
    assert head[1] < neck[1] < r_an[1]  # head above neck above feet (y down)
    assert r_sh[0] < neck[0] < l_sh[0] and r_an[0] < l_an[0]  # the figure's right on the image's left
    raised = keypoints(PRESETS["arms up"])
    assert raised[4][1] < raised[0][1] and raised[7][1] < raised[0][1]  # wrists above the head


@pytest.mark.parametrize("name", list(PRESETS))
def test_rendered_keypoints_lie_on_the_figure_inside_the_image(name):
    f = render(PRESETS[name], size=64)
    assert f.image.shape == (64, 64) and f.image.max() > 0.9
    assert (f.keypoints >= 0).all() and (f.keypoints < 64).all()
    for x, y in f.keypoints:
        assert f.image[int(y), int(x)] > 0.3  # every joint is on the drawn body


def test_same_seed_same_figure():
    a = render(random_pose(np.random.default_rng(7)))
    b = render(random_pose(np.random.default_rng(7)))
    c = render(random_pose(np.random.default_rng(8)))
    assert np.array_equal(a.image, b.image) and not np.array_equal(a.image, c.image)


def test_random_poses_stay_within_human_limits():
    rng = np.random.default_rng(0)
    for _ in range(200):
        check_pose(random_pose(rng))
    with pytest.raises(ValueError, match="r_knee must be between 0 and 140"):
        check_pose(Pose(r_knee=-30))
    assert set(LIMITS) == set(Pose.__dataclass_fields__)


def test_skeleton_is_openpose_coloured():
    f = render(PRESETS["t-pose"], size=64)
    sk = skeleton_image(f.keypoints, 64)
    assert sk.shape == (64, 64, 3) and sk.dtype == np.uint8
    colours = {tuple(c) for c in sk.reshape(-1, 3)}
    assert (255, 0, 0) in colours and (0, 0, 255) in colours  # first and last limb colours


def test_openpose_json_round_trip():
    f = render(PRESETS["waving"], size=32)
    text = to_openpose_json(f.keypoints, 32)
    data = json.loads(text)
    assert len(data["people"][0]["pose_keypoints_2d"]) == 3 * 14
    points, size = from_openpose_json(text)
    assert size == 32 and np.allclose(points, f.keypoints, atol=1e-3)


@pytest.mark.parametrize(
    "text,match",
    [
        ("{not json", "not valid JSON"),
        ('{"people": []}', "one person"),
        ('{"people": [{"pose_keypoints_2d": [1, 2, 3]}], "canvas_width": 32}', "at least 42"),
        ('{"people": [{"pose_keypoints_2d": ' + json.dumps(["a"] * 42) + '}], "canvas_width": 32}', "numbers only"),
        ('{"people": [{"pose_keypoints_2d": ' + json.dumps([1] * 42) + "}]}", "canvas_width"),
    ],
)
def test_malformed_keypoint_json_gets_a_sentence(text, match):
    with pytest.raises(ValueError, match=match):
        from_openpose_json(text)


def test_figure_set_is_seeded_and_consistent():
    from models.diffusion.control.figure_data import figure_set

    a, b = figure_set(6, seed=3), figure_set(6, seed=3)
    assert a.images.shape == (6, 1, 32, 32) and a.skeletons.shape == (6, 3, 32, 32) and a.edges.shape == (6, 1, 32, 32)
    assert a.keypoints.shape == (6, 14, 2)
    assert torch.equal(a.images, b.images) and torch.equal(a.edges, b.edges)
    assert not torch.equal(a.images, figure_set(6, seed=4).images)
    assert 0 <= float(a.skeletons.min()) and float(a.skeletons.max()) <= 1 and a.edges.sum() > 0
