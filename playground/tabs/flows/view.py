"""Drawing of the flows lab: the exact density as a heat map under the data and the samples; the
layer scrubber's frames (points and a grid carried through the flow); flow matching's ODE paths;
and the curves over training."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw
from plotly.colors import hex_to_rgb
from plotly.colors import sequential as seq
from plotly.subplots import make_subplots

from playground.map2d import HEIGHT, LABEL_COLOURS, LEFT, PLOT, TOP, WIDTH, MapGeometry, render_base
from playground.pictures import FIGURE_LABEL_PX, LABEL_PX, draw_text, font
from playground.tabs.flows.texts import say

LAYERS = ("density", "data", "samples", "mode centres")
DATA, SAMPLES, CENTRES = (255, 255, 255), (235, 50, 50), (255, 165, 0)  # legible on the dark heat map
DENSITY_RANGE = 12.0  # nats below the peak that the heat map spans; lower is drawn as the floor colour


def _lut(scale: list[str]) -> np.ndarray:
    """A 256-entry RGB look-up table interpolated from a plotly colour scale."""
    stops = np.array([hex_to_rgb(c) for c in scale], float)
    x = np.linspace(0, 1, len(stops))
    t = np.linspace(0, 1, 256)
    return np.stack([np.interp(t, x, stops[:, i]) for i in range(3)], 1).astype(np.uint8)


VIRIDIS = _lut(seq.Viridis)


def density_image(log_density: np.ndarray) -> Image.Image:
    """log q(x) on a grid -> viridis, the peak bright, DENSITY_RANGE nats below it dark."""
    top = np.nanmax(log_density)
    t = np.clip((np.nan_to_num(log_density, nan=top - DENSITY_RANGE) - top + DENSITY_RANGE) / DENSITY_RANGE, 0, 1)
    return Image.fromarray(VIRIDIS[(t * 255).astype(np.uint8)]).resize((PLOT, PLOT), Image.BILINEAR)


def _dots(draw: ImageDraw.ImageDraw, g: MapGeometry, points: np.ndarray, radius: float, colour) -> None:
    p = g.to_pixel(points)
    for px, py in p[(p[:, 0] > LEFT) & (p[:, 0] < LEFT + PLOT) & (p[:, 1] > TOP) & (p[:, 1] < TOP + PLOT)]:
        draw.ellipse([px - radius, py - radius, px + radius, py + radius], fill=colour)


def render_view(
    extent: float,
    real: np.ndarray,
    samples: np.ndarray,
    log_density: np.ndarray | None,
    centres: np.ndarray | None,
    sigma: float | None,
    layers: list[str],
    title: str = "",
    marker: np.ndarray | None = None,
) -> Image.Image:
    """The lab's main view over [−extent, extent]²."""
    g = MapGeometry(-extent, extent, -extent, extent)
    background = density_image(log_density) if log_density is not None and "density" in layers else None
    img = render_base(g, None, None, ("x1", "x2"), background)
    draw = ImageDraw.Draw(img)
    if "samples" in layers:
        _dots(draw, g, samples, 1.8, SAMPLES)
    if "data" in layers:
        _dots(draw, g, real[:600], 1.8, DATA)
    if "mode centres" in layers and centres is not None:  # 3σ circles: the high-quality zone
        r = max(4.0, 3 * sigma / (2 * extent) * PLOT)
        for px, py in g.to_pixel(centres):
            draw.ellipse([px - r, py - r, px + r, py + r], outline=CENTRES, width=2)
    if marker is not None:
        px, py = g.to_pixel(marker)[0]
        draw.line([(px - 10, py), (px + 10, py)], fill="red", width=3)
        draw.line([(px, py - 10), (px, py + 10)], fill="red", width=3)
    if title:  # in the plot's top-left corner, where no mode of any data set lies
        draw_text(
            draw,
            (LEFT + 6, TOP + 4),
            title,
            fill="white" if background is not None else "black",
            font=font(FIGURE_LABEL_PX),
        )
    return _with_legend(img)


def _with_legend(view: Image.Image) -> Image.Image:
    """The view with its key in two rows under the axis name (the dots, then what the heat means): at the
    main figure's label size one row does not hold both, in English or Chinese."""
    row = FIGURE_LABEL_PX + 10
    img = Image.new("RGB", (WIDTH, HEIGHT + row), "white")
    img.paste(view.crop((0, 0, WIDTH, HEIGHT - 2 * FIGURE_LABEL_PX)), (0, 0))
    draw, face = ImageDraw.Draw(img), font(FIGURE_LABEL_PX)
    y, x0 = HEIGHT - row, LEFT + 10
    for label, colour in ((say("data_2"), DATA), (say("flow_samples"), SAMPLES)):
        draw.ellipse([x0 - 6, y - 6, x0 + 6, y + 6], fill=colour, outline="black")
        draw_text(draw, (x0 + 12, y), label, fill="black", font=face, anchor="lm")
        x0 += 12 + face.getlength(label) + 24
    draw_text(draw, (LEFT, y + row), say("heat_log_q_x"), fill="black", font=face, anchor="lm")
    return img


def hue_colours(z: np.ndarray) -> np.ndarray:
    """(N, 2) base points -> (N, 3) uint8 colours by angle, so one sees where each part of the
    Gaussian ends up."""
    import colorsys

    a = (np.arctan2(z[:, 1], z[:, 0]) / (2 * np.pi)) % 1.0
    r = np.clip(np.linalg.norm(z, axis=1) / 2.5, 0.25, 1.0)
    return (np.array([colorsys.hsv_to_rgb(h, s, 0.9) for h, s in zip(a, r, strict=True)]) * 255).astype(np.uint8)


def mode_colours(x: np.ndarray, centres: np.ndarray | None) -> np.ndarray:
    """(N, 2) data points -> colours of their nearest mode (tab10, cycling); one colour without modes."""
    if centres is None:
        return np.tile(np.array(DATA, np.uint8), (len(x), 1))
    nearest = ((x[:, None] - centres[None]) ** 2).sum(-1).argmin(1)
    return np.array(LABEL_COLOURS, np.uint8)[nearest % 10]


def _caption(draw: ImageDraw.ImageDraw, text: str) -> None:
    """A frame's caption under its plot, below the x-axis name; wrapped onto a second line when long."""
    face, width = font(LABEL_PX), WIDTH - LEFT - 6
    lines, line = [], ""
    for word in _breakable(text):
        if line and face.getlength(line + word) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    lines.append(line.rstrip())
    top = HEIGHT - 36 if len(lines) > 1 else HEIGHT - 24 - LABEL_PX // 2 - 2
    for i, text_line in enumerate(lines[:2]):
        draw_text(draw, (LEFT, top + i * (LABEL_PX + 3)), text_line, fill="black", font=face)


OPENING, CLOSING = "（“《", "），。：；、”》—"


def _breakable(text: str) -> list[str]:
    """``text`` cut where a line may break: after spaces, and between Chinese characters (never after an
    opening bracket nor before a closing one or a comma)."""
    pieces, piece = [], ""
    for ch, after in zip(text, text[1:] + " ", strict=True):
        piece += ch
        if (ch == " " or ord(ch) > 0x2E80) and ch not in OPENING and after not in CLOSING:
            pieces.append(piece)
            piece = ""
    return pieces + ([piece] if piece else [])


def _layer(img: Image.Image) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A transparent layer the size of ``img`` to draw lines on that must stay inside the plot."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def _paste_inside(img: Image.Image, layer: Image.Image) -> None:
    """``layer`` onto ``img``, only inside the plot's frame (not over the ticks, axis names or caption)."""
    box = (LEFT + 1, TOP + 1, LEFT + PLOT, TOP + PLOT)
    inside = layer.crop(box)
    img.paste(inside, box[:2], inside)


def render_layer(points: np.ndarray, colours: np.ndarray, lines: np.ndarray, title: str, space: str) -> Image.Image:
    """One frame of the scrubber: the grid's lines (L, P, 2) and the points after a layer, on axes
    fitted to this frame (each layer may move everything)."""
    finite = points[np.isfinite(points).all(1)]
    lo, hi = np.percentile(finite, 1, 0), np.percentile(finite, 99, 0)
    g = MapGeometry.around(np.stack([lo, hi]), at_least=0.5, pad=0.35)
    img = render_base(g, None, None, (f"{space}1", f"{space}2"))
    grid, draw = _layer(img)
    for line in lines:
        pts = [tuple(p) for p in g.to_pixel(line) if np.isfinite(p).all()]
        if len(pts) > 1:
            draw.line(pts, fill=(150, 150, 150, 255), width=1)
    _paste_inside(img, grid)
    draw = ImageDraw.Draw(img)
    p = g.to_pixel(points)
    inside = (p[:, 0] > LEFT) & (p[:, 0] < LEFT + PLOT) & (p[:, 1] > TOP) & (p[:, 1] < TOP + PLOT)
    for (px, py), c in zip(p[inside], colours[inside], strict=True):
        draw.ellipse([px - 2, py - 2, px + 2, py + 2], fill=tuple(int(v) for v in c))
    _caption(draw, title)
    return img


def render_paths(extent: float, paths: np.ndarray, real: np.ndarray, title: str) -> Image.Image:
    """Flow matching's ODE paths (S + 1, N, 2) from the Gaussian (grey start) to the data."""
    g = MapGeometry(-extent, extent, -extent, extent)
    img = render_base(g, None, None, ("x1", "x2"))
    _dots(ImageDraw.Draw(img), g, real[:600], 1.5, (180, 220, 180))
    layer, draw = _layer(img)
    for k in range(paths.shape[1]):
        pts = [tuple(p) for p in g.to_pixel(paths[:, k])]
        draw.line(pts, fill=(70, 70, 160), width=1)
        draw.ellipse([pts[0][0] - 2, pts[0][1] - 2, pts[0][0] + 2, pts[0][1] + 2], fill=(160, 160, 160))
        draw.ellipse([pts[-1][0] - 2.5, pts[-1][1] - 2.5, pts[-1][0] + 2.5, pts[-1][1] + 2.5], fill=(148, 0, 211))
    _paste_inside(img, layer)
    _caption(ImageDraw.Draw(img), title)
    return img


def render_samples_row(extent: float, panels: list[tuple[np.ndarray, str]], real: np.ndarray) -> Image.Image:
    """Samples at several step counts side by side, each over the data (small panels)."""
    side, gap, label_h = 220, 8, 40
    out = Image.new("RGB", (len(panels) * (side + gap) + gap, side + label_h + 2 * gap), "white")
    draw = ImageDraw.Draw(out)
    for i, (pts, label) in enumerate(panels):
        x0 = gap + i * (side + gap)
        draw.rectangle([x0, gap, x0 + side, gap + side], outline="black")
        for pset, colour, r in ((real[:400], (120, 190, 120), 1.2), (pts, (148, 0, 211), 1.2)):
            q = (pset / extent * 0.5 + 0.5) * side
            for px, py in q[(q >= 0).all(1) & (q <= side).all(1)]:
                draw.ellipse([x0 + px - r, gap + side - py - r, x0 + px + r, gap + side - py + r], fill=colour)
        for j, text in enumerate(label.split("\n")):
            draw_text(draw, (x0 + 4, gap + side + 2 + (LABEL_PX + 4) * j), text, fill="black", font=font(LABEL_PX))
    return out


def curves_figure(run) -> go.Figure:
    """Train and held-out NLL (with the true entropy), the KL gap, modes covered, and % high quality
    with the bridge mass, over training."""
    h = run.history
    fig = make_subplots(
        rows=2,
        cols=2,
        subplot_titles=(
            say("nll_nats_dashed_datas"),
            say("kl_gap_held_out"),
            say("modes_covered"),
            say("high_quality_between_modes"),
        ),
    )
    step = np.asarray(h.step)
    k = max(1, len(step) // 400)
    if len(step):
        train = np.convolve(h.train_nll, np.ones(20) / 20, mode="valid") if len(step) >= 20 else np.asarray(h.train_nll)
        fig.add_scatter(
            x=step[len(step) - len(train) :][::k],
            y=train[::k],
            name=say("train_20_step_mean"),
            line=dict(color="#1f77b4"),
            row=1,
            col=1,
        )
    fig.add_scatter(x=h.eval_step, y=h.held_out_nll, name=say("held_out"), line=dict(color="#d62728"), row=1, col=1)
    if run.entropy is not None:
        fig.add_hline(y=run.entropy, line=dict(color="black", dash="dash"), row=1, col=1)
        gap = np.asarray(h.held_out_nll) - run.entropy
        fig.add_scatter(x=h.eval_step, y=gap, name=say("kl_gap"), line=dict(color="#9467bd"), row=1, col=2)
        fig.update_yaxes(type="log", row=1, col=2)
    if h.modes:
        fig.add_scatter(x=h.eval_step, y=h.modes, name=say("modes"), line=dict(color="#2ca02c"), row=2, col=1)
        fig.update_yaxes(range=[0, len(run.centres) + 0.5], row=2, col=1)
        fig.add_scatter(
            x=h.eval_step,
            y=100 * np.asarray(h.high_quality),
            name=say("high_quality"),
            line=dict(color="#ff7f0e"),
            row=2,
            col=2,
        )
        fig.add_scatter(
            x=h.eval_step,
            y=100 * np.asarray(h.bridge),
            name=say("between_modes"),
            line=dict(color="#8c564b", dash="dot"),
            row=2,
            col=2,
        )
    top = max(h.held_out_nll[0], h.held_out_nll[-1]) if h.held_out_nll and np.isfinite(h.held_out_nll).all() else None
    if top is not None and run.entropy is not None:
        fig.update_yaxes(range=[run.entropy - 0.5, top + 0.5], row=1, col=1)
    fig.update_layout(height=460, margin=dict(l=40, r=10, t=64, b=30), legend=dict(orientation="h", y=-0.12))
    return fig
