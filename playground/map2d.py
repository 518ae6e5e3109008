"""The latent map as a clickable image: test digits as dots coloured by label (or the decoded
manifold underneath), a marker at the current z and an interpolation path on top.

Gradio's Plot has no click events, so the map is a plain image whose ``.select`` gives the pixel
that was clicked; ``MapGeometry`` converts between pixels and map coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from playground.pictures import FIGURE_LABEL_PX, draw_text, font

# matplotlib's tab10, so the colours match every other MNIST scatter people have seen
LABEL_COLOURS = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
]
# The square plot area and its offset inside the canvas: the maps are main figures, their labels at
# FIGURE_LABEL_PX; room on the left for a tick label ("-10") and the y-axis name beside it.
PLOT, LEFT, TOP = 440, 3 * FIGURE_LABEL_PX + 6, 12
TICK_END = TOP + PLOT + 8 + FIGURE_LABEL_PX  # the x ticks' labels end here, the axis name starts
WIDTH, HEIGHT = LEFT + PLOT + 12, TICK_END + 3 * FIGURE_LABEL_PX + 12


def _font(size: int = FIGURE_LABEL_PX):
    return font(max(size, FIGURE_LABEL_PX))  # the app's font: one look with every other label


@dataclass(frozen=True)
class MapGeometry:
    """Map coordinates (x, y) <-> canvas pixels; y grows upwards on the map, downwards on screen."""

    x0: float
    x1: float
    y0: float
    y1: float

    @classmethod
    def around(cls, points: np.ndarray, at_least: float = 0.0, pad: float = 0.08) -> MapGeometry:
        lo, hi = points.min(0), points.max(0)
        centre, half = (lo + hi) / 2, max((hi - lo).max() / 2 * (1 + pad), at_least)
        return cls(centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)

    def to_pixel(self, xy: np.ndarray) -> np.ndarray:
        xy = np.atleast_2d(xy)
        px = LEFT + (xy[:, 0] - self.x0) / (self.x1 - self.x0) * PLOT
        py = TOP + (self.y1 - xy[:, 1]) / (self.y1 - self.y0) * PLOT
        return np.stack([px, py], 1)

    def from_pixel(self, px: float, py: float) -> np.ndarray:
        """Clicks outside the plot area are clamped to its edge."""
        u = np.clip((px - LEFT) / PLOT, 0.0, 1.0)
        v = np.clip((py - TOP) / PLOT, 0.0, 1.0)
        return np.array([self.x0 + u * (self.x1 - self.x0), self.y1 - v * (self.y1 - self.y0)])


def _nice_ticks(lo: float, hi: float, n: int = 5) -> np.ndarray:
    raw = (hi - lo) / n
    step = 10 ** np.floor(np.log10(raw))
    step *= min((m for m in (1, 2, 5, 10) if m * step >= raw), default=10)
    return np.round(np.arange(np.ceil(lo / step) * step, hi + 1e-9, step), 10)


def render_base(
    geometry: MapGeometry,
    points: np.ndarray | None,
    labels: np.ndarray | None,
    axis_names: tuple[str, str],
    background: Image.Image | None = None,
) -> Image.Image:
    """The static part of a map: axes, ticks, dots (or a background image) and the label legend."""
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    if background is not None:
        img.paste(background.convert("RGB").resize((PLOT, PLOT), Image.BILINEAR), (LEFT, TOP))
    small = _font()
    for t in _nice_ticks(geometry.x0, geometry.x1):
        px = geometry.to_pixel(np.array([t, geometry.y0]))[0, 0]
        draw.line([(px, TOP + PLOT), (px, TOP + PLOT + 4)], fill="black")
        draw_text(draw, (px, TOP + PLOT + 6), f"{t + 0.0:g}", fill="black", font=small, anchor="mt")
        if background is None:
            draw.line([(px, TOP), (px, TOP + PLOT)], fill=(235, 235, 235))
    for t in _nice_ticks(geometry.y0, geometry.y1):
        py = geometry.to_pixel(np.array([geometry.x0, t]))[0, 1]
        draw.line([(LEFT - 4, py), (LEFT, py)], fill="black")
        draw_text(draw, (LEFT - 6, py), f"{t + 0.0:g}", fill="black", font=small, anchor="rm")
        if background is None:
            draw.line([(LEFT, py), (LEFT + PLOT, py)], fill=(235, 235, 235))
    draw.rectangle([LEFT, TOP, LEFT + PLOT, TOP + PLOT], outline="black")
    label = _font()
    draw_text(draw, (LEFT + PLOT / 2, TICK_END), axis_names[0], fill="black", font=label, anchor="mt")
    draw_text(draw, (4, TOP + PLOT / 2), axis_names[1], fill="black", font=label, anchor="lm")
    if points is not None:
        order = np.random.default_rng(0).permutation(len(points))  # no class painted last on top
        for (px, py), c in zip(geometry.to_pixel(points)[order], labels[order], strict=True):
            draw.ellipse([px - 3, py - 3, px + 3, py + 3], fill=LABEL_COLOURS[int(c)])
        y = HEIGHT - FIGURE_LABEL_PX
        for c in range(10):
            x = LEFT + c * (PLOT / 10) + 10
            draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=LABEL_COLOURS[c])
            draw_text(draw, (x + 10, y), str(c), fill="black", font=label, anchor="lm")
    return img


def render_overlay(
    base: Image.Image,
    geometry: MapGeometry,
    marker: np.ndarray | None = None,
    path: np.ndarray | None = None,
) -> Image.Image:
    """Copy of ``base`` with an interpolation path (K, 2) and a marker (2,) in map coordinates."""
    img = base.copy()
    draw = ImageDraw.Draw(img)
    if path is not None and len(path) > 1:
        pts = [tuple(p) for p in geometry.to_pixel(path)]
        draw.line(pts, fill="black", width=3)
        for i, (px, py) in enumerate(pts):
            r = 6 if i in (0, len(pts) - 1) else 4
            draw.ellipse([px - r, py - r, px + r, py + r], fill="white", outline="black", width=2)
        draw_text(draw, (pts[0][0] + 8, pts[0][1] - 8), "A", fill="black", font=_font(), anchor="ld")
        draw_text(draw, (pts[-1][0] + 8, pts[-1][1] - 8), "B", fill="black", font=_font(), anchor="ld")
    if marker is not None:
        px, py = geometry.to_pixel(marker)[0]
        draw.line([(px - 11, py), (px + 11, py)], fill="black", width=5)
        draw.line([(px, py - 11), (px, py + 11)], fill="black", width=5)
        draw.line([(px - 9, py), (px + 9, py)], fill=(255, 215, 0), width=2)
        draw.line([(px, py - 9), (px, py + 9)], fill=(255, 215, 0), width=2)
    return img
