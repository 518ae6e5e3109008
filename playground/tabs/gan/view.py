"""Drawing of the 2-D GAN lab: D's surface as a heat map, real and generated samples, the
generator's gradient arrows and the mode centres, each a switchable layer; and the curves."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw
from plotly.subplots import make_subplots

from playground.map2d import LEFT, PLOT, TOP, MapGeometry, render_base

# centres drawn as 3σ circles; "refined" = the samples after D-guided refinement, when it is on
LAYERS = ("discriminator", "real", "generated", "refined", "gradients", "mode centres")
REAL, FAKE, REFINED = (34, 139, 34), (148, 0, 211), (0, 128, 128)


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
    img = render_base(g, None, None, ("x1", "x2"), background)
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
    y = img.height - 24
    keys = [("real", REAL), ("generated", FAKE)] + ([("refined", REFINED)] if refined is not None else [])
    for i, (label, colour) in enumerate(keys):
        x0 = LEFT + 10 + i * 95
        draw.ellipse([x0 - 5, y - 5, x0 + 5, y + 5], fill=colour)
        draw.text((x0 + 10, y), label, fill="black", anchor="lm")
    draw.text((LEFT + 10 + len(keys) * 95, y), "D: orange = 'real', blue = 'fake'", fill="black", anchor="lm")
    if title:
        draw.text((LEFT + 6, TOP + 6), title, fill="black")
    return img


def curves_figure(runs: dict[str, object]) -> go.Figure:
    """Losses, modes covered, % high quality and grid JS over training, one line per run."""
    fig = make_subplots(
        rows=2, cols=2, subplot_titles=("D and G loss", "modes covered", "% high quality", "grid JS (nats)")
    )
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    for i, (name, run) in enumerate(runs.items()):
        h, c = run.history, palette[i % len(palette)]
        step = np.asarray(h.step)
        k = max(1, len(step) // 400)  # thin long histories so the figure stays light
        fig.add_scatter(x=step[::k], y=np.asarray(h.d_loss)[::k], name=f"{name}: D", line=dict(color=c), row=1, col=1)
        fig.add_scatter(
            x=step[::k], y=np.asarray(h.g_loss)[::k], name=f"{name}: G", line=dict(color=c, dash="dot"), row=1, col=1
        )
        if h.modes:
            fig.add_scatter(
                x=h.eval_step, y=h.modes, name=f"{name}: modes", line=dict(color=c), row=1, col=2, showlegend=False
            )
            hq = 100 * np.asarray(h.high_quality)
            fig.add_scatter(x=h.eval_step, y=hq, name=f"{name}: HQ", line=dict(color=c), row=2, col=1, showlegend=False)
        if h.refined_high_quality:  # after D-guided refinement: dashed, beside G's raw samples
            fig.add_scatter(
                x=h.refined_step, y=h.refined_modes, name=f"{name}: refined", line=dict(color=c, dash="dash"),
                row=1, col=2, showlegend=False,
            )  # fmt: skip
            fig.add_scatter(
                x=h.refined_step, y=100 * np.asarray(h.refined_high_quality), name=f"{name}: refined",
                line=dict(color=c, dash="dash"), row=2, col=1,
            )  # fmt: skip
        fig.add_scatter(x=h.eval_step, y=h.js, name=f"{name}: JS", line=dict(color=c), row=2, col=2, showlegend=False)
    # a top margin that leaves room for the Plot's own label over the first subplot title
    fig.update_layout(height=440, margin=dict(l=40, r=10, t=64, b=30), legend=dict(orientation="h", y=-0.12))
    return fig
