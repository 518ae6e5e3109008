"""What the project's own measures read in the miniature's samples: the class (the evaluator, on the MNIST-framed
digit), the caption words (``captions.attributes``: the same functions that wrote the training captions) and the
CLIP score against the prompt (digit-CLIP). A Stable Diffusion's pictures are not digits: none of this applies."""

from __future__ import annotations

import torch

from models.core.registry import default_registry
from playground.tabs.t2i.prompt import CLIP, EVALUATOR
from playground.tabs.t2i.texts import say


def classes(x: torch.Tensor) -> torch.Tensor:
    """Digits (B, 1, 28, 28) in [0, 1] -> the evaluator's class (B,)."""
    from models.diffusion.text.placement import normalise

    evaluator = default_registry().load(EVALUATOR)
    device = next(evaluator.parameters()).device
    with torch.inference_mode():
        return evaluator(normalise(x).to(device)).float().argmax(1).cpu()


def clip_scores(x: torch.Tensor, prompts: list[str]) -> torch.Tensor:
    """Digits (B, 1, 28, 28) and their prompts -> 100 · max(cos, 0) in digit-CLIP's space (B,) (torchmetrics' CLIP
    score)."""
    from models.diffusion.text.captions import segment
    from models.diffusion.text.digit_clip import clip_score, image_embeddings, text_embeddings
    from models.diffusion.text.tokenizer import encode

    tokenizer, clip = default_registry().load(CLIP)
    ids = encode(tokenizer, [segment(p) for p in prompts])
    return clip_score(image_embeddings(clip, x), text_embeddings(clip, ids))


def words(x: torch.Tensor) -> list[str]:
    """Digits (B, 1, 28, 28) -> what a caption would say of each, in the visitor's language ("thick, small")."""
    from models.diffusion.text.captions import attributes
    from models.diffusion.text.dataset import words as fitted

    out = []
    for a in attributes(x, torch.zeros(len(x), dtype=torch.long), fitted()):
        said = [
            say(f"word_{w.replace(' ', '_')}") for w in (a.stroke, a.lean and f"lean_{a.lean}", a.scale, a.where) if w
        ]
        out.append(say("word_sep").join(said))
    return out


def reading(x: torch.Tensor, digit: int | None) -> tuple[list[str], str]:
    """Digits and the digit the prompt names -> (a note under each sample: the class read; its words in the table),
    and a Markdown table: per sample the class read and the caption words."""
    read = classes(x).tolist()
    described = words(x)
    notes = [say("reads_k", k=k) for k in read]
    lines = [say("table_head"), "|---|---|---|"]
    lines += [f"| {i + 1} | {k} | {w or '—'} |" for i, (k, w) in enumerate(zip(read, described, strict=True))]
    summary = say("reads_named", k=sum(k == digit for k in read), n=len(read), digit=digit) if digit is not None else ""
    return notes, (summary + "\n\n" if summary else "") + "\n".join(lines)
