"""Captions measured from the digits themselves, in English and Chinese.

Every training digit gets attributes read off its own pixels, never a hand label besides its class:

    thickness  τ = A / L: ink area over the skeleton's length, in pixels, on the MNIST-framed digit (Morpho-MNIST's
               estimate, Castro et al. 2019)
    slant      s = −μ₁₁ / μ₂₀: the horizontal shear of the ink's central moments (row r, column c), > 0 leaning right
    size       the ink's bounding-box height on the canvas, in pixels
    spot       where the ink's centre of mass sits (``placement.SPOTS``), named only for a shrunk digit

Thickness and slant are measured after ``placement.normalise`` (so a shrunk digit is not "thinner"); size and spot on
the canvas. A word is given only where the measure is clearly on one side (``Words``: the training digits' tertiles),
and the same functions later check whether a sample followed its prompt (against the training median).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import torch

from models.diffusion.text.placement import _CENTRES, normalise

INK = 0.5  # grey level above which a pixel is ink for the measures


def thickness(x01: torch.Tensor) -> np.ndarray:
    """Digits (B, 1, 28, 28) -> τ (B,): ink area / skeleton length of the MNIST-framed digit, in pixels."""
    from skimage.morphology import skeletonize

    out = []
    for img in normalise(x01)[:, 0].numpy() > INK:
        length = skeletonize(img).sum()
        out.append(img.sum() / length if length else 0.0)
    return np.asarray(out, np.float64)


def slant(x01: torch.Tensor) -> np.ndarray:
    """Digits (B, 1, 28, 28) -> s = −μ₁₁ / μ₂₀ (B,) of the MNIST-framed digit: the shear dc/dr, > 0 leaning right."""
    from skimage.measure import moments_central

    out = []
    for img in normalise(x01)[:, 0].numpy().astype(np.float64):
        mu = moments_central(img, order=2)  # mu[p, q] = Σ (r − r̄)^p (c − c̄)^q I
        out.append(-mu[1, 1] / mu[2, 0] if mu[2, 0] > 0 else 0.0)
    return np.asarray(out, np.float64)


def size(x01: torch.Tensor) -> np.ndarray:
    """Digits (B, 1, 28, 28) -> the ink's bounding-box height on the canvas (B,), in pixels (0 for a blank)."""
    ink = (x01[:, 0] > INK).numpy()
    rows = ink.any(axis=2)
    out = [np.ptp(np.flatnonzero(r)) + 1 if r.any() else 0 for r in rows]
    return np.asarray(out, np.float64)


def centre(x01: torch.Tensor) -> np.ndarray:
    """Digits (B, 1, 28, 28) -> the ink's centre of mass (B, 2), (row, column) in pixels."""
    img = x01[:, 0].double().clamp(min=0)
    mass = img.sum((1, 2)).clamp(min=1e-9)
    r = torch.arange(28, dtype=torch.float64)
    return torch.stack([(img.sum(2) * r).sum(1) / mass, (img.sum(1) * r).sum(1) / mass], 1).numpy()


def spot(x01: torch.Tensor) -> list[str]:
    """Digits (B, 1, 28, 28) -> the nearest of ``placement.SPOTS`` to each ink centre."""
    names = list(_CENTRES)
    at = np.asarray([_CENTRES[n] for n in names])
    return [names[int(np.argmin(((at - c) ** 2).sum(1)))] for c in centre(x01)]


# Shrunk digits are 10-13 px tall, digits as they are ~20 px: a height between them tells them apart.
SMALL_BELOW = 16.0


@dataclass(frozen=True)
class Words:
    """Where a measure earns a word: below ``thin`` "thin", above ``thick`` "thick" (the training digits' tertiles),
    the same for slant; ``medians``: the training medians the prompt check compares samples against."""

    thin: float
    thick: float
    left: float
    right: float
    median_thickness: float
    median_slant: float
    median_size: float

    @classmethod
    def fit(cls, x01: torch.Tensor) -> Words:
        t, s, h = thickness(x01), slant(x01), size(x01)
        q = lambda v, p: float(np.quantile(v, p))  # noqa: E731
        return cls(q(t, 1 / 3), q(t, 2 / 3), q(s, 1 / 3), q(s, 2 / 3), q(t, 0.5), q(s, 0.5), q(h, 0.5))


@dataclass(frozen=True)
class Attributes:
    """What a caption may say about one digit; None: the measure was in the middle, no word."""

    digit: int
    stroke: str | None  # "thick" | "thin"
    lean: str | None  # "right" | "left"
    scale: str  # "small" | "large"
    where: str | None  # one of placement.SPOTS, for a small digit


def attributes(x01: torch.Tensor, labels: torch.Tensor, words: Words) -> list[Attributes]:
    """Digits (B, 1, 28, 28) and their classes (B,) -> what their captions may say."""
    t, s, h, spots = thickness(x01), slant(x01), size(x01), spot(x01)
    out = []
    for i in range(len(x01)):
        stroke = "thick" if t[i] > words.thick else "thin" if t[i] < words.thin else None
        lean = "right" if s[i] > words.right else "left" if s[i] < words.left else None
        small = h[i] < SMALL_BELOW
        out.append(Attributes(int(labels[i]), stroke, lean, "small" if small else "large", spots[i] if small else None))
    return out


NUMBER_WORDS = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    "zh": ("零", "一", "二", "三", "四", "五", "六", "七", "八", "九"),
}
_EN = {
    "thick": ("thick", "bold"),
    "thin": ("thin", "skinny"),
    "right": ("leaning right", "slanted to the right"),
    "left": ("leaning left", "slanted to the left"),
    "small": ("small", "tiny"),
    "large": ("large", "big"),
    "middle": ("in the middle", "in the centre"),
    "top left": ("in the top left", "in the top left corner"),
    "top right": ("in the top right", "in the top right corner"),
    "bottom left": ("in the bottom left", "in the bottom left corner"),
    "bottom right": ("in the bottom right", "in the bottom right corner"),
}
_ZH = {
    "thick": ("很粗", "粗"),
    "thin": ("很细", "细"),
    "right": ("向右倾斜", "往右斜"),
    "left": ("向左倾斜", "往左斜"),
    "small": ("小", "很小"),
    "large": ("大", "很大"),
    "middle": ("中间", "正中间"),
    "top left": ("左上角", "左上方"),
    "top right": ("右上角", "右上方"),
    "bottom left": ("左下角", "左下方"),
    "bottom right": ("右下角", "右下方"),
}
# How often a caption leaves out a word it could say: prompts that name only some attributes must work too.
P_OMIT = 0.25


def caption(a: Attributes, rng: np.random.Generator, lang: str) -> str:
    """One varied sentence for ``a`` in "en" or "zh"; every attribute but the class may be left out."""
    table = _EN if lang == "en" else _ZH
    pick = lambda key: table[key][rng.integers(2)] if key and rng.random() > P_OMIT else None  # noqa: E731
    digit = str(a.digit) if rng.random() < 0.7 else NUMBER_WORDS[lang][a.digit]
    stroke, lean, scale, where = pick(a.stroke), pick(a.lean), pick(a.scale), pick(a.where)
    if lang == "en":
        if rng.random() < 0.7:
            words = ["a"] + [w for w in (scale, stroke) if w] + [digit] + [w for w in (lean, where) if w]
            return " ".join(words)
        return ", ".join([digit] + [w for w in (stroke, lean, scale, where) if w])
    attrs = "、".join(w for w in (scale, stroke, lean) if w)
    if rng.random() < 0.7:
        return f"{where or ''}一个{attrs + '的' if attrs else ''}{digit}"
    return f"数字 {digit}" + (f"：{attrs}" if attrs else "") + (f"，在{where}" if where else "")


_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_ZH_WORDS = sorted(
    {w for ws in _ZH.values() for w in ws} | {"一个", "数字", *NUMBER_WORDS["zh"]}, key=len, reverse=True
)


def segment(text: str) -> str:
    """Spaces between Chinese words (the captions' words, longest first; any other Han character alone), the rest
    unchanged. CLIP's split pattern takes a whole run of Han characters as one word, so BPE would fuse a Chinese
    sentence into a token or two; BERT's tokenizer splits CJK the same way before its word pieces. Applied to every
    prompt before the tokenizer, and to the captions the tokenizer learns from."""

    def split(run: str) -> str:
        out, i = [], 0
        while i < len(run):
            word = next((w for w in _ZH_WORDS if run.startswith(w, i)), run[i])
            out.append(word)
            i += len(word)
        return " " + " ".join(out) + " "

    return " ".join(_HAN_RUN.sub(lambda m: split(m.group()), text).split())


def vocabulary() -> frozenset[str]:
    """Every word the captions use (English lower-case; Chinese as ``segment`` splits it), digits included: a prompt's
    other words reach the model only as sub-word pieces it never saw beside a digit."""
    english = {w for phrases in _EN.values() for p in phrases for w in p.split()}
    return frozenset(
        english | set(_ZH_WORDS) | set(NUMBER_WORDS["en"]) | {"a", "数字", "的", "在", *map(str, range(10))}
    )
