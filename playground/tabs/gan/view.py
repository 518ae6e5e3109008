"""Drawing of the 2-D GAN lab: D's surface as a heat map, real and generated samples, the
generator's gradient arrows and the mode centres, each a switchable layer; and the curves."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw
from plotly.subplots import make_subplots

from playground.i18n import tr
from playground.map2d import LEFT, PLOT, TICK_END, TOP, WIDTH, MapGeometry, render_base
from playground.pictures import FIGURE_LABEL_PX, draw_text, font
from playground.tabs.gan.texts import say

# centres drawn as 3σ circles; "refined" = the samples after D-guided refinement, when it is on
LAYERS = ("discriminator", "real", "generated", "refined", "gradients", "mode centres")
REAL, FAKE, REFINED = (34, 139, 34), (148, 0, 211), (0, 128, 128)
D_LOSS, G_LOSS = "#1f77b4", "#ff7f0e"  # the lab's loss curves
# The frame's title (the training step) sits in a band above the plot, the legend in rows below the
# axis name: neither is drawn over the picture, and Chinese labels have room.
TITLE_BAND = FIGURE_LABEL_PX + 12  # px above the map
AXIS_END = TICK_END + FIGURE_LABEL_PX + 6  # the map's bottom edge, ticks and axis name end here
LEGEND_ROW = FIGURE_LABEL_PX + 10  # px per legend row


def _surface_image(surface: np.ndarray) -> Image.Image:
    """D's outputs, centred on its decision midpoint -> a diverging map: orange where D says real,
    blue where it says fake. Each frame is scaled by its own largest |value| so critics (unbounded)
    show too."""
    s = np.tanh(surface / (np.abs(surface).max() + 1e-6) * 2.0)  # in (−1, 1)
    pos, neg = np.clip(s, 0, 1)[..., None], np.clip(-s, 0, 1)[..., None]
    white = np.ones(s.shape + (3,))
    rgb = white * (1 - pos - neg) + pos * np.array([1.0, 0.75, 0.45]) + neg * np.array([0.55, 0.7, 1.0])
    return Image.fromarray((rgb * 255).astype(np.uint8)).resize((PLOT, PLOT), Image.BILINEAR)


def render_frame(
    extent: float,
    real: np.ndarray,
    fake: np.ndarray,
    surface: np.ndarray | None,
    arrows: tuple[np.ndarray, np.ndarray] | None,
    centres: np.ndarray | None,
    sigma: float | None,
    layers: list[str],
    title: str = "",
    refined: np.ndarray | None = None,
) -> Image.Image:
    g = MapGeometry(-extent, extent, -extent, extent)
    background = _surface_image(surface) if surface is not None and "discriminator" in layers else None
    base = render_base(g, None, None, ("x1", "x2"), background)
    img = base.copy()
    draw = ImageDraw.Draw(img)

    def dots(points: np.ndarray, radius: float, colour) -> None:
        p = g.to_pixel(points)
        for px, py in p[(p[:, 0] > LEFT) & (p[:, 0] < LEFT + PLOT) & (p[:, 1] > TOP) & (p[:, 1] < TOP + PLOT)]:
            draw.ellipse([px - radius, py - radius, px + radius, py + radius], fill=colour)

    if "generated" in layers:
        dots(fake, 2, FAKE)
    if "real" in layers:  # over G's samples: the real modes are tiny and must stay visible
        dots(real[:600], 2.5, REAL)
    if "refined" in layers and refined is not None:  # smaller, on top: they land on the real modes
        dots(refined, 1.5, REFINED)
    if "gradients" in layers and arrows is not None:
        x, v = arrows
        norm = np.linalg.norm(v, axis=1, keepdims=True)
        v = v / (np.percentile(norm, 90) + 1e-12) * extent * 0.12  # arrows scaled per frame
        for a, b in zip(g.to_pixel(x), g.to_pixel(x + v), strict=True):
            draw.line([tuple(a), tuple(b)], fill=(60, 60, 60), width=1)
            draw.ellipse([b[0] - 1.5, b[1] - 1.5, b[0] + 1.5, b[1] + 1.5], fill=(60, 60, 60))
    if "mode centres" in layers and centres is not None:  # circles of radius 3σ: the high-quality zone
        r = max(4.0, 3 * sigma / (2 * extent) * PLOT)
        for px, py in g.to_pixel(centres):
            draw.ellipse([px - r, py - r, px + r, py + r], outline="black", width=2)
    keys = [("real", REAL), ("generated", FAKE)] + ([("refined", REFINED)] if refined is not None else [])
    inside = (LEFT + 1, TOP + 1, LEFT + PLOT, TOP + PLOT)  # arrows and circles stop at the frame, off the ticks
    base.paste(img.crop(inside), inside[:2])
    key = say("d_orange_real_blue")
    return _framed(base, title, [(tr(label), colour) for label, colour in keys] + [(key, None)])


def _framed(plot: Image.Image, title: str, keys: list[tuple[str, tuple | None]]) -> Image.Image:
    """The map with its title in a band above it and the legend (a dot, then its label; wrapped into
    rows as wide as the map) below it, in the app's font."""
    label = font(FIGURE_LABEL_PX)
    measure = ImageDraw.Draw(plot)
    rows, x = [[]], LEFT
    for text, colour in keys:
        width = (16 if colour else 0) + measure.textlength(text, font=label)
        if rows[-1] and x + width > WIDTH - 8:
            rows.append([])
            x = LEFT
        rows[-1].append((x, text, colour))
        x += width + 20
    # room for two rows whatever the language and layers, so the picture keeps its size from frame to frame
    out = Image.new("RGB", (WIDTH, TITLE_BAND + AXIS_END + LEGEND_ROW * max(2, len(rows)) + 6), "white")
    out.paste(plot.crop((0, 0, WIDTH, AXIS_END)), (0, TITLE_BAND))
    draw = ImageDraw.Draw(out)
    if title:
        draw_text(draw, (LEFT, TITLE_BAND // 2 + 2), title, fill="black", font=label, anchor="lm")
    for r, row in enumerate(rows):
        y = TITLE_BAND + AXIS_END + LEGEND_ROW * r + LEGEND_ROW // 2
        for x0, text, colour in row:
            if colour is not None:
                draw.ellipse([x0, y - 5, x0 + 10, y + 5], fill=colour)
                x0 += 16
            draw_text(draw, (x0, y), text, fill="black", font=label, anchor="lm")
    return out


def curves_figure(runs: dict[str, object]) -> go.Figure:
    """Losses, modes covered, % high quality and grid JS over training. The legend names every kind of
    line there is. One run (the lab): a colour per quantity — D's loss, G's loss, G's raw samples
    (purple, as on the map) and, when on, the samples after D-guided refinement (teal, dashed). Several
    runs (the side-by-side view): a colour per run, and a grey key of the line styles."""
    fig = make_subplots(
        rows=2,
        cols=2,
        subplot_titles=(say("d_g_loss"), say("modes_covered"), say("high_quality"), say("grid_js_nats")),
    )
    one = len(runs) == 1
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    lines = dict(d=say("d_loss"), g=say("g_loss"), raw=say("gs_samples"), refined=say("after_d_guided_refinement"))
    for i, (name, run) in enumerate(runs.items()):
        h, c = run.history, palette[i % len(palette)]
        if one:  # each kind of line its own colour and legend entry
            style = dict(
                d=dict(color=D_LOSS),
                g=dict(color=G_LOSS),
                raw=dict(color=_hex(FAKE)),
                refined=dict(color=_hex(REFINED), dash="dash"),
            )
            names, group = lines, {k: k for k in lines}
        else:  # the run's colour; the run's legend entry, then the grey key of the styles (below)
            shown = tr(name)  # a preset's name, as the visitor reads it
            style = dict(
                d=dict(color=c), g=dict(color=c, dash="dot"), raw=dict(color=c), refined=dict(color=c, dash="dash")
            )
            names = {k: say("name_line", name=shown, line=v) for k, v in lines.items()}  # for the hover
            group = dict.fromkeys(lines, name)
            fig.add_scatter(
                x=[None],
                y=[None],
                name=shown,
                legendgroup=name,
                line=dict(color=c, width=4),
                mode="lines",
                row=1,
                col=1,
            )
        step = np.asarray(h.step)
        k = max(1, len(step) // 400)  # thin long histories so the figure stays light

        def line(x, y, what, row, col, legend=False, names=names, group=group, style=style):
            fig.add_scatter(
                x=x,
                y=y,
                name=names[what],
                legendgroup=group[what],
                line=style[what],
                row=row,
                col=col,
                showlegend=one and legend,
            )

        line(step[::k], np.asarray(h.d_loss)[::k], "d", 1, 1, legend=True)
        line(step[::k], np.asarray(h.g_loss)[::k], "g", 1, 1, legend=True)
        if h.modes:
            line(h.eval_step, h.modes, "raw", 1, 2, legend=True)
            line(h.eval_step, 100 * np.asarray(h.high_quality), "raw", 2, 1)
        if h.refined_high_quality:  # after D-guided refinement: dashed, beside G's raw samples
            line(h.refined_step, h.refined_modes, "refined", 1, 2, legend=True)
            line(h.refined_step, 100 * np.asarray(h.refined_high_quality), "refined", 2, 1)
        line(h.eval_step, h.js, "raw", 2, 2, legend=not h.modes)  # no modes (spiral, moons, drawn): its entry here
    if not one:  # the key of the line styles, in grey
        refined = any(run.history.refined_high_quality for run in runs.values())
        key = [(say("d_loss_top_left"), "solid"), (say("g_loss"), "dot")]
        for text, dash in key + ([(lines["refined"], "dash")] if refined else []):
            fig.add_scatter(
                x=[None],
                y=[None],
                name=text,
                legendgroup="key",
                line=dict(color="#777", dash=dash),
                mode="lines",
                row=1,
                col=1,
            )
    # a top margin that leaves room for the Plot's own label over the first subplot title
    fig.update_layout(height=440, margin=dict(l=40, r=10, t=64, b=30), legend=dict(orientation="h", y=-0.12))
    return fig


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)
