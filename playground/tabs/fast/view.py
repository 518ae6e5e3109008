"""The chart, tables and pictures of the fast-sampling tab. Pure functions of numbers and tensors;
every text in the visitor's language (``tr``), labels on pictures in the app's font."""

from __future__ import annotations

import plotly.graph_objects as go
import torch
from PIL import Image, ImageDraw

from models.diffusion.fast_samplers import FAST_SAMPLERS, STUDENT
from playground.compute_note import machine_line
from playground.i18n import tr
from playground.pictures import FIGURE_LABEL_PX, digit_image, draw_text, font
from playground.tabs.fast.texts import say

# measure shown -> (key in the results, better, axis title)
METRICS = {
    "digits-FID": ("fid", "lower", "digits-FID (lower is better)"),
    "recall": ("recall", "higher", "recall: coverage (higher is better)"),
    "precision": ("precision", "higher", "precision: quality (higher is better)"),
    "class accuracy": ("class_accuracy", "higher", "class accuracy by the evaluator"),
    "ms per sample": ("ms", "lower", "ms per sample (batches of 32, one core)"),
}
COLOURS = dict(
    zip(
        (*FAST_SAMPLERS, STUDENT),
        ("#7f7f7f", "#1f77b4", "#aec7e8", "#ff7f0e", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#2ca02c"),
        strict=True,
    )
)


def shown(name: str) -> str:
    """A sampler's name as the page writes it: the student's in the visitor's language, a sampler's as it is."""
    return say("lcm_student") if name == STUDENT else name


def curve_rows(res: dict) -> list[dict]:
    """Every measured point: the curve's samplers and the student's own rows, with ms per sample."""
    student = [r for r in res.get("student", {}).get("rows", []) if r["sampler"] == STUDENT]
    return [{**r, "ms": 1000 * r["seconds"] / r["n"]} for r in (*res.get("curve", []), *student)]


def curve_figure(res: dict, metric: str) -> go.Figure:
    key, _, title = METRICS[metric]
    rows = curve_rows(res)
    fig = go.Figure()
    for name in (*FAST_SAMPLERS, STUDENT):
        sel = sorted((r for r in rows if r["sampler"] == name), key=lambda r: r["nfe"])
        if not sel:
            continue
        dash = "solid" if name == STUDENT else None
        fig.add_trace(
            go.Scatter(
                x=[r["nfe"] for r in sel],
                y=[r[key] for r in sel],
                mode="lines+markers",
                name=shown(name),
                line={"color": COLOURS[name], "width": 4 if name == STUDENT else 2, "dash": dash},
                hovertemplate=say("name_br_x_evaluations", name=shown(name), metric=tr(metric)),
            )
        )
    fig.update_xaxes(type="log", title=say("network_evaluations_nfe_guided"), tickvals=[1, 2, 4, 8, 16, 32, 50, 100])
    fig.update_yaxes(title=tr(title), type="log" if key in ("fid", "ms") else "linear")
    fig.update_layout(height=460, margin={"t": 30, "l": 70, "r": 20, "b": 60}, legend={"title": say("sampler")})
    return fig


def curve_table(res: dict, metric: str) -> str:
    """One row per sampler, one column per NFE; the best value at each NFE in bold."""
    key, better, _ = METRICS[metric]
    rows = curve_rows(res)
    nfes = sorted({r["nfe"] for r in rows})
    value = {(r["sampler"], r["nfe"]): r[key] for r in rows}
    best = {}
    for k in nfes:
        vals = [v for (s, n), v in value.items() if n == k]
        best[k] = min(vals) if better == "lower" else max(vals)
    fmt = (lambda v: f"{v:.0%}") if key == "class_accuracy" else (lambda v: f"{v:.3g}")
    lines = [f"| {say('sampler')} | " + " | ".join(map(str, nfes)) + " |", "|---|" + "---|" * len(nfes)]
    for name in (*FAST_SAMPLERS, STUDENT):
        if not any(s == name for s, _ in value):
            continue
        cells = [
            ("**" + fmt(v) + "**" if v == best[k] else fmt(v)) if (v := value.get((name, k))) is not None else ""
            for k in nfes
        ]
        lines.append(f"| {shown(name)} | " + " | ".join(cells) + " |")
    n = rows[0]["n"] if rows else 0
    measured = say("measured_machine", machine=machine_line(res["machine"])) if res.get("machine") else ""
    return (
        "\n".join(lines)
        + "\n\n"
        + say(
            "metric_over_n_samples",
            metric=tr(metric),
            n=n,
            measured=measured,
        )
    )


# Row labels at a main figure's size: a strip of digits is shown at ~0.7x on a 1280x720 projector, and 14 px labels
# showed at 10.6 px there (issue 36). Rows of more samples than PER_LINE wrap, so 16 students' digits are not a strip
# shrunk to 139 px, and a live point's 10 are two lines of 5 (in one line beside its label each digit was 52 px).
ROW_LABEL_PX = FIGURE_LABEL_PX
PER_LINE = 8


def text_width(text: str) -> int:
    return int(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font(ROW_LABEL_PX)))


def labelled_rows(
    rows: list[torch.Tensor], labels: list[str], cell: int = 56, gap: int = 4, left: int = 150
) -> Image.Image:
    """Rows of digits (each (n, 1, H, W) in [0, 1]), each with its label on the left (at least ``left`` px,
    wider where a label needs it); a row of more than PER_LINE digits wraps onto lines of equal length."""
    left = max(left, *(text_width(label) + 12 for label in labels))
    n = max(len(r) for r in rows)
    lines = -(-n // PER_LINE)
    per_line = -(-n // lines)
    block = lines * (cell + gap) + (3 * gap if lines > 1 else 0)  # one row's lines (wrapped rows kept apart)
    out = Image.new("L", (left + per_line * (cell + gap) + gap, len(rows) * block + gap), 255)
    draw = ImageDraw.Draw(out)
    for i, (xs, label) in enumerate(zip(rows, labels, strict=True)):
        y = gap + i * block
        middle = y + (lines * (cell + gap) - gap) // 2
        draw_text(draw, (4, middle), label, fill=0, font=font(ROW_LABEL_PX), anchor="lm")
        for j, x in enumerate(xs):
            line, k = divmod(j, per_line)
            out.paste(digit_image(x, cell), (left + k * (cell + gap), y + line * (cell + gap)))
    return out
