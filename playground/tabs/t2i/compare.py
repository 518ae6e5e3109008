"""Handlers of the text-to-image tab's comparisons: the negative prompt taken apart, a word swapped under the same
seed, and the guidance scale against CLIP score (live, and the trade-off curve measured by ``benchmarks.t2i``)."""

from __future__ import annotations

import gradio as gr
import numpy as np
import torch

from models.core.results import load_result
from models.diffusion.text.sampling import prompt_samples
from playground import validate
from playground.ranges import RangeError, parse_values
from playground.settings import SETTINGS
from playground.tabs.t2i import prompt as P
from playground.tabs.t2i.handlers import sampling_inputs
from playground.tabs.t2i.texts import say
from playground.tabs.t2i.view import labelled_rows, latent_picture, picture, picture_rows, tradeoff_figure

RESULT = "t2i"  # assets/results/t2i.json, written by python -m benchmarks.t2i
PARTS = ("empty", "prompt", "negative", "guided", "guided_negative")


def _digit_notes(pipe, rows: list[torch.Tensor]) -> list[list[str]] | None:
    """Under each digit: what the captions' measures call it ("thick, small"); None for a Stable Diffusion."""
    from models.diffusion.text.sampling import draws_digits

    if not draws_digits(pipe):
        return None
    from playground.tabs.t2i.measures import words

    return [words(x) for x in rows]


def t2i_negative(prompt="a 3", negative="thin", guidance=3.0, steps=25, seed=0, at_step=8):
    """API /t2i_negative: the negative prompt taken apart. At one step of the run guided against it: ε̂ for the empty
    prompt, the prompt and the negative prompt, plain CFG against "" and CFG against the negative prompt (top row),
    with the x̂₀ each implies (bottom row); then four seeds sampled to the end against "" and against the negative
    prompt. -> (parts picture, samples picture, Markdown)."""
    from models.diffusion.text.sampling import negative_parts

    text = P.text(prompt)
    neg = P.text(negative, "negative prompt", empty_ok=True)
    guidance, steps, seed, _ = sampling_inputs(guidance, steps, seed)
    at_step = validate.number(at_step, 0, steps - 1, "step to inspect", integer=True)
    pipe = P.pipeline()
    parts = negative_parts(pipe, text, neg, guidance, steps, seed, at_step)
    cell = 112
    columns = [say(f"part_{k}") for k in PARTS]
    top = [latent_picture(parts.eps[k][0], cell) for k in PARTS]
    bottom = [picture(parts.x0[k][0], cell) for k in PARTS]
    figure = labelled_rows([top, bottom], columns, [say("eps_row"), say("x0_row")], label_px=18)
    plain = prompt_samples(pipe, [text] * 4, guidance, steps, seed)
    away = prompt_samples(pipe, [text] * 4, guidance, steps, seed, neg)
    rows = [say("against_empty"), say("against_negative", neg=neg or say("empty_prompt"))]
    samples = picture_rows([plain, away], rows, _digit_notes(pipe, [plain, away]))
    pull = float((parts.eps["prompt"] - parts.eps["empty"]).std())
    push = float((parts.eps["prompt"] - parts.eps["negative"]).std())
    md = say("negative_summary", t=parts.t, at=at_step + 1, steps=steps, w=guidance, pull=pull, push=push)
    return figure, samples, md + _measured(pipe, dict(zip(rows, (plain, away), strict=True)))


def t2i_swap(prompt_a="a thin 7", prompt_b="a thick 7", guidance=3.0, steps=25, seed=0, n=6):
    """API /t2i_swap: two prompts from the same noise (seed: the first column's; every column its own) -> (picture:
    the two rows and where they differ, Markdown: what changed, measured)."""
    a = P.text(prompt_a, "prompt A")
    b = P.text(prompt_b, "prompt B")
    guidance, steps, seed, n = sampling_inputs(guidance, steps, seed, n)
    pipe = P.pipeline()
    xa = prompt_samples(pipe, [a] * n, guidance, steps, seed)
    xb = prompt_samples(pipe, [b] * n, guidance, steps, seed)
    diff = (xa - xb).abs()
    notes = _digit_notes(pipe, [xa, xb])
    picture_ = picture_rows([xa, xb, diff], [a, b, say("difference")], notes and [*notes, [""] * n])
    changed = float((diff > 0.25).float().mean())
    md = say("swap_summary", changed=100 * changed, n=n)
    return picture_, md + _measured(pipe, {a: xa, b: xb})


def _measured(pipe, rows: dict[str, torch.Tensor]) -> str:
    """A Markdown table of the captions' measures, averaged over each row's digits ("" for a Stable Diffusion)."""
    from models.diffusion.text.sampling import draws_digits

    if not draws_digits(pipe):
        return ""
    from models.diffusion.text.captions import size, slant, thickness

    lines = [f"| {say('measure_mean')} | " + " | ".join(rows) + " |", "|---" * (len(rows) + 1) + "|"]
    for name, fn in (("thickness", thickness), ("slant", slant), ("height_px", size)):
        lines.append(f"| {say(name)} | " + " | ".join(f"{np.mean(fn(x)):.2f}" for x in rows.values()) + " |")
    return "\n\n" + "\n".join(lines)


def _scales(text) -> list[float]:
    try:
        values = parse_values(text, max_values=SETTINGS.t2i_scales_max)
    except RangeError as e:
        raise gr.Error(say("scales_error", error=e)) from None
    return [validate.number(v, 0, SETTINGS.diffusion_guidance_max, "guidance scale") for v in values]


def t2i_guidance(prompt="a 4", scales="0, 1, 2, 3, 5, 8", steps=25, seed=0, n=4):
    """API /t2i_guidance: one prompt at several guidance scales, the same n noises in every row -> (picture: a row
    per w, Markdown: each w's CLIP score against the prompt and the class read, measured on these samples)."""
    text = P.text(prompt)
    w = _scales(scales)
    _, steps, seed, n = sampling_inputs(1.0, steps, seed, n, n_max=4)
    pipe = P.pipeline()
    rows = [prompt_samples(pipe, [text] * n, s, steps, seed) for s in w]
    md = say("guidance_live_head")
    from models.diffusion.text.sampling import draws_digits

    if draws_digits(pipe):
        from playground.tabs.t2i.measures import classes, clip_scores

        digit = P.named_digit(text)
        lines = [say("guidance_table_head"), "|---|---|---|"]
        for s, x in zip(w, rows, strict=True):
            read = "—" if digit is None else f"{int((classes(x) == digit).sum())}/{n}"
            lines.append(f"| {s:g} | {float(clip_scores(x, [text] * n).mean()):.1f} | {read} |")
        md += "\n\n" + "\n".join(lines)
    return picture_rows(rows, [f"w = {s:g}" for s in w]), md


def t2i_tradeoff():
    """API /t2i_tradeoff: the trade-off as ``benchmarks.t2i`` measured it on the shipped model (200 prompts "a k" per
    w, DDIM-25) -> (plot: digits-FID against CLIP score, a point per w; Markdown table)."""
    res = load_result(RESULT)
    if res is None:
        raise gr.Error(say("no_tradeoff_results"))
    rows = res["class"]
    lines = [say("tradeoff_table_head"), "|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['w']:g} | {r['clip_score_en']:.1f} / {r['clip_score_zh']:.1f} | {100 * r['accuracy_en']:.1f}% /"
            f" {100 * r['accuracy_zh']:.1f}% | {r['fid']:.1f} |"
        )
    md = say("tradeoff_note", n=res["n"], own=res["clip_score_held_out_own_captions"]) + "\n\n" + "\n".join(lines)
    return tradeoff_figure(rows), md
