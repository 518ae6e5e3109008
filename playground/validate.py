"""Input checks shared by every handler. Each failure is a ``gr.Error`` with a sentence a student
understands; the API bypasses the widgets, so these are the real limits."""

from __future__ import annotations

import json
import math

import gradio as gr


def choice(value, choices, what: str) -> str:
    if value not in choices:
        raise gr.Error(f"{what} must be one of: {', '.join(map(str, choices))} (got {value!r}).")
    return value


def number(value, lo: float, hi: float, what: str, integer: bool = False) -> float | int:
    if isinstance(value, bool) or value is None:
        raise gr.Error(f"{what} must be a number between {lo:g} and {hi:g} (got {value!r}).")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise gr.Error(f"{what} must be a number between {lo:g} and {hi:g} (got {value!r}).") from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise gr.Error(f"{what} must be between {lo:g} and {hi:g} (got {value!r}).")
    if integer:
        if x != int(x):
            raise gr.Error(f"{what} must be a whole number (got {value!r}).")
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
                f"z must be {dim} numbers, e.g. '0.5, -1.2' or a JSON list (could not read {text[:40]!r})."
            ) from None
    if not isinstance(value, (list, tuple)):
        raise gr.Error(f"z must be a list of {dim} numbers (got {type(value).__name__}).")
    if len(value) != dim:
        raise gr.Error(f"this model has a {dim}-D latent space, so z needs {dim} numbers (got {len(value)}).")
    return [number(v, -abs_max, abs_max, f"z[{i}]") for i, v in enumerate(value)]
