"""Pictures of the guidance tab: the labelled grid (with optional sub-grids), the trade-off plot and
the mechanics of one cell. Pure functions of arrays."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image, ImageDraw
from plotly.subplots import make_subplots

CELL_PX = 64  # one 32 x 32 sample drawn at 2x
GAP = 6
ROW_LABEL_W = 64
COL_LABEL_H = 22
TITLE_H = 22


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


def grid_image(
    blocks: list[torch.Tensor], row_labels: list[str], col_labels: list[str], titles: list[str]
) -> Image.Image:
    """Sub-grids stacked vertically, each (R, C, S, 1, 32, 32): rows and columns labelled on the
    image, the S seeds of a cell side by side, a title above each sub-grid."""
    r, c, s = blocks[0].shape[:3]
    width, height = grid_size(r, c, s, len(blocks))
    out = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(out)
    cell_w = s * CELL_PX + (s - 1) * 2
    block_h = height // len(blocks)
    for b, (block, title) in enumerate(zip(blocks, titles, strict=True)):
        top = b * block_h
        draw.text((GAP, top + 5), title, fill=0)
        for j, label in enumerate(col_labels):
            draw.text((ROW_LABEL_W + j * (cell_w + GAP) + GAP, top + TITLE_H + 4), label, fill=0)
        for i, label in enumerate(row_labels):
            y = top + TITLE_H + COL_LABEL_H + i * (CELL_PX + GAP)
            draw.text((GAP, y + CELL_PX // 2 - 6), label, fill=0)
            for j in range(c):
                for k in range(s):
                    x = ROW_LABEL_W + j * (cell_w + GAP) + GAP + k * (CELL_PX + 2)
                    out.paste(_tile(block[i, j, k]), (x, y))
    return out


def tradeoff_figure(scales: list[float], accuracy: np.ndarray, diversity: np.ndarray, n_per_scale: int) -> go.Figure:
    """Class accuracy and within-class diversity against the guidance scale, two y axes."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Scatter(x=scales, y=100 * accuracy, name="class accuracy (%)", mode="lines+markers"), secondary_y=False
    )
    if np.isfinite(diversity).any():
        fig.add_trace(
            go.Scatter(x=scales, y=diversity, name="diversity (mean feature distance)", mode="lines+markers"),
            secondary_y=True,
        )
    fig.update_xaxes(title_text="guidance scale w")
    fig.update_yaxes(title_text="accuracy %", range=[0, 105], secondary_y=False)
    fig.update_yaxes(title_text="diversity", secondary_y=True)
    fig.update_layout(
        height=320,
        margin={"l": 40, "r": 40, "t": 40, "b": 40},
        title={"text": f"measured on these samples ({n_per_scale} per scale)", "font": {"size": 13}},
        legend={"orientation": "h", "y": -0.3},
    )
    return fig


def mechanics_strip(items: list[tuple[torch.Tensor, str, float]]) -> Image.Image:
    """(picture (1, 1, 32, 32), label, value range r) side by side, each shown over [-r, r]."""
    from playground.pictures import labelled_strip, mosaic

    return labelled_strip([mosaic(x, -r, r) for x, _, r in items], [label for _, label, _ in items], cell=128, gap=10)
