"""Where each point's name goes on the trilemma chart: near its marker, clear of the other names and markers and
inside the figure (issue 36: names ran over each other and over markers, and "DDIM-50" was cut at the edge).

Plotly does not avoid collisions between texts, so the chart places each name itself, as an annotation: points
are taken largest marker first, and each name goes to the candidate spot (8 directions, at the marker's edge or
farther out with a leader line) whose box overlaps the least of the names already placed, every marker and the
outside of the plot, with a small price on distance. Boxes are estimated in screen pixels from the
axis ranges, which the chart fixes for that reason, on the plot sizes of a projector's screen (``PLOT_SIZES``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The plot areas the names must fit, in the figure's own px (legend below the plot): lecture mode at 1024x768 and at
# 1280x720 (measured 567 x 272 and 824 x 237 screen px: lecture mode shows the figure at 1.2x), and a 1400x900 page
# (880 x 370). A spot is chosen for all at once: a wider plot moves the points apart, not the names' offsets.
PLOT_SIZES = ((470, 225), (690, 195), (880, 370))
TOP_MARGIN = 50  # px above the plot area (the figure's top margin): names of the points at the top go there
TEXT_PX = 14  # the chart's font (``pictures.LABEL_PX``)
PAD = 3  # px kept clear around a name
DIRECTIONS = ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1))  # preferred first; y down
PASSES = 3
REACH = (2, 16, 36)  # px from the marker's edge to the name; beyond the first a leader line joins them


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(w, 0.0) * max(h, 0.0)

    def outside(self, w: float, h: float) -> float:
        """Area beyond a w x h plot area and the figure's margin above it, where a name still shows."""
        return (self.x1 - self.x0) * (self.y1 - self.y0) - self.overlap(Box(0, -TOP_MARGIN, w, h))


@dataclass(frozen=True)
class Spot:
    """A name's place: its centre's offset from the marker's centre, px (y down), and whether a line joins them."""

    dx: float
    dy: float
    leader: bool


def text_width(text: str) -> float:
    """Rendered width in px at TEXT_PX: a CJK character ~1 em, a Latin one ~0.5 em (measured: 0.45 on average)."""
    return sum(TEXT_PX if ord(c) >= 0x2E80 else 0.5 * TEXT_PX for c in text)


def spots(radius: float, text: str) -> list[Spot]:
    """The candidate places of ``text`` around a marker of ``radius`` px, in order of preference."""
    w, h = text_width(text), TEXT_PX * 1.2
    out = []
    for k, reach in enumerate(REACH):
        for ux, uy in DIRECTIONS:
            r = (radius + reach) * (0.71 if ux and uy else 1.0)  # a corner sits on the marker's diagonal
            out.append(Spot(ux * (r + w / 2), uy * (r + h / 2), leader=k > 0))
    return out


def box_at(x: float, y: float, spot: Spot, text: str) -> Box:
    w, h = text_width(text) + 2 * PAD, TEXT_PX * 1.2 + 2 * PAD
    cx, cy = x + spot.dx, y + spot.dy
    return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def place(x: np.ndarray, y: np.ndarray, radii: np.ndarray, texts: list[str], x_range, y_range) -> list[Spot]:
    """Points at data (x, y) (N,) each, x on a log axis over ``x_range`` (log10 units), y over ``y_range``, marker
    radii (N,) px, names (N,) -> each name's spot, the same on every plot size in PLOT_SIZES. Greedy, largest
    marker first, then ``PASSES`` rounds in which each name moves to its best spot given all the others."""
    screens = [(to_screen(x, y, x_range, y_range, w, h), w, h) for w, h in PLOT_SIZES]
    n = len(texts)
    chosen: list[Spot | None] = [None] * n

    def cost(i: int, spot: Spot) -> float:
        total = 0.5 * (abs(spot.dx) + abs(spot.dy))  # near is better
        for points, w, h in screens:
            box = box_at(*points[i], spot, texts[i])
            for j in range(n):
                if j != i:
                    total += box.overlap(Box(*(points[j] - radii[j] - PAD), *(points[j] + radii[j] + PAD)))
                    if chosen[j] is not None:
                        total += box.overlap(box_at(*points[j], chosen[j], texts[j]))
            total += 4 * box.outside(w, h)  # a cut name is worse than a hidden one
        return total

    order = list(np.argsort(-radii, kind="stable"))
    for _ in range(1 + PASSES):
        for i in order:
            chosen[i] = None
            chosen[i] = min(spots(radii[i], texts[i]), key=lambda spot, i=i: cost(i, spot))  # ties: the preferred
    return chosen


def to_screen(x: np.ndarray, y: np.ndarray, x_range, y_range, w: float, h: float) -> np.ndarray:
    """Data coordinates (x on a log axis) -> screen px (y down) on a w x h plot area."""
    px = (np.log10(x) - x_range[0]) / (x_range[1] - x_range[0]) * w
    py = (y_range[1] - y) / (y_range[1] - y_range[0]) * h
    return np.stack([px, py], 1)
