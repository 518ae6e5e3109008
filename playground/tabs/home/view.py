"""Pictures, tables and the chart of the home tab. Pure functions of numbers and tensors."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image, ImageDraw

from models.core.data import digit_split
from playground.compute_note import machine_line
from playground.i18n import tr
from playground.pictures import LABEL_PX, digit_image, draw_text, font
from playground.tabs.home.label_layout import TOP_MARGIN, place
from playground.tabs.home.texts import say

# (key, label, which way is better, the change that counts as a move): the measures the lab shows,
# in the course's order. The thresholds are above each measure's seed-to-seed noise at n = 500.
MEASURES = (
    ("fid", "FID", "lower", 2.0),
    ("fid_mean_term", "FID's mean term ‖μ₁ − μ₂‖²", "lower", 1.0),
    ("fid_covariance_term", "FID's covariance term", "lower", 2.0),
    ("kid", "KID", "lower", 0.5),
    ("inception_score", "Inception Score (evaluator)", "higher", 0.5),
    ("precision", "precision (quality)", "higher", 0.05),
    ("recall", "recall (coverage)", "higher", 0.05),
    ("density", "density", "higher", 0.05),
    ("coverage", "coverage", "higher", 0.05),
    ("classes_covered", "classes covered (of 10)", "higher", 1),
)
FAMILY_COLOURS = {
    "VAE": "#1f77b4",
    "GAN": "#d62728",
    "diffusion": "#2ca02c",
    "autoregressive": "#9467bd",
    "diffusion (distilled)": "#98df8a",
    "data": "#7f7f7f",
}
SPARE_COLOURS = ("#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22")  # a family the table does not know yet


def point_labels(names: list[str]) -> list[str]:
    """A family's points' labels: the first its whole name, the others only the words that tell them apart
    from it ("LCM student 1-step", "2-step", "4-step"), so neighbouring points' labels do not run together."""
    first = names[0].split(" ")
    out = [names[0]]
    for name in names[1:]:
        words = name.split(" ")
        k = 0
        while k < min(len(words), len(first)) - 1 and words[k] == first[k]:
            k += 1
        rest = " ".join(words[k:])
        out.append(name if rest.startswith("(") else rest)  # "(64-D z)" alone names nothing
    return out


def _moved(before: float, after: float, better: str, threshold: float) -> str:
    """▼ / ▲ when a measure moved by at least ``threshold`` and 10% of its value, else ·."""
    if abs(after - before) < max(threshold, 0.1 * min(abs(before), abs(after))):
        return "·"
    worse = (after > before) == (better == "lower")
    return say("worse") if worse else say("better")


def measures_table(baseline: dict, broken: dict, kind: str, n: int) -> str:
    # the measures' labels and the breaks have their Chinese in texts.py
    head = say("measure_held_out_digits", kind=tr(kind), n=n)
    lines = [head, "|---|---|---|---|"]
    for key, label, better, threshold in MEASURES:
        b, a = baseline[key], broken[key]
        lines.append(f"| {tr(label)} | {b:.2f} | {a:.2f} | {_moved(b, a, better, threshold)} |")
    return "\n".join(lines) + "\n\n" + say("all_against_1_000")


def neighbours_panel(x: torch.Tensor, idx: torch.Tensor, dist: torch.Tensor, cell: int = 84) -> Image.Image:
    """One row per sample: the sample, a gap, its nearest training digits with their pixel distance."""
    train = digit_split().x_train
    k = idx.shape[1]
    gap = 12
    head = font(LABEL_PX).getbbox("d = 0.00")[3] + 4  # the label row above each digit, clear of it
    row = head + cell + 4
    width = cell * (k + 1) + gap * (k + 2) + gap
    out = Image.new("L", (width, len(x) * row), 255)
    draw = ImageDraw.Draw(out)
    for r in range(len(x)):
        y = r * row
        out.paste(digit_image(x[r], cell), (gap, y + head))
        for j in range(k):
            left = gap + cell + 2 * gap + j * (cell + gap)
            draw_text(draw, (left, y), f"d = {float(dist[r, j]):.2f}", fill=0, font=font(LABEL_PX))
            out.paste(digit_image(train[int(idx[r, j])], cell), (left, y + head))
    return out


def trilemma_figure(rows: list[dict], quality: str) -> go.Figure:
    """Cost (ms per sample, log) against quality (precision or FID); marker size = recall; each point's name
    beside it, clear of the others (``label_layout``)."""
    fig = go.Figure()
    rows = [r for r in rows if r.get("ms_per_sample")]
    if not rows:
        return fig
    families = list(dict.fromkeys(r["family"] for r in rows))
    hover = (
        f"%{{text}}<br>{say('ms_sample')} %{{x:.2f}}<br>{tr(quality)} %{{y:.2f}}<br>{say('recall')} "
        f"%{{customdata[0]:.2f}}<br>{say('evaluations')} %{{customdata[1]}}<extra></extra>"
    )
    x = np.array([r["ms_per_sample"] for r in rows])
    y = np.array([r["precision"] if quality == "precision" else r["fid"] for r in rows])
    size = np.array([10 + 30 * r["recall"] for r in rows])  # marker diameter, px
    # fixed ranges, so the names can be placed in screen space: room for a name on each side of the extremes
    x_range = [np.log10(x.min()) - 0.6, np.log10(x.max()) + 0.6]
    pad = 0.12 * (y.max() - y.min() or 1.0)
    y_range = [y.min() - pad, y.max() + pad]
    names = [""] * len(rows)
    for family in families:  # "LCM student 1-step", "2-step": a family's later names shortened
        idx = [i for i, r in enumerate(rows) if r["family"] == family]
        for i, name in zip(idx, point_labels([tr(rows[i]["name"]) for i in idx]), strict=True):
            names[i] = name
    spots = place(x, y, size / 2, names, x_range, y_range)
    spare = iter(SPARE_COLOURS * len(families))
    for family in families:
        colour = FAMILY_COLOURS.get(family) or next(spare)
        idx = [i for i, r in enumerate(rows) if r["family"] == family]
        fig.add_trace(
            go.Scatter(
                x=x[idx],
                y=y[idx],
                mode="markers",
                name=tr(family),
                text=[names[i] for i in idx],  # families and names have their Chinese in texts.py
                marker={"size": size[idx], "color": colour, "opacity": 0.75},
                customdata=np.array([[rows[i]["recall"], rows[i]["evaluations"]] for i in idx]),
                hovertemplate=hover,
            )
        )
    for i, spot in enumerate(spots):  # the names, where label_layout put them (a line to a name set apart)
        fig.add_annotation(
            x=np.log10(x[i]),  # plotly wants log10 units for an annotation on a log axis
            y=y[i],
            text=names[i],
            showarrow=spot.leader,
            ax=spot.dx,
            ay=spot.dy,
            xshift=0 if spot.leader else spot.dx,
            yshift=0 if spot.leader else -spot.dy,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#888",
            standoff=size[i] / 2,
            xanchor="center",  # the name's centre at the spot (plotly's "auto" slides it along a leader line)
            yanchor="middle",
        )
    fig.update_layout(
        xaxis={"title": say("cost_ms_per_sample"), "type": "log", "range": x_range},
        yaxis={
            "title": say("precision_higher_better") if quality == "precision" else say("fid_lower_better"),
            "range": y_range,
        },
        height=540,
        margin={"t": TOP_MARGIN, "l": 60, "r": 20, "b": 120},
        # below the plot, so the plot keeps the figure's width for the names (beside it, it took a third)
        legend={
            "title": {"text": say("family_size_recall"), "side": "top"},  # above the items: all of them fit
            "orientation": "h",
            "y": -0.2,
            "yanchor": "top",
        },
    )
    return fig


def trilemma_table(data: dict) -> str:
    """The course's comparison table, filled with the measured numbers (one row per generator)."""

    def f(v, fmt):
        return "–" if v is None else format(v, fmt)

    lines = [say("generator_family_quality_precision"), "|---|---|---|---|---|---|"]
    for r in data["rows"]:  # names and families: Chinese in texts.py
        lines.append(
            f"| {tr(r['name'])} | {tr(r['family'])} | {r['precision']:.2f} / {r['fid']:.1f} | "
            f"{r['recall']:.2f} / {r['classes_covered']} | {r['evaluations']}, "
            f"{f(r.get('ms_per_sample'), '.2f')} | {f(r.get('nll_nats'), '.1f')} |"
        )
    n = data["rows"][0]["n"] if data["rows"] else 0
    # the shipped likelihood note has its Chinese in texts.py; the machine line is said word by word
    note = tr(data["likelihood"]) if "likelihood" in data else say("log_p_x_nats")
    footer = say(
        "n_samples_generator_against",
        n=n,
        command=data.get("command", ""),
        machine=machine_line(data["machine"]),
        note=note,
    )
    return "\n".join(lines) + "\n\n" + footer
