"""What a Chinese visitor would read in a handler's outputs, and the English left in it: used by every tab's
``test_zh.py`` (handlers called as a Chinese page's events would be, under ``i18n.speaking("zh")``)."""

from __future__ import annotations

import re

import pandas as pd

from scripts.i18n_coverage import english_runs

CJK = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character

# Names that stay as they are in a Chinese page: models, samplers, data sets, libraries, papers.
NAMES = (
    "DPM-Solver++",
    "Euler (Karras)",
    "Heun (Karras)",
    "UniPC",
    "LCM student",
    "PixelCNN",
    "RealNVP",
    "Glow",
    "DCGAN",
    "WGAN-GP",
    "ControlNet",
    "Canny",
    "OpenPose",
    "diffusers",
    "Gradio",
    "MNIST",
)


def readable(out) -> list[str]:
    """Every text a visitor reads in a handler's output: strings, Markdown, gr.update values and choices,
    plotly titles / axes / legends / annotations / trace names, table headers and cells, gallery captions."""
    if out is None or isinstance(out, bool | int | float):
        return []
    if isinstance(out, str):
        return [out]
    if isinstance(out, dict):
        texts = []
        for k in ("value", "label", "info", "choices"):
            if k in out:
                texts += readable(out[k])
        return texts
    if isinstance(out, pd.DataFrame):
        return [str(c) for c in out.columns] + [str(v) for v in out.to_numpy().ravel() if isinstance(v, str)]
    if hasattr(out, "to_plotly_json"):
        return _figure_texts(out.to_plotly_json())
    if isinstance(out, list | tuple):
        return [t for o in out for t in readable(o)]
    return []


def _figure_texts(fig: dict) -> list[str]:
    layout = fig.get("layout", {})
    texts = []

    def title(obj):
        t = (obj or {}).get("title")
        return [t] if isinstance(t, str) else [t.get("text", "")] if isinstance(t, dict) else []

    texts += title(layout)
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            texts += title(axis)
    texts += [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in fig.get("data", []):
        if trace.get("showlegend", True) is not False and isinstance(trace.get("name"), str):
            texts.append(trace["name"])
        if isinstance(trace.get("text"), str):
            texts.append(trace["text"])
    return texts


def english_left(out, allowed: tuple[str, ...] = ()) -> list[str]:
    """Runs of three or more English words in what a visitor reads of ``out``."""
    return [run for text in readable(out) for run in english_runs(text, NAMES + allowed)]


def chinese_error(call, allowed: tuple[str, ...] = ()) -> str:
    """The message of the gr.Error ``call()`` raises, checked to be Chinese (bar ``allowed``: values an API client
    sends, listed as they are)."""
    import gradio as gr
    import pytest

    with pytest.raises(gr.Error) as e:
        call()
    text = str(e.value)
    assert CJK.search(text) and english_left(text, allowed) == [], text
    return text
