"""Every input component of the app answers a value it cannot take with a clear message.

Gradio converts each input (``preprocess``) before any handler runs: a slider sent the text
"abc", a missing number, a file that is not a picture or a 10,000 x 10,000 picture would fail
there, and the visitor or script would only get "the upstream app raised an exception". So each
input component's ``preprocess`` is wrapped on the instance (a subclass of a Gradio component
makes Gradio write a ``.pyi`` stub into the source tree) to
- refuse pictures over ``upload_pixels_max`` from their header, before any pixel is decoded, and
- turn any other failure into a ``gr.Error`` that names the control and what it takes.
Messages that are already ``gr.Error`` (such as Gradio's own "Value 9 is greater than maximum
value 3") pass through, prefixed with the control's name.
"""

from __future__ import annotations

import gradio as gr
from PIL import Image

from playground.inputs import too_big_message
from playground.settings import SETTINGS

NUMERIC = (gr.Slider, gr.Number)
PICTURES = (gr.Image, gr.ImageEditor)


def guard_inputs(demo: gr.Blocks) -> gr.Blocks:
    """Wrap the preprocess of every input component in ``demo``; returns ``demo``."""
    _guard_numeric_classes()
    inputs = {id(b): b for fn in demo.fns.values() for b in fn.inputs if isinstance(b, gr.components.Component)}
    for block in inputs.values():
        if not block.stateful and not getattr(block, "_input_guarded", False):
            _wrap(block)
    return demo


def _name(block) -> str:
    return f"“{block.label}”" if block.label else f"the {block.get_block_name()} input"


def expectation(block) -> str:
    """What the control takes, in words."""
    if isinstance(block, gr.Slider):
        return f"a number from {block.minimum:g} to {block.maximum:g}"
    if isinstance(block, gr.Number):
        whole = "a whole number" if block.precision == 0 else "a number"
        if block.minimum is not None and block.maximum is not None:
            return f"{whole} from {block.minimum:g} to {block.maximum:g}"
        return f"{whole} of at least {block.minimum:g}" if block.minimum is not None else whole
    if isinstance(block, PICTURES):
        return "a PNG or JPEG picture"
    if isinstance(block, gr.Checkbox):
        return "true or false"
    if isinstance(block, gr.CheckboxGroup):
        return "a list of choices"
    if isinstance(block, gr.Textbox):
        return "text"
    return "a valid value"


def file_paths(payload) -> list[str]:
    """File paths inside a payload (pydantic models, dicts and lists nested in any way)."""
    if payload is None:
        return []
    if hasattr(payload, "model_dump"):
        payload = payload.model_dump()
    if isinstance(payload, dict):
        own = [payload["path"]] if isinstance(payload.get("path"), str) else []
        return own + [p for k, v in payload.items() if k != "path" for p in file_paths(v)]
    if isinstance(payload, list | tuple):
        return [p for v in payload for p in file_paths(v)]
    return []


def check_picture_sizes(payload, name: str) -> None:
    """Refuse pictures over the pixel limit from their header (decoding 10^8 pixels takes seconds)."""
    for path in file_paths(payload):
        try:
            with Image.open(path) as im:
                w, h = im.size
        except Exception:  # noqa: BLE001 - unreadable files are answered by the conversion below
            continue
        if w * h > SETTINGS.upload_pixels_max:
            raise gr.Error(f"{name}: {too_big_message(w, h)}")


def _guard_numeric_classes() -> None:
    """The numeric check on the classes too: when an event updates a control's props (a scrubber's
    maximum), Gradio keeps a per-session copy of it that does not carry the instance's wrapper, and
    text or a missing value sent to it would again fail inside Gradio without a message."""
    for cls in NUMERIC:
        stock = cls.preprocess
        if getattr(stock, "_input_guarded", False):
            continue

        def preprocess(self, payload, stock=stock):
            if payload is None or isinstance(payload, str | bool):
                raise gr.Error(f"{_name(self)} needs {expectation(self)}; it got {payload!r}.")
            return stock(self, payload)

        preprocess._input_guarded = True
        cls.preprocess = preprocess


def _wrap(block) -> None:
    stock = block.preprocess
    name = _name(block)

    def preprocess(payload):
        if isinstance(block, NUMERIC) and (payload is None or isinstance(payload, str | bool)):
            raise gr.Error(f"{name} needs {expectation(block)}; it got {payload!r}.")
        if isinstance(block, gr.Checkbox) and not isinstance(payload, bool):
            raise gr.Error(f"{name} needs {expectation(block)}; it got {payload!r:.80}.")
        if isinstance(block, PICTURES):
            check_picture_sizes(payload, name)
        try:
            return stock(payload)
        except gr.Error as e:
            if e.message.startswith(name):
                raise
            raise gr.Error(f"{name}: {e.message}") from None
        except (Image.DecompressionBombError, OSError, ValueError, TypeError, KeyError, AttributeError) as e:
            what = (
                "that file is not a picture this app can read"
                if isinstance(block, PICTURES)
                else f"got {payload!r:.80}"
            )
            raise gr.Error(f"{name} needs {expectation(block)}: {what} ({type(e).__name__}).") from None

    block.preprocess = preprocess
    block._input_guarded = True
