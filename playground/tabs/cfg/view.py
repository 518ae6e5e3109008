"""Pictures of the guidance tab: the labelled grid (with optional sub-grids), the trade-off plot and
the mechanics of one cell. Pure functions of arrays."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image, ImageDraw
from plotly.subplots import make_subplots

from playground.pictures import FIGURE_LABEL_PX, LABEL_PX, draw_text, font
from playground.tabs.cfg.texts import say

CELL_PX = 64  # one 32 x 32 sample drawn at 2x
GAP = 6
# The grid is the tab's main figure: its labels in the app's font (Latin and Chinese) at FIGURE_LABEL_PX, as
# lecture mode shrinks a tall grid to the screen's height. A line of it is about that + 8 px tall (ascent and
# descent), and "class 3" / "类别 3" / "uncond." fit in the row labels' band.
ROW_LABEL_W = 4 * FIGURE_LABEL_PX + 8
COL_LABEL_H = FIGURE_LABEL_PX + 12
TITLE_H = FIGURE_LABEL_PX + 14


def _tile(x: torch.Tensor) -> Image.Image:
    """(1, 32, 32) in [-1, 1] -> a CELL_PX picture."""
    a = ((x[0].float().clamp(-1, 1) + 1) * 127.5 + 0.5).to(torch.uint8).numpy()
    return Image.fromarray(a).resize((CELL_PX, CELL_PX), Image.NEAREST)


def grid_size(rows: int, cols: int, seeds: int, blocks: int = 1) -> tuple[int, int]:
    """(width, height) in pixels of ``grid_image`` for these dimensions."""
    cell_w = seeds * CELL_PX + (seeds - 1) * 2
    width = ROW_LABEL_W + cols * (cell_w + GAP) + GAP
    block_h = TITLE_H + COL_LABEL_H + rows * (CELL_PX + GAP) + GAP
    return width, blocks * block_h


def column_font(label: str, width: int):
    """The largest label size, FIGURE_LABEL_PX down to LABEL_PX, at which a column's label ("w = 0.125") fits
    over its cells: one seed's cell is 64 px."""
    for size in range(FIGURE_LABEL_PX, LABEL_PX, -1):
        if font(size).getlength(label) <= width:
            return font(size)
    return font(LABEL_PX)


def grid_image(
    blocks: list[torch.Tensor], row_labels: list[str], col_labels: list[str], titles: list[str]
) -> Image.Image:
    """Sub-grids stacked vertically, each (R, C, S, 1, 32, 32): rows and columns labelled on the
    image, the S seeds of a cell side by side, a title above each sub-grid."""
    r, c, s = blocks[0].shape[:3]
    width, height = grid_size(r, c, s, len(blocks))
    out = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(out)
    f = font(FIGURE_LABEL_PX)
    cell_w = s * CELL_PX + (s - 1) * 2
    block_h = height // len(blocks)
    for b, (block, title) in enumerate(zip(blocks, titles, strict=True)):
        top = b * block_h
        draw_text(draw, (GAP, top + 4), title, fill=0, font=f)
        for j, label in enumerate(col_labels):
            x = ROW_LABEL_W + j * (cell_w + GAP) + GAP
            draw_text(draw, (x, top + TITLE_H), label, fill=0, font=column_font(label, cell_w))
        for i, label in enumerate(row_labels):
            y = top + TITLE_H + COL_LABEL_H + i * (CELL_PX + GAP)
            draw_text(draw, (GAP, y + CELL_PX // 2), label, fill=0, font=f, anchor="lm")
            for j in range(c):
                for k in range(s):
                    x = ROW_LABEL_W + j * (cell_w + GAP) + GAP + k * (CELL_PX + 2)
                    out.paste(_tile(block[i, j, k]), (x, y))
    return out


def tradeoff_figure(
    scales: list[float], accuracy: np.ndarray, diversity: np.ndarray, n_per_scale: int, sub_grid: str | None = None
) -> go.Figure:
    """Class accuracy and within-class diversity against the guidance scale, two y axes. sub_grid: the title of
    the sub-grid measured, where there are several."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Scatter(x=scales, y=100 * accuracy, name=say("class_accuracy"), mode="lines+markers"),
        secondary_y=False,
    )
    if np.isfinite(diversity).any():
        fig.add_trace(
            go.Scatter(x=scales, y=diversity, name=say("diversity_mean_feature_distance"), mode="lines+markers"),
            secondary_y=True,
        )
    fig.update_xaxes(title_text=say("guidance_scale_w"))
    fig.update_yaxes(title_text=say("accuracy"), range=[0, 105], secondary_y=False)
    fig.update_yaxes(title_text=say("diversity"), secondary_y=True)
    title = (
        say("measured_first_sub_grid", title=sub_grid, n=n_per_scale)
        if sub_grid
        else say("measured_these_samples_n", n=n_per_scale)
    )
    fig.update_layout(
        height=320,
        margin={"l": 40, "r": 40, "t": 40, "b": 40},
        title={"text": title, "font": {"size": LABEL_PX + 2}},
        legend={"orientation": "h", "y": -0.3},
    )
    return fig


def _lines(draw: ImageDraw.ImageDraw, text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` px in the label font: at spaces, or anywhere in a
    text without spaces (Chinese)."""
    f, lines, line = font(LABEL_PX), [], ""
    for piece in text.split(" ") if " " in text else list(text):
        joined = f"{line} {piece}" if line and " " in text else line + piece
        if line and draw.textlength(joined, font=f) > width:
            lines.append(line)
            line = piece
        else:
            line = joined
    return [*lines, line]


def mechanics_strip(items: list[tuple[torch.Tensor, str, float]], cell: int = 128, gap: int = 10) -> Image.Image:
    """(picture (1, 1, 32, 32), label, value range r) side by side, each shown over [-r, r], its label
    above it (wrapped to the picture's width, so labels never run into each other)."""
    from playground.pictures import mosaic

    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    labels = [_lines(draw, label, cell) for _, label, _ in items]
    line_h = LABEL_PX + 6
    label_h = max(len(lines) for lines in labels) * line_h + 4
    out = Image.new("L", (len(items) * (cell + gap) + gap, cell + label_h + 2 * gap), 255)
    draw = ImageDraw.Draw(out)
    for i, ((x, _, r), lines) in enumerate(zip(items, labels, strict=True)):
        left = gap + i * (cell + gap)
        for k, line in enumerate(lines):
            draw_text(draw, (left, gap // 2 + k * line_h), line, fill=0, font=font(LABEL_PX))
        out.paste(Image.fromarray(mosaic(x, -r, r)).resize((cell, cell), Image.NEAREST), (left, gap + label_h))
    return out
