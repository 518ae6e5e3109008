"""Plots of the diffusion tab: the schedule and histogram plots and 2-D point-cloud frames (the
mosaics, strips and GIFs are shared: ``playground.pictures``, ``playground.replay``). Pure
functions of arrays; no models here."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw
from plotly.subplots import make_subplots

from models.diffusion.forward_process import SCHEDULES, alphas_cumprod, log_snr
from playground.i18n import tr
from playground.pictures import FIGURE_LABEL_PX, LABEL_PX, draw_text, font
from playground.tabs.diffusion.texts import say

SCHEDULE_COLOURS = {"linear": "#1f77b4", "cosine": "#d62728", "scaled linear": "#2ca02c", "sigmoid": "#9467bd"}


def schedule_figure(T: int, selected: str, t: int) -> go.Figure:
    """ᾱ_t and log-SNR(t) of every schedule at this T, the selected one bold, a marker at t."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=(say("t_signal_kept"), "log SNR = log ᾱ/(1−ᾱ)"))
    steps = np.arange(T)
    for name in SCHEDULES:
        a = alphas_cumprod(name, T)
        width = 3 if name == selected else 1.2
        colour = SCHEDULE_COLOURS[name]
        fig.add_trace(go.Scatter(x=steps, y=a.numpy(), name=tr(name), line={"width": width, "color": colour}), 1, 1)
        fig.add_trace(
            go.Scatter(
                x=steps, y=log_snr(a).numpy(), name=tr(name), showlegend=False, line={"width": width, "color": colour}
            ),
            1,
            2,
        )
    for col in (1, 2):
        fig.add_vline(x=t, line_dash="dash", line_color="black", row=1, col=col)
    fig.update_xaxes(title_text="t")
    fig.update_layout(height=300, margin={"l": 40, "r": 10, "t": 40, "b": 40}, legend={"orientation": "h", "y": -0.3})
    return fig


HIST_EDGES = np.linspace(-4, 4, 81)  # bins of 0.1 over [-4, 4]


def pixel_density(values: np.ndarray) -> np.ndarray:
    """The density of ``values`` over ``HIST_EDGES`` (normalised by all of them, as plotly's "probability
    density" is: the few beyond ±4 are left off the plot, not out of the count)."""
    counts, _ = np.histogram(values.ravel(), HIST_EDGES)
    return counts / (values.size * np.diff(HIST_EDGES))


def histogram_figure(x_t: np.ndarray, x0: np.ndarray, t: int) -> go.Figure:
    """Pixel histogram of x_t (and of x_0, faint) against the N(0, 1) density x_T tends to. Binned here,
    not by plotly: a 256 x 256 photo would otherwise send its 65,536 pixel values twice on every move of t."""
    fig = go.Figure()
    centres, width = (HIST_EDGES[:-1] + HIST_EDGES[1:]) / 2, float(HIST_EDGES[1] - HIST_EDGES[0])
    fig.add_trace(go.Bar(x=centres, y=pixel_density(x0), width=width, name="x₀", opacity=0.3))
    fig.add_trace(go.Bar(x=centres, y=pixel_density(x_t), width=width, name=f"x_t (t = {t})"))
    grid = np.linspace(-4, 4, 161)
    fig.add_trace(
        go.Scatter(x=grid, y=np.exp(-(grid**2) / 2) / np.sqrt(2 * np.pi), name="N(0, 1)", line={"color": "black"})
    )
    fig.update_layout(
        barmode="overlay",
        bargap=0,
        height=300,
        margin={"l": 40, "r": 10, "t": 30, "b": 40},
        title={"text": say("pixel_values"), "font": {"size": LABEL_PX + 2}},
        yaxis={"range": [0, 1.5]},
    )
    return fig


# A fixed palette: GIFs of palette pictures are written without a slow per-frame quantisation.
_PALETTE = {"white": 0, "axis": 1, "blue": 2, "red": 3, "black": 4}
_PALETTE_RGB = [255, 255, 255, 225, 225, 225, 31, 119, 180, 214, 39, 40, 0, 0, 0]


TITLE_PX = FIGURE_LABEL_PX  # the caption above a 2-D frame: a main figure, fitted to a projector's screen
TITLE_BAND = TITLE_PX + 10  # its band, above the plot: the caption never covers a point


def scatter_frame(
    points: np.ndarray, extent: float, size: int = 320, colour: str = "blue", title: str = ""
) -> Image.Image:
    """(N, 2) points -> a palette picture of [-extent, extent]² with 2x2-pixel dots, and the caption (in the
    app's font) in a band above it."""
    img = np.zeros((size, size), np.uint8)
    c = size // 2
    img[c, :] = img[:, c] = _PALETTE["axis"]
    px = ((points[:, 0] / extent + 1) / 2 * (size - 1)).round().astype(int)
    py = ((1 - (points[:, 1] / extent + 1) / 2) * (size - 1)).round().astype(int)
    keep = (px >= 0) & (px < size - 1) & (py >= 0) & (py < size - 1)
    for dx in (0, 1):
        for dy in (0, 1):
            img[py[keep] + dy, px[keep] + dx] = _PALETTE[colour]
    if title:
        img = np.concatenate([np.full((TITLE_BAND, size), _PALETTE["white"], np.uint8), img])
    out = Image.fromarray(img, "P")
    out.putpalette(_PALETTE_RGB)
    if title:
        draw_text(ImageDraw.Draw(out), (6, 4), title, fill=_PALETTE["black"], font=font(TITLE_PX))
    return out


def trajectories_figure(paths: np.ndarray, data: np.ndarray, extent: float) -> go.Figure:
    """Reverse trajectories (S, N, 2) from noise (first row) to samples (last row), over the data."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=data[:, 0], y=data[:, 1], mode="markers", name=say("data"), marker={"size": 3, "color": "#bbbbbb"})
    )
    xs, ys = [], []
    for k in range(paths.shape[1]):
        xs += [*paths[:, k, 0], None]
        ys += [*paths[:, k, 1], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=say("trajectory"), line={"width": 1, "color": "#1f77b4"}))
    fig.add_trace(
        go.Scatter(
            x=paths[0, :, 0],
            y=paths[0, :, 1],
            mode="markers",
            name=say("x_t_noise"),
            marker={"size": 5, "color": "#ff7f0e"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=paths[-1, :, 0],
            y=paths[-1, :, 1],
            mode="markers",
            name=say("x_0_sample"),
            marker={"size": 5, "color": "#d62728"},
        )
    )
    fig.update_layout(
        height=420,
        margin={"l": 30, "r": 10, "t": 30, "b": 30},
        xaxis={"range": [-extent, extent]},
        yaxis={"range": [-extent, extent], "scaleanchor": "x"},
        title={"text": say("reverse_trajectories"), "font": {"size": LABEL_PX + 2}},
    )
    return fig
