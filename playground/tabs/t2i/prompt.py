"""What the tab needs of a prompt before any sampling: the checked text, the pipeline it goes to (the shipped miniature,
or a local Stable Diffusion named by ``--sd-path``), its tokens as the tokenizer made them, and the words of it the
captions never used."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

import gradio as gr

from models.core.registry import default_registry
from models.diffusion.text.captions import NUMBER_WORDS, segment, vocabulary
from playground.i18n import tr
from playground.settings import SETTINGS
from playground.tabs.t2i.texts import say

MODEL, CLIP, EVALUATOR = "t2i", "digit_clip", "evaluator"
NEEDS = (MODEL, CLIP, EVALUATOR)
SD_PATH = "PLAYGROUND_SD_PATH"  # a local StableDiffusionPipeline folder (``python app.py --sd-path DIR``)


def folder() -> str:
    return os.environ.get(SD_PATH) or str(default_registry().assets_dir / MODEL)


def pipeline():
    """The pipeline the tab drives, loaded once (``pipeline.load_pipeline``: from a local folder, never the Hub)."""
    from models.diffusion.text.pipeline import load_pipeline

    try:
        return load_pipeline(folder(), default_registry().device.type)
    except Exception as e:  # noqa: BLE001 - any folder a user named: say what failed, in their language
        raise gr.Error(say("pipeline_unreadable", path=folder(), error=f"{type(e).__name__}: {e}")) from None


def text(value, what: str = "prompt", empty_ok: bool = False) -> str:
    """A prompt as typed -> its words with single spaces; refused: not text, past the character limit, or empty."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise gr.Error(say("prompt_must_be_text", what=tr(what), kind=type(value).__name__))
    if len(value) > SETTINGS.t2i_prompt_chars_max:
        raise gr.Error(say("prompt_too_long", what=tr(what), n=len(value), limit=SETTINGS.t2i_prompt_chars_max))
    words = " ".join(value.split())
    if not words and not empty_ok:
        raise gr.Error(say("type_a_prompt"))
    return words


@dataclass(frozen=True)
class Token:
    """One slot of the tokenizer's output: its text as shown, id, kind ("special" start/end, "word", "pad", or "cut":
    past the maximum length, never read) and position (None for a cut one)."""

    text: str
    id: int
    kind: str
    slot: int | None


@functools.cache
def _byte_of() -> dict[str, int]:
    """Byte-level BPE's printable stand-ins -> the bytes they stand for (GPT-2's ``bytes_to_unicode``, inverted)."""
    keep = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    chars, extra = list(keep), 0
    for b in range(256):
        if b not in keep:
            keep.append(b)
            chars.append(256 + extra)
            extra += 1
    return {chr(c): b for b, c in zip(keep, chars, strict=True)}


def _shown(tokenizer, token_id: int) -> str:
    """A token as a visitor reads it: its text, or the bytes it holds where they are part of a character (an emoji,
    a character the captions never had: byte-level BPE keeps every text, one byte at a time)."""
    piece = tokenizer.convert_ids_to_tokens(token_id).removesuffix("</w>")
    decoded = tokenizer.decode([token_id]).strip()
    if "\ufffd" not in decoded:
        return decoded or piece
    return " ".join(f"{_byte_of().get(c, ord(c) & 0xFF):02X}" for c in piece)


def tokens(pipe, prompt: str) -> list[Token]:
    """The prompt as the pipeline reads it: ``max_length`` slots (start, the words' tokens, end, padding), then the
    tokens truncation cut (the Stable Diffusion pipeline keeps the first ``max_length`` − 2 and the end token)."""
    from models.diffusion.text.tokenizer import encode

    tok = pipe.tokenizer
    kept = encode(tok, [segment(prompt)])[0].tolist()
    full = tok(segment(prompt), truncation=False, verbose=False).input_ids  # (no warning: the cut is shown)
    end = kept.index(tok.eos_token_id) if tok.eos_token_id in kept else len(kept) - 1
    names = {tok.bos_token_id: say("token_start"), tok.eos_token_id: say("token_end")}
    out = []
    for i, t in enumerate(kept):
        kind = "pad" if i > end else "special" if i in (0, end) else "word"
        label = say("token_pad") if kind == "pad" else names[t] if kind == "special" else _shown(tok, t)
        out.append(Token(label, t, kind, i))
    cut = full[len(kept) - 1 : -1] if len(full) > len(kept) else []
    return out + [Token(_shown(tok, t), t, "cut", None) for t in cut]


_PUNCTUATION = re.compile(r"[,.;:!?，。、：；！？的]")


def unknown_words(prompt: str) -> list[str]:
    """The prompt's words that no caption used (the model learnt nothing for them), in order, once each."""
    known = vocabulary()
    seen = []
    for w in _PUNCTUATION.sub(" ", segment(prompt).lower()).split():
        if w not in known and w not in seen:
            seen.append(w)
    return seen


def named_digit(prompt: str) -> int | None:
    """The digit a prompt names ("7", "seven", "七"), the first one; None where it names none."""
    words = _PUNCTUATION.sub(" ", segment(prompt).lower()).split()
    for w in words:
        for lang in ("en", "zh"):
            if w in NUMBER_WORDS[lang]:
                return NUMBER_WORDS[lang].index(w)
        if w.isdigit() and len(w) == 1:
            return int(w)
    return None
