"""Handlers of the text-to-image tab's main view: a prompt's tokens, the denoising streamed with each token's
cross-attention, and the maps of one run per step and layer.

Every noise is drawn on the CPU from the seed (``sampling.latent_noise``), so a seed gives the same pictures on CPU and
GPU, and the attention view's run is the sample view's first sample.
"""

from __future__ import annotations

import functools
import json
import time
from pathlib import Path

import gradio as gr
import torch

from playground import validate
from playground.progress import Progress
from playground.settings import SETTINGS
from playground.tabs.t2i import prompt as P
from playground.tabs.t2i.texts import say
from playground.tabs.t2i.view import attention_rows, chips, embedding_figure, picture_rows

ALL_LAYERS = "all layers"
SHOWN = 4  # samples whose per-token maps the figure draws (all n are sampled and read)
STEP_ROWS = 4  # steps of the per-step attention view, evenly spaced, before the aggregate: 5 rows fit a projector
EXAMPLE = "a thick 7 leaning right"
STREAM_EVERY_S = 1 / SETTINGS.t2i_stream_fps  # seconds between two live updates, at least


def sampling_inputs(guidance, steps, seed, n=1, n_max: int = SETTINGS.t2i_batch_max):
    guidance = validate.number(guidance, 0.0, SETTINGS.diffusion_guidance_max, "guidance scale")
    steps = validate.number(steps, 1, SETTINGS.t2i_steps_max, "steps", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    n = validate.number(n, 1, n_max, "number of samples", integer=True)
    return guidance, steps, seed, n


def token_chips(prompt):
    """UI: the prompt's tokens as chips (start, words, end, padding, what truncation cut)."""
    try:
        text = P.text(prompt, empty_ok=True)
    except gr.Error:
        return gr.skip()
    pipe = P.pipeline()
    return chips([(t.text, t.id, t.kind) for t in P.tokens(pipe, text)], pipe.tokenizer.model_max_length)


def t2i_tokens(prompt="a thick 7 leaning right, in the top left corner"):
    """API /t2i_tokens: the prompt as the pipeline reads it -> (token chips HTML, the text encoder's output (L, d) as
    a heat map, Markdown: the count read of the maximum length, what truncation cut, words no caption used)."""
    from models.diffusion.text.sampling import contexts

    text = P.text(prompt, empty_ok=True)
    pipe = P.pipeline()
    rows = P.tokens(pipe, text)
    ids, hidden = contexts(pipe, [text])
    read = [t for t in rows if t.kind != "cut"]
    figure = embedding_figure(hidden[0].cpu(), [t.text for t in read])
    L = pipe.tokenizer.model_max_length
    words = sum(t.kind == "word" for t in rows)
    cut = [t.text for t in rows if t.kind == "cut"]
    md = say("tokens_summary", words=words, L=L, pad=sum(t.kind == "pad" for t in rows), d=hidden.shape[-1])
    if cut:
        md += "\n\n" + say("tokens_cut", n=len(cut), cut=" ".join(cut[:40]) + (" …" if len(cut) > 40 else ""))
    md += _unknown_note(pipe, text)
    return chips([(t.text, t.id, t.kind) for t in rows], L), figure, md


def _unknown_note(pipe, text: str) -> str:
    from models.diffusion.text.sampling import draws_digits

    unknown = P.unknown_words(text) if draws_digits(pipe) else []
    return "\n\n" + say("unknown_words", words=", ".join(unknown[:12])) if unknown else ""


def _columns(pipe, prompt: str) -> tuple[list[str], list[int], list[int]]:
    """The attention figure's token columns: (labels, the slots read, the padding slots (their maps averaged))."""
    rows = [t for t in P.tokens(pipe, prompt) if t.kind != "cut"]
    read = [t for t in rows if t.kind != "pad"]
    pads = [t.slot for t in rows if t.kind == "pad"]
    labels = [t.text for t in read] + ([say("padding_mean", n=len(pads))] if pads else [])
    return labels, [t.slot for t in read], pads


def token_maps(maps: torch.Tensor, slots: list[int], pads: list[int]) -> torch.Tensor:
    """Maps (B, L, s, s) -> (B, T, s, s): the slots read, then the padding slots' mean."""
    out = maps[:, slots]
    return torch.cat([out, maps[:, pads].mean(1, keepdim=True)], 1) if pads else out


def _cell(columns: int) -> int:
    return max(56, min(96, 1100 // (columns + 1)))


def t2i_sample(prompt=EXAMPLE, negative="", guidance=3.0, steps=25, seed=0, n=8):
    """API /t2i_sample (streaming): n samples of one prompt (seed: the first sample's noise; the others follow),
    DDIM guided against the negative prompt ("" by default). Yields (the samples' x̂₀, the first samples' per-token
    cross-attention at this step (layers averaged), status); the last yield: (the samples with the class the
    evaluator reads, each token's map aggregated over steps and layers, Markdown: what was read and measured)."""
    from models.diffusion.samplers import keeping
    from models.diffusion.text.sampling import aggregate, draws_digits, prompt_sampling

    text = P.text(prompt)
    neg = P.text(negative, "negative prompt", empty_ok=True)
    guidance, steps, seed, n = sampling_inputs(guidance, steps, seed, n)
    pipe = P.pipeline()
    labels, slots, pads = _columns(pipe, text)
    cell = _cell(len(labels))
    shown = min(n, SHOWN)
    recorded: list = []  # every step (its maps aggregate at the end)
    progress = Progress(steps, every_s=STREAM_EVERY_S)

    def update(step):
        maps = token_maps(aggregate([step.attention], 8), slots, pads)
        rows = [(f"#{i + 1}", step.x0_hat[i], maps[i]) for i in range(shown)]
        return (
            picture_rows([step.x0_hat], [say("x0_hat_step", t=step.t)]),
            attention_rows(rows, labels, cell),
            progress.status(say("sampling_what", steps=steps)),
        )

    run = prompt_sampling(pipe, [text] * n, guidance, steps, seed, neg, attention=True)
    x = yield from progress.follow(keeping(run, recorded), update)
    size = max(8, x.shape[-1] // 2)
    maps = token_maps(aggregate([r.attention for r in recorded], size), slots, pads)
    rows = [(f"#{i + 1}", x[i], maps[i]) for i in range(shown)]
    seconds = time.perf_counter() - progress.t0
    md = say("sampled", n=n, steps=steps, w=guidance, s=seconds, neg=neg or say("empty_prompt"))
    notes = None
    if draws_digits(pipe):
        from playground.tabs.t2i.measures import clip_scores, reading

        notes_row, table = reading(x, P.named_digit(text))
        notes = [notes_row]
        score = float(clip_scores(x, [text] * n).mean())
        md += "\n\n" + say("clip_score_line", score=score) + "\n\n" + table
    md += _unknown_note(pipe, text)
    yield picture_rows([x], [say("samples_row")], notes), attention_rows(rows, labels, cell), md


@functools.cache
def _unet_config(folder: str) -> dict:
    """A pipeline folder's UNet config, read once (every /t2i_attention checks its layer against it)."""
    return json.loads((Path(folder) / "unet" / "config.json").read_text())


def layer_choices(folder: str | None = None) -> tuple[tuple[str, str], ...]:
    """(label, name) of "all layers" and of every cross-attention layer of the pipeline's UNet, read from its config
    (no weights loaded): the attention modules of its cross-attention blocks as diffusers names them (what the API
    takes), labelled by where they sit and the latent's size there ("↓ 8×8 (1)": the first in the first down block;
    "· 4×4": the middle)."""
    config = _unet_config(folder or P.folder())
    per_block = config["layers_per_block"]
    per_block = per_block if isinstance(per_block, int) else per_block[0]
    downs, ups = config["down_block_types"], config["up_block_types"]
    side = [config["sample_size"] // 2**i for i in range(len(downs))]  # the last down block does not downsample
    out = [(ALL_LAYERS, ALL_LAYERS)]
    for i, kind in enumerate(downs):
        if "CrossAttn" in kind:
            out += [(f"↓ {side[i]}×{side[i]} ({j + 1})", f"down_blocks.{i}.attentions.{j}") for j in range(per_block)]
    if "CrossAttn" in (config.get("mid_block_type") or "UNetMidBlock2DCrossAttn"):
        out.append((f"· {side[-1]}×{side[-1]}", "mid_block.attentions.0"))
    for i, kind in enumerate(ups):
        s_ = side[len(downs) - 1 - i]
        if "CrossAttn" in kind:
            out += [(f"↑ {s_}×{s_} ({j + 1})", f"up_blocks.{i}.attentions.{j}") for j in range(per_block + 1)]
    return tuple(out)


def _of_layer(maps: dict[str, torch.Tensor], layer: str) -> dict[str, torch.Tensor]:
    return maps if layer == ALL_LAYERS else {k: v for k, v in maps.items() if k.startswith(layer + ".")}


def t2i_attention(prompt=EXAMPLE, negative="", guidance=3.0, steps=25, seed=0, layer=ALL_LAYERS):
    """API /t2i_attention: one sample's cross-attention per token, at evenly spaced steps and aggregated over all of
    them, in one layer or averaged over all -> (picture: a row per step, x̂₀ then each token's map, its share of the
    attention under it; Markdown: what the shares say)."""
    from models.diffusion.samplers import drain, keeping
    from models.diffusion.text.sampling import aggregate, prompt_sampling

    text = P.text(prompt)
    neg = P.text(negative, "negative prompt", empty_ok=True)
    guidance, steps, seed, _ = sampling_inputs(guidance, steps, seed)
    choices = dict((name, label) for label, name in layer_choices())
    validate.choice(layer, list(choices), "layer")
    pipe = P.pipeline()
    labels, slots, pads = _columns(pipe, text)
    records: list = []
    x = drain(keeping(prompt_sampling(pipe, [text], guidance, steps, seed, neg, attention=True), records))
    size = max(8, x.shape[-1] // 2)
    picks = sorted({round(i * (steps - 1) / max(STEP_ROWS - 1, 1)) for i in range(min(STEP_ROWS, steps))})
    rows = []
    for i in picks:
        r = records[i]
        maps = token_maps(aggregate([_of_layer(r.attention, layer)], size), slots, pads)[0]
        rows.append((say("step_row", i=i + 1, t=r.t), r.x0_hat[0], maps))
    total = token_maps(aggregate([_of_layer(r.attention, layer) for r in records], size), slots, pads)[0]
    rows.append((say("all_steps"), x[0], total))
    share = total.flatten(1).mean(1)
    top = int(share.argmax())
    md = say("attention_summary", layer=say("all_layers") if layer == ALL_LAYERS else choices[layer], top=labels[top],
             share=100 * float(share[top]), steps=steps)  # fmt: skip
    return attention_rows(rows, labels, _cell(len(labels))), md
