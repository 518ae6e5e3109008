"""Small widget helpers shared by the tabs."""

from __future__ import annotations

import gradio as gr


def private(name: str) -> dict:
    """Event kwargs for a UI-only event. It gets an explicit name too, so it never takes a public
    API name such as /vae_decode from the function it calls."""
    return {"api_name": name, "api_visibility": "private"}


def stroke_pad(label: str, colour: str, brush_size: int, canvas: int, elem_id: str) -> gr.Sketchpad:
    """A sketchpad with one fixed brush colour whose value keeps its layers (RGBA), so handlers can
    read the strokes from the layers' alpha instead of guessing them from the composite."""
    return gr.Sketchpad(
        type="numpy",
        image_mode="RGBA",
        canvas_size=(canvas, canvas),
        label=label,
        brush=gr.Brush(colors=[colour], default_size=brush_size, color_mode="fixed"),
        elem_id=elem_id,
    )
