"""Small widget helpers shared by the tabs."""

from __future__ import annotations

import gradio as gr

from models.core.compute import heavy_slots
from playground.events import checked, note
from playground.i18n import tr
from playground.inputs import NotGivenYet
from playground.settings import SETTINGS

HEAVY_GROUP = "heavy"


def heavy_limit() -> int:
    """``heavy_concurrency_limit``, or where it is 0, the slots the cores allow (``models.core.compute``)."""
    return SETTINGS.heavy_concurrency_limit or heavy_slots()


def heavy() -> dict:
    """Event kwargs for a model-running event (sampling, training). All of them share one
    concurrency group, so however many visitors click, at most ``heavy_limit()`` of them run on the
    device at once (a GPU is never oversubscribed; on CPU, each gets its share of the cores)."""
    return {"concurrency_limit": heavy_limit(), "concurrency_id": HEAVY_GROUP}


def light(group: str) -> dict:
    """Event kwargs for a cheap event (a decode, an encode): its own group with a wider limit."""
    return {"concurrency_limit": SETTINGS.concurrency_limit, "concurrency_id": group}


def private(name: str) -> dict:
    """Event kwargs for a UI-only event. It gets an explicit name too, so it never takes a public
    API name such as /vae_decode from the function it calls."""
    return {"api_name": name, "api_visibility": "private"}


def stop_button(stop: gr.Button, runs, status: gr.Markdown | None, name: str, message=None) -> None:
    """Stop (or Pause) cancels ``runs`` (an event or a list of them: a streaming handler, which the cancel closes
    within a step, freeing its heavy slot), then, where ``status`` is given, says so there with ``message``
    (default ``progress.stopped``: only a status that still shows the run's progress changes). The message is
    written after the cancel: written with it, a last streamed update could land after it (seen once in CI).
    A lab's Pause passes no status: its run continues from where it paused, and its status says so already."""
    from playground.progress import stopped

    runs = runs if isinstance(runs, list) else [runs]
    cancel = stop.click(None, None, None, cancels=runs, **private(f"{name}_stop"))
    if status is not None:
        cancel.then(
            **checked(message or stopped, [status]),
            outputs=[status],
            **private(f"{name}_stopped"),
            show_progress="hidden",
        )


def when_given(fn, n_outputs: int, hint: str):
    """``fn`` for the event of choosing a source: while the chosen drawing or upload is still empty,
    leave the outputs as they are and say what to do (an info note, not an error), because
    choosing "drawing" and then drawing is the normal way in. ``hint``: English, said in the visitor's language."""

    def run(*args):
        try:
            return fn(*args)
        except NotGivenYet:
            note(gr.Info, tr(hint))
            return tuple(gr.skip() for _ in range(n_outputs)) if n_outputs > 1 else gr.skip()

    return run


# Gradio's sketchpad opens with no tool chosen ("select the draw tool to start"): a first stroke only selected
# the page's text. The page picks each stroke pad's brush as soon as the pad is drawn (tabs draw theirs late),
# found by its English label or, on a page in another language (Gradio translates the label), by its icon.
STROKE_PAD_JS = """
<script>
(() => {
  const pick = () => document.querySelectorAll(".stroke-pad:not([data-brush])").forEach((pad) => {
    const brush = pad.querySelector('button[aria-label="Brush"], button.quite-round:has(path[d^="M28.828 3.172"])');
    if (brush) { pad.dataset.brush = "1"; brush.click(); }
  });
  new MutationObserver(pick).observe(document.documentElement, { childList: true, subtree: true });
})();
</script>
"""


def stroke_pad(label: str, colour: str, brush_size: int, canvas: int, elem_id: str) -> gr.Sketchpad:
    """A sketchpad with one fixed brush colour whose value keeps its layers (RGBA), so handlers can
    read the strokes from the layers' alpha instead of guessing them from the composite: the ink's colour is
    only what the visitor sees (dark on the white canvas, so it shows)."""
    return gr.Sketchpad(
        type="numpy",
        image_mode="RGBA",
        canvas_size=(canvas, canvas),
        label=label,
        brush=gr.Brush(colors=[colour], default_size=brush_size, color_mode="fixed"),
        elem_id=elem_id,
        elem_classes=["stroke-pad"],
    )
