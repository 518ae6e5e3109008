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
PAD = 5  # px kept clear around a name (3 let "vae16_beta4" touch "DCGAN (collapsing)")
DIRECTIONS = ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1))  # preferred first; y down
PASSES = 3
REACH = (2, 16, 36)  # px from the marker's edge to the name; beyond the first a leader line joins them


@dataclass(frozen=True)
class Spot:
    """A name's place: its centre's offset from the marker's centre, px (y down), and whether a line joins them."""

    dx: float
    dy: float
    leader: bool


def text_width(text: str) -> float:
    """Rendered width in px at TEXT_PX: a CJK character ~1 em, a capital ~0.68 em, other Latin ~0.5 em (measured:
    0.45 on average; at 0.5 for capitals too, "DCGAN (collapsing)" ran under "vae16_beta4" once the flow's point
    moved)."""
    return sum(TEXT_PX if ord(c) >= 0x2E80 else (0.68 if c.isupper() else 0.5) * TEXT_PX for c in text)


def spots(radius: float, text: str) -> list[Spot]:
    """The candidate places of ``text`` around a marker of ``radius`` px, in order of preference."""
    w, h = text_width(text), TEXT_PX * 1.2
    out = []
    for k, reach in enumerate(REACH):
        for ux, uy in DIRECTIONS:
            r = (radius + reach) * (0.71 if ux and uy else 1.0)  # a corner sits on the marker's diagonal
            out.append(Spot(ux * (r + w / 2), uy * (r + h / 2), leader=k > 0))
    return out


def half_size(text: str) -> np.ndarray:
    """Half the width and height of ``text``'s box, with PAD around it, px."""
    return np.array([text_width(text) / 2 + PAD, TEXT_PX * 0.6 + PAD])


def overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Boxes a (K, 4) and b (M, 4) as (x0, y0, x1, y1) -> (K,) each box of a's area of overlap, summed over b."""
    w = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    h = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(1)


def boxes(centres: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Centres (K, 2) and half sizes (2,) or (K, 2) -> boxes (K, 4)."""
    return np.concatenate([centres - half, centres + half], 1)


def place(x: np.ndarray, y: np.ndarray, radii: np.ndarray, texts: list[str], x_range, y_range) -> list[Spot]:
    """Points at data (x, y) (N,) each, x on a log axis over ``x_range`` (log10 units), y over ``y_range``, marker
    radii (N,) px, names (N,) -> each name's spot, the same on every plot size in PLOT_SIZES. Greedy, largest
    marker first, then ``PASSES`` rounds in which each name moves to its best spot given all the others."""
    n = len(texts)
    screens = [(to_screen(x, y, x_range, y_range, w, h), w, h) for w, h in PLOT_SIZES]
    candidates = [spots(radii[i], texts[i]) for i in range(n)]
    offsets = [np.array([(c.dx, c.dy) for c in cs]) for cs in candidates]
    halves = np.array([half_size(t) for t in texts])
    chosen = np.full(n, -1)  # each name's spot, an index into its candidates (-1: not placed yet)

    def costs(i: int) -> np.ndarray:
        """The cost of each of name i's candidate spots, given the markers and the names placed."""
        total = 0.5 * np.abs(offsets[i]).sum(1)  # near is better
        others = np.arange(n) != i
        placed = others & (chosen >= 0)
        for points, w, h in screens:
            box = boxes(points[i] + offsets[i], halves[i])
            markers = boxes(points[others], (radii[others] + PAD)[:, None])
            names = boxes(
                np.array([points[j] + offsets[j][chosen[j]] for j in np.flatnonzero(placed)]).reshape(-1, 2),
                halves[placed],
            )
            area = (box[:, 2] - box[:, 0]) * (box[:, 3] - box[:, 1])
            inside = overlap(box, np.array([[0.0, -TOP_MARGIN, w, h]]))
            total += overlap(box, markers) + overlap(box, names) + 4 * (area - inside)  # a cut name: worse
        return total

    order = np.argsort(-radii, kind="stable")
    for _ in range(1 + PASSES):
        for i in order:
            chosen[i] = -1
            chosen[i] = int(np.argmin(costs(i)))  # ties: the first, preferred spot
    return [candidates[i][chosen[i]] for i in range(n)]


def to_screen(x: np.ndarray, y: np.ndarray, x_range, y_range, w: float, h: float) -> np.ndarray:
    """Data coordinates (x on a log axis) -> screen px (y down) on a w x h plot area."""
    px = (np.log10(x) - x_range[0]) / (x_range[1] - x_range[0]) * w
    py = (y_range[1] - y) / (y_range[1] - y_range[0]) * h
    return np.stack([px, py], 1)
