"""Pictures of the text-to-image tab: pictures in rows with labels, per-token attention laid over the picture, the
tokens as chips, the token embeddings and the guidance trade-off. Pure functions of arrays."""

from __future__ import annotations

import html
import re

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image, ImageDraw

from playground.pictures import FIGURE_LABEL_PX, LABEL_PX, draw_text, font
from playground.tabs.t2i.texts import say

HEAT = np.array([255, 64, 0], np.float32)  # attention drawn in orange-red over the grey picture
GAP = 8


def picture(x: torch.Tensor, cell: int) -> Image.Image:
    """One picture (C, H, W) in [0, 1] (C = 1: a digit, 3: a Stable Diffusion's RGB) -> ``cell`` px, RGB."""
    a = (x.float().clamp(0, 1).permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
    img = Image.fromarray(a[..., 0] if a.shape[2] == 1 else a).convert("RGB")
    return img.resize((cell, cell), Image.NEAREST if x.shape[-1] <= 64 else Image.BILINEAR)


def overlay(x: torch.Tensor, heat: torch.Tensor, cell: int) -> Image.Image:
    """A picture (C, H, W) in [0, 1], darkened, with a map (s, s) >= 0 over it, stretched from its lowest to its
    highest value, so each token's map shows where it looks most, whatever its share (printed under it)."""
    base = np.asarray(picture(x, cell), np.float32) * 0.55
    m = torch.nn.functional.interpolate(heat[None, None].float(), size=(cell, cell), mode="bilinear")[0, 0].numpy()
    a = ((m - m.min()) / max(float(m.max() - m.min()), 1e-12))[..., None] * 0.85
    return Image.fromarray((base * (1 - a) + HEAT * a).clip(0, 255).astype(np.uint8))


def fitted_font(text: str, width: int, largest: int):
    """The largest font, ``largest`` down to LABEL_PX, in which ``text`` fits ``width`` (else LABEL_PX)."""
    for size in range(largest, LABEL_PX, -1):
        if font(size).getlength(text) <= width:
            return font(size)
    return font(LABEL_PX)


def _wrap(text: str, width: int, px: int = LABEL_PX) -> list[str]:
    """A note -> lines of at most ``width`` px in the app's font at ``px``, broken after its commas (English "thick,
    large") or its Chinese enumeration commas (粗、小), else kept whole."""
    pieces = re.split(r"(?<=[,、])\s*", text) if text else []
    lines: list[str] = []
    for piece in pieces:
        joined = f"{lines[-1]} {piece}" if lines and "," in lines[-1] else (lines[-1] + piece if lines else piece)
        if lines and font(px).getlength(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines


def labelled_rows(
    rows: list[list[Image.Image]],
    columns: list[str],
    row_labels: list[str] | None = None,
    notes: list[list[str]] | None = None,
    label_px: int = FIGURE_LABEL_PX,
    note_px: int = LABEL_PX,
) -> Image.Image:
    """Cells (all the same size) in rows, a label over each column, optionally one left of each row and a short note
    under each cell (a token's share, a measured word)."""
    cell = rows[0][0].width
    left = 0
    if row_labels:
        left = max(int(font(label_px).getlength(r)) for r in row_labels) + 2 * GAP
    head = label_px + 14
    wrapped = [[_wrap(n, cell, note_px) for n in row] for row in notes] if notes else None
    lines = max((len(w) for row in wrapped for w in row), default=0) if wrapped else 0
    note_h = lines * (note_px + 4) + 6 if lines else 0
    width = left + len(rows[0]) * (cell + GAP) + GAP
    height = head + len(rows) * (cell + note_h + GAP) + GAP
    out = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(out)
    for j, text in enumerate(columns):
        x = left + GAP + j * (cell + GAP)
        draw_text(draw, (x + cell / 2, head // 2 + 2), text, fill="black", font=fitted_font(text, cell, label_px),
                  anchor="mm")  # fmt: skip
    for i, row in enumerate(rows):
        y = head + i * (cell + note_h + GAP)
        if row_labels:
            draw_text(draw, (GAP, y + cell // 2), row_labels[i], fill="black", font=font(label_px), anchor="lm")
        for j, img in enumerate(row):
            x = left + GAP + j * (cell + GAP)
            out.paste(img, (x, y))
            for k, line in enumerate(wrapped[i][j] if wrapped else []):
                draw_text(draw, (x + cell / 2, y + cell + 2 + k * (note_px + 4)), line, fill=(60, 60, 60),
                          font=font(note_px), anchor="mt")  # fmt: skip
    return out


def attention_rows(
    rows: list[tuple[str, torch.Tensor, torch.Tensor]], tokens: list[str], cell: int = 96
) -> Image.Image:
    """The per-token maps: each row (label, picture (C, H, W), maps (T, s, s) of the T token columns) -> the picture,
    then each token's map over it, the token's share of the attention (mean over the cells) under it."""
    cells, notes = [], []
    for _, x, maps in rows:
        cells.append([picture(x, cell)] + [overlay(x, m, cell) for m in maps])
        share = maps.flatten(1).mean(1)
        notes.append([""] + [f"{100 * float(s):.0f}%" for s in share])
    # the tab's main figure, which lecture mode shrinks to the screen: its shares drawn larger than a label's minimum
    return labelled_rows(cells, [say("picture"), *tokens], [r[0] for r in rows], notes, note_px=FIGURE_LABEL_PX - 4)


def picture_rows(rows: list[torch.Tensor], row_labels: list[str], notes=None, cell: int = 96) -> Image.Image:
    """Rows of pictures (N, C, H, W), each labelled on the left; column k holds each row's k-th sample (drawn from the
    same k-th noise of the seed)."""
    cells = [[picture(x, cell) for x in row] for row in rows]
    columns = [say("sample_n", n=j + 1) for j in range(len(rows[0]))]
    return labelled_rows(cells, columns, row_labels, notes, label_px=LABEL_PX + 4)


def latent_picture(z: torch.Tensor, cell: int, r: float = 3.0) -> Image.Image:
    """A latent or a prediction (c, h, w) over [-r, r]: its channels in a 2 x 2 mosaic (one channel alone) in grey."""
    from playground.pictures import mosaic

    a = mosaic(z[:, None], -r, r, cols=2 if z.shape[0] == 4 else None)
    return Image.fromarray(a).convert("RGB").resize((cell, cell), Image.NEAREST)


CHIP = "display:inline-flex;flex-direction:column;align-items:center;padding:2px 6px;margin:2px;border-radius:6px;"
CHIP += "font-size:16px;color:#111;border:1px solid #9ca3af;"
CHIP_COLOUR = {"special": "#bfdbfe", "word": "#fde68a", "pad": "#e5e7eb", "cut": "#fecaca"}


def chips(tokens: list[tuple[str, int, str]], max_length: int) -> str:
    """The tokens as the tokenizer made them: (text, id, kind) with kind "special" (start, end), "word", "pad" or
    "cut" (past the maximum length: never read) -> HTML, one chip per token with its id under it (inline styles:
    the page's theme does not know these classes)."""
    parts = []
    for text, token_id, kind in tokens:
        style = CHIP + f"background:{CHIP_COLOUR[kind]};" + ("text-decoration:line-through;" if kind == "cut" else "")
        parts.append(
            f'<span class="t2i-chip t2i-{kind}" style="{style}"><b>{html.escape(text)}</b>'
            f'<small style="font-size:13px;color:#444">{token_id}</small></span>'
        )
    legend = html.escape(say("chips_legend", n=max_length))
    return f'<div class="t2i-chips">{"".join(parts)}</div><p style="font-size:15px">{legend}</p>'


def embedding_figure(hidden: torch.Tensor, tokens: list[str]) -> go.Figure:
    """The text encoder's output (L, d) as a heat map: one row per token slot (the padding rows too)."""
    labels = [f"{i}: {t}" for i, t in enumerate(tokens)]
    fig = go.Figure(go.Heatmap(z=hidden.float().numpy(), y=labels, colorscale="RdBu", zmid=0))
    fig.update_layout(
        height=max(320, 18 * len(tokens) + 80),
        margin={"l": 120, "r": 20, "t": 40, "b": 40},
        title={"text": say("embedding_title", L=hidden.shape[0], d=hidden.shape[1]), "font": {"size": LABEL_PX + 2}},
        xaxis_title=say("channel"),
        yaxis={"autorange": "reversed", "tickfont": {"size": 12}},
    )
    return fig


def tradeoff_figure(rows: list[dict]) -> go.Figure:
    """Stable Diffusion's trade-off, measured on this model: against w, the CLIP score of English and Chinese prompts
    (left axis) and digits-FID (right axis, dashed) — the prompt followed better, the data left further behind."""
    from plotly.subplots import make_subplots

    w = [r["w"] for r in rows]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for lang, name in (("en", say("english_prompts")), ("zh", say("chinese_prompts"))):
        fig.add_trace(go.Scatter(x=w, y=[r[f"clip_score_{lang}"] for r in rows], mode="lines+markers", name=name))
    fig.add_trace(
        go.Scatter(x=w, y=[r["fid"] for r in rows], mode="lines+markers", name="digits-FID", line={"dash": "dash"}),
        secondary_y=True,
    )
    fig.update_layout(
        height=380,
        margin={"l": 50, "r": 50, "t": 50, "b": 50},
        title={"text": say("tradeoff_title"), "font": {"size": LABEL_PX + 2}},
        legend={"orientation": "h", "y": -0.3},
    )
    fig.update_xaxes(title_text=say("guidance_scale_w"))
    fig.update_yaxes(title_text=say("clip_score_axis"), secondary_y=False)
    fig.update_yaxes(title_text=say("fid_axis"), secondary_y=True)
    return fig
