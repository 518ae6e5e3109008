"""Procedural "mannequin" figures: a 2-D articulated body from joint angles within human limits,
rendered as a picture, with its ground-truth keypoints and an OpenPose-coloured skeleton.

Keypoints follow OpenPose's BODY_18 order for the 14 body joints (no eyes or ears):
0 nose/head, 1 neck, 2 right shoulder, 3 right elbow, 4 right wrist, 5 left shoulder, 6 left elbow,
7 left wrist, 8 right hip, 9 right knee, 10 right ankle, 11 left hip, 12 left knee, 13 left ankle.
"Right" is the figure's right, drawn on the image's left (the figure faces the viewer).

Angles are in degrees in image terms: 0 points straight down, positive turns towards the
figure's left (the image's right); a limb's angle is absolute, built from its parent's plus the
joint's own bend.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields

import numpy as np
from PIL import Image, ImageDraw

KEYPOINTS = (
    "head",
    "neck",
    "r_shoulder",
    "r_elbow",
    "r_wrist",
    "l_shoulder",
    "l_elbow",
    "l_wrist",
    "r_hip",
    "r_knee",
    "r_ankle",
    "l_hip",
    "l_knee",
    "l_ankle",
)
# OpenPose's limb pairs (BODY_18 order) restricted to these joints, and OpenPose's colours for them.
LIMBS = ((1, 2), (1, 5), (2, 3), (3, 4), (5, 6), (6, 7), (1, 8), (8, 9), (9, 10), (1, 11), (11, 12), (12, 13), (1, 0))
LIMB_COLOURS = (
    (255, 0, 0),
    (255, 85, 0),
    (255, 170, 0),
    (255, 255, 0),
    (170, 255, 0),
    (85, 255, 0),
    (0, 255, 0),
    (0, 255, 85),
    (0, 255, 170),
    (0, 255, 255),
    (0, 170, 255),
    (0, 85, 255),
    (0, 0, 255),
)
JOINT_COLOURS = (
    (255, 0, 0),
    (255, 85, 0),
    (255, 170, 0),
    (255, 255, 0),
    (170, 255, 0),
    (85, 255, 0),
    (0, 255, 0),
    (0, 255, 85),
    (0, 255, 170),
    (0, 255, 255),
    (0, 170, 255),
    (0, 85, 255),
    (0, 0, 255),
    (85, 0, 255),
)

# Body proportions in units of the torso length (neck to hip centre).
UPPER_ARM, FOREARM, THIGH, SHIN = 0.55, 0.5, 0.65, 0.6
SHOULDER_HALF, HIP_HALF, NECK_TO_HEAD, HEAD_RADIUS = 0.3, 0.17, 0.3, 0.2


@dataclass(frozen=True)
class Pose:
    """Joint angles in degrees (see the module docstring), each within ``LIMITS``."""

    torso: float = 0.0  # lean of the spine from upright
    head: float = 0.0  # tilt of the neck relative to the spine
    r_shoulder: float = 10.0  # right upper arm from hanging down; positive raises it outwards
    r_elbow: float = 0.0  # bend of the right forearm relative to the upper arm
    l_shoulder: float = 10.0
    l_elbow: float = 0.0
    r_hip: float = 5.0  # right thigh from straight down; positive swings it outwards
    r_knee: float = 0.0  # bend of the shin relative to the thigh
    l_hip: float = 5.0
    l_knee: float = 0.0


# Human limits (degrees), for random poses and for checking what a user or the API gives.
LIMITS = {
    "torso": (-30, 30),
    "head": (-40, 40),
    "r_shoulder": (-30, 180),
    "r_elbow": (0, 150),
    "l_shoulder": (-30, 180),
    "l_elbow": (0, 150),
    "r_hip": (-45, 100),
    "r_knee": (0, 140),
    "l_hip": (-45, 100),
    "l_knee": (0, 140),
}

PRESETS = {
    "standing": Pose(),
    "walking": Pose(r_shoulder=25, r_elbow=20, l_shoulder=-15, l_elbow=10, r_hip=20, r_knee=10, l_hip=15, l_knee=30),
    "waving": Pose(l_shoulder=150, l_elbow=40, r_shoulder=10),
    "arms up": Pose(r_shoulder=165, l_shoulder=165),
    "jumping": Pose(r_shoulder=140, l_shoulder=140, r_elbow=20, l_elbow=20, r_hip=30, l_hip=30, r_knee=60, l_knee=60),
    "sitting": Pose(r_shoulder=20, l_shoulder=20, r_elbow=60, l_elbow=60, r_hip=85, l_hip=85, r_knee=90, l_knee=90),
    "t-pose": Pose(r_shoulder=90, l_shoulder=90, r_hip=8, l_hip=8),
}


def check_pose(pose: Pose) -> Pose:
    """Raise ValueError naming the first angle outside its human limit."""
    for f in fields(pose):
        lo, hi = LIMITS[f.name]
        v = getattr(pose, f.name)
        if not (isinstance(v, (int, float)) and math.isfinite(v) and lo <= v <= hi):
            raise ValueError(f"{f.name} must be between {lo} and {hi} degrees (got {v!r})")
    return pose


def random_pose(rng: np.random.Generator) -> Pose:
    """A pose with every angle uniform within its limits (knees and elbows biased towards straight)."""
    values = {}
    for name, (lo, hi) in LIMITS.items():
        u = rng.uniform()
        if name.endswith(("elbow", "knee")):
            u = u**2  # mostly mild bends, sometimes deep ones
        values[name] = lo + u * (hi - lo)
    return Pose(**values)


def _direction(angle_deg: float) -> np.ndarray:
    """Unit vector in image coordinates (x right, y down) for an angle from straight down."""
    a = math.radians(angle_deg)
    return np.array([math.sin(a), math.cos(a)])


def keypoints(pose: Pose) -> np.ndarray:
    """(14, 2) joint positions in body units, hip centre at the origin, y down.

    The figure's right side is at negative x (it faces the viewer). Arm and leg angles mirror
    between sides so that equal angles give a symmetric pose.
    """
    hip = np.zeros(2)
    up = -_direction(pose.torso)  # from hips to neck
    neck = hip + up
    across = np.array([up[1], -up[0]])  # the spine turned 90 degrees, towards the figure's right (x < 0)
    head = neck + (NECK_TO_HEAD + HEAD_RADIUS) * -_direction(pose.torso + pose.head)
    r_sh, l_sh = neck + SHOULDER_HALF * across, neck - SHOULDER_HALF * across
    r_hp, l_hp = hip + HIP_HALF * across, hip - HIP_HALF * across
    # Right limbs open towards -x, left limbs towards +x: mirror the angle for the right side.
    r_el = r_sh + UPPER_ARM * _direction(pose.torso - pose.r_shoulder)
    r_wr = r_el + FOREARM * _direction(pose.torso - pose.r_shoulder - pose.r_elbow)
    l_el = l_sh + UPPER_ARM * _direction(pose.torso + pose.l_shoulder)
    l_wr = l_el + FOREARM * _direction(pose.torso + pose.l_shoulder + pose.l_elbow)
    r_kn = r_hp + THIGH * _direction(-pose.r_hip)
    r_an = r_kn + SHIN * _direction(-pose.r_hip + pose.r_knee)
    l_kn = l_hp + THIGH * _direction(pose.l_hip)
    l_an = l_kn + SHIN * _direction(pose.l_hip - pose.l_knee)
    return np.stack([head, neck, r_sh, r_el, r_wr, l_sh, l_el, l_wr, r_hp, r_kn, r_an, l_hp, l_kn, l_an])


def fit_to_canvas(points: np.ndarray, size: int, margin: float = 0.12) -> tuple[np.ndarray, float]:
    """Body units -> pixel coordinates: the figure (with its head) centred and scaled to fill the
    canvas minus ``margin`` on each side. -> (pixels (14, 2), pixels per body unit)."""
    lo = np.minimum(points.min(0), points[0] - HEAD_RADIUS)
    hi = np.maximum(points.max(0), points[0] + HEAD_RADIUS)
    scale = (1 - 2 * margin) * size / max(hi - lo)
    centre = (lo + hi) / 2
    return (points - centre) * scale + size / 2, scale


@dataclass(frozen=True)
class Figure:
    """One rendered figure: ``image`` (size, size) float32 in [0, 1], light figure on black;
    ``keypoints`` (14, 2) in pixels; ``pose``."""

    image: np.ndarray
    keypoints: np.ndarray
    pose: Pose


def render(pose: Pose, size: int = 32, supersample: int = 4) -> Figure:
    """Draw the mannequin: limbs as round-capped bars, a round head, white on black, anti-aliased
    by drawing at ``supersample`` times the size and averaging down."""
    check_pose(pose)
    pts, _ = fit_to_canvas(keypoints(pose), size)
    return Figure(render_keypoints(pts, size, supersample), pts, pose)


def render_keypoints(points: np.ndarray, size: int = 32, supersample: int = 4) -> np.ndarray:
    """The mannequin drawn on its keypoints (14, 2) in pixels of a ``size`` canvas (any source: a
    pose, or keypoints from OpenPose JSON); limb widths follow the torso length (one body unit).
    -> (size, size) float32 in [0, 1]."""
    big = size * supersample
    pts = np.asarray(points, np.float64) * supersample
    scale = max(float(np.linalg.norm(pts[1] - (pts[8] + pts[11]) / 2)), 1.0)
    img = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(img)
    limb_w = max(2, round(0.16 * scale))
    torso_w = max(3, round(0.34 * scale))

    def bar(a, b, width):
        draw.line([tuple(a), tuple(b)], fill=255, width=width)
        for p in (a, b):
            r = width / 2
            draw.ellipse([p[0] - r, p[1] - r, p[0] + r, p[1] + r], fill=255)

    hip_centre = (pts[8] + pts[11]) / 2
    bar(pts[1], hip_centre, torso_w)
    for a, b in ((2, 5), (8, 11), (2, 3), (3, 4), (5, 6), (6, 7), (8, 9), (9, 10), (11, 12), (12, 13)):
        bar(pts[a], pts[b], limb_w)
    bar(pts[1], pts[0], limb_w)
    r = HEAD_RADIUS * scale
    draw.ellipse([pts[0][0] - r, pts[0][1] - r, pts[0][0] + r, pts[0][1] + r], fill=255)
    small = img.resize((size, size), Image.BOX)
    return np.asarray(small, np.float32) / 255.0


def skeleton_image(points: np.ndarray, size: int, line_width: int | None = None) -> np.ndarray:
    """OpenPose-style skeleton: coloured limbs and joint dots on black. points (14, 2) in pixels of
    a ``size`` canvas. -> (size, size, 3) uint8."""
    img = Image.new("RGB", (size, size), (0, 0, 0))
    draw = ImageDraw.Draw(img)
    w = line_width or max(1, size // 24)
    for (a, b), colour in zip(LIMBS, LIMB_COLOURS, strict=True):
        draw.line([tuple(points[a]), tuple(points[b])], fill=colour, width=w)
    r = max(1.0, w * 0.8)
    for p, colour in zip(points, JOINT_COLOURS, strict=True):
        draw.ellipse([p[0] - r, p[1] - r, p[0] + r, p[1] + r], fill=colour)
    return np.asarray(img)


def to_openpose_json(points: np.ndarray, size: int) -> str:
    """Keypoints (14, 2) in pixels -> OpenPose's JSON (one person, confidence 1 for every joint)."""
    flat = []
    for x, y in points:
        flat += [round(float(x), 3), round(float(y), 3), 1.0]
    return json.dumps({"canvas_width": size, "canvas_height": size, "people": [{"pose_keypoints_2d": flat}]})


def from_openpose_json(text: str) -> tuple[np.ndarray, int]:
    """OpenPose's JSON -> (keypoints (14, 2) in pixels, canvas size). Raises ValueError with a
    sentence saying what is wrong. Extra keypoints (OpenPose's 18 or 25) beyond the 14 are ignored."""
    try:
        data = json.loads(text)
    except (TypeError, json.JSONDecodeError) as e:
        raise ValueError(f"the keypoints are not valid JSON ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get("people"), list) or not data["people"]:
        raise ValueError('expected {"people": [{"pose_keypoints_2d": [x, y, c, ...]}], ...} with one person')
    flat = data["people"][0].get("pose_keypoints_2d") if isinstance(data["people"][0], dict) else None
    if not isinstance(flat, list) or len(flat) < 3 * len(KEYPOINTS):
        raise ValueError(f"pose_keypoints_2d needs at least {3 * len(KEYPOINTS)} numbers (x, y, confidence per joint)")
    try:
        arr = np.asarray(flat[: 3 * len(KEYPOINTS)], dtype=np.float64).reshape(len(KEYPOINTS), 3)
    except (TypeError, ValueError):
        raise ValueError("pose_keypoints_2d must hold numbers only") from None
    size = data.get("canvas_width", data.get("canvas_height"))
    if not isinstance(size, (int, float)) or not 8 <= size <= 4096:
        raise ValueError("canvas_width must be a number of pixels between 8 and 4096")
    if not np.isfinite(arr).all():
        raise ValueError("pose_keypoints_2d must hold finite numbers")
    return arr[:, :2], int(size)
