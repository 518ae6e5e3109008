"""Input checks shared by every handler. Each failure is a ``gr.Error`` with a sentence a student
understands; the API bypasses the widgets, so these are the real limits."""

from __future__ import annotations

import json
import math

import gradio as gr

from playground.i18n import tr


def choice(value, choices, what: str) -> str:
    """``what``: the English name of the input (translated here, like every message of this module)."""
    if value not in choices:
        raise gr.Error(
            tr(
                "{what} must be one of: {choices} (got {value!r}).",
                what=tr(what),
                choices=", ".join(map(str, choices)),
                value=value,
            )
        )
    return value


def number(value, lo: float, hi: float, what: str, integer: bool = False) -> float | int:
    def refuse(template: str) -> gr.Error:  # built only when the value is refused (this runs on every input)
        name = what if what.startswith("z[") else tr(what)
        return gr.Error(tr(template, what=name, lo=lo, hi=hi, value=value))

    if isinstance(value, bool) or value is None:
        raise refuse("{what} must be a number between {lo:g} and {hi:g} (got {value!r}).")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise refuse("{what} must be a number between {lo:g} and {hi:g} (got {value!r}).") from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise refuse("{what} must be between {lo:g} and {hi:g} (got {value!r}).")
    if integer:
        if x != int(x):
            raise refuse("{what} must be a whole number (got {value!r}).")
        return int(x)
    return x


def latent_vector(value, dim: int, abs_max: float) -> list[float]:
    """A latent z given as a list, a JSON list or comma/space-separated numbers -> dim floats."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = json.loads(text) if text.startswith("[") else [v for v in text.replace(",", " ").split()]
        except json.JSONDecodeError:
            raise gr.Error(
                tr(
                    "z must be {dim} numbers, e.g. '0.5, -1.2' or a JSON list (could not read {text!r}).",
                    dim=dim,
                    text=text[:40],
                )
            ) from None
    if not isinstance(value, (list, tuple)):
        raise gr.Error(tr("z must be a list of {dim} numbers (got {kind}).", dim=dim, kind=type(value).__name__))
    if len(value) != dim:
        raise gr.Error(
            tr("this model has a {dim}-D latent space, so z needs {dim} numbers (got {n}).", dim=dim, n=len(value))
        )
    return [number(v, -abs_max, abs_max, f"z[{i}]") for i, v in enumerate(value)]
