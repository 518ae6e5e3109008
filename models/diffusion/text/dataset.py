"""The captioned digits: every training digit placed four times (``placement.placements``), measured, and given
``CAPTIONS_PER_IMAGE`` sentences, half English, half Chinese (``captions.caption``), seeded. The held-out digits get
the same treatment for retrieval and the prompt checks."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import numpy as np
import torch

from models.core.assets import ASSETS_DIR
from models.core.data import digit_split
from models.diffusion.text import captions as C
from models.diffusion.text.placement import placements

PER_DIGIT = 4
CAPTIONS_PER_IMAGE = 4  # en, zh, en, zh
SEED = 0


@dataclass(frozen=True)
class Captioned:
    """x: (N, 1, 28, 28) in [0, 1]; labels (N,); attributes: what each caption may say; captions[i]: its sentences."""

    x: torch.Tensor
    labels: torch.Tensor
    attributes: list
    captions: list[list[str]]


# The thresholds as fitted when digit-CLIP was trained (``train_t2i.train_digit_clip``): measuring the 18,000 placed
# digits takes ~5 s, too long for a visitor's first click.
WORDS_FILE = ASSETS_DIR / "digit_clip" / "words.json"


def fit_words() -> C.Words:
    """The thresholds and medians, fitted on the placed training digits."""
    return C.Words.fit(_placed("train")[0])


@functools.lru_cache(maxsize=1)
def words() -> C.Words:
    """The thresholds and medians: the shipped fit (``WORDS_FILE``), or fitted here where none ships."""
    if WORDS_FILE.exists():
        return C.Words(**json.loads(WORDS_FILE.read_text()))
    return fit_words()


@functools.lru_cache(maxsize=2)
def _placed(split: str) -> tuple[torch.Tensor, torch.Tensor]:
    d = digit_split()
    x, y = (d.x_train, d.y_train) if split == "train" else (d.x_test, d.y_test)
    placed, source = placements(x, PER_DIGIT, SEED if split == "train" else SEED + 1)
    return placed, y[source]


@functools.lru_cache(maxsize=2)
def captioned(split: str = "train") -> Captioned:
    """The placed digits of ``split`` ("train" | "test") and their captions."""
    x, y = _placed(split)
    attrs = C.attributes(x, y, words())
    rng = np.random.default_rng(SEED if split == "train" else SEED + 1)
    langs = ("en", "zh") * (CAPTIONS_PER_IMAGE // 2)
    caps = [[C.caption(a, rng, lang) for lang in langs] for a in attrs]
    return Captioned(x, y, attrs, caps)


def caption_ids(tokenizer, data: Captioned) -> torch.Tensor:
    """Every caption's token ids (N, captions per image, L), Chinese split into words first (``captions.segment``)."""
    from models.diffusion.text.tokenizer import encode

    flat = [C.segment(c) for caps in data.captions for c in caps]
    return encode(tokenizer, flat).view(len(data.captions), len(data.captions[0]), -1)
