"""Every input component of the app answers a value it cannot take with a clear message.

Gradio converts each input (``preprocess``) before any handler runs: a slider sent the text
"abc", a missing number, a file that is not a picture or a 10,000 x 10,000 picture would fail
there, and the visitor or script would only get "the upstream app raised an exception". So each
input component's ``preprocess`` is wrapped on the instance (a subclass of a Gradio component
makes Gradio write a ``.pyi`` stub into the source tree) to
- refuse pictures over ``upload_pixels_max`` from their header, before any pixel is decoded, and
- turn any other failure into a ``gr.Error`` that names the control and what it takes.
Messages that are already ``gr.Error`` (such as Gradio's own "Value 9 is greater than maximum
value 3") pass through, prefixed with the control's name. Every message is in the visitor's language
(``i18n.install`` sets it before Gradio converts the inputs), the control named by its translated label.
"""

from __future__ import annotations

import re

import gradio as gr
from PIL import Image

from playground import i18n
from playground.i18n import tr
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


def _english_label(block) -> str:
    """The control's English label, also once ``i18n.translate`` has swapped it for a translation key."""
    label = block.label
    if isinstance(label, gr.i18n.I18nData):
        label = {i18n.key(t): t for t in i18n.catalog()}.get(label.key, "")
    return label if isinstance(label, str) else ""


def _name(block) -> str:
    label = _english_label(block)
    return tr("“{label}”", label=tr(label)) if label else tr("the {kind} input", kind=block.get_block_name())


def expectation(block) -> str:
    """What the control takes, in words."""
    if isinstance(block, gr.Slider):
        return tr("a number from {lo:g} to {hi:g}", lo=block.minimum, hi=block.maximum)
    if isinstance(block, gr.Number):
        whole = block.precision == 0
        if block.minimum is not None and block.maximum is not None:
            if whole:
                return tr("a whole number from {lo:g} to {hi:g}", lo=block.minimum, hi=block.maximum)
            return tr("a number from {lo:g} to {hi:g}", lo=block.minimum, hi=block.maximum)
        if block.minimum is not None:
            if whole:
                return tr("a whole number of at least {lo:g}", lo=block.minimum)
            return tr("a number of at least {lo:g}", lo=block.minimum)
        return tr("a whole number") if whole else tr("a number")
    if isinstance(block, PICTURES):
        return tr("a PNG or JPEG picture")
    if isinstance(block, gr.Checkbox):
        return tr("true or false")
    if isinstance(block, gr.CheckboxGroup):
        return tr("a list of choices")
    if isinstance(block, gr.Textbox):
        return tr("text")
    return tr("a valid value")


# Gradio's own conversion messages, said again in the visitor's language (anything else passes as Gradio wrote it).
GRADIO_MESSAGES = (
    (re.compile(r"^Value (?P<value>.+?) is less than minimum value (?P<limit>.+?)\.$"),
     "Value {value} is less than minimum value {limit}."),
    (re.compile(r"^Value (?P<value>.+?) is greater than maximum value (?P<limit>.+?)\.$"),
     "Value {value} is greater than maximum value {limit}."),
    (re.compile(r"^Value: (?P<value>.+?) (?:\(type: .*?\) )?is not in the list of choices: (?P<choices>.*)$", re.S),
     "{value} is not one of the choices: {choices}"),
)  # fmt: skip


def _gradio_message(message: str) -> str:
    for pattern, template in GRADIO_MESSAGES:
        if m := pattern.match(message):
            return tr(template, **m.groupdict())
    return message


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
            raise gr.Error(tr("{name}: {problem}", name=name, problem=too_big_message(w, h)))


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
                raise gr.Error(
                    tr(
                        "{name} needs {what}; it got {payload!r}.",
                        name=_name(self),
                        what=expectation(self),
                        payload=payload,
                    )
                )
            return stock(self, payload)

        preprocess._input_guarded = True
        cls.preprocess = preprocess


def _wrap(block) -> None:
    stock = block.preprocess

    def preprocess(payload):
        name = _name(block)  # here, not once: in the language of the event being handled
        if isinstance(block, NUMERIC) and (payload is None or isinstance(payload, str | bool)):
            raise gr.Error(
                tr("{name} needs {what}; it got {payload!r}.", name=name, what=expectation(block), payload=payload)
            )
        if isinstance(block, gr.Checkbox) and not isinstance(payload, bool):
            raise gr.Error(
                tr("{name} needs {what}; it got {payload!r:.80}.", name=name, what=expectation(block), payload=payload)
            )
        if isinstance(block, PICTURES):
            check_picture_sizes(payload, name)
        try:
            return stock(payload)
        except gr.Error as e:
            if e.message.startswith(name):
                raise
            raise gr.Error(tr("{name}: {problem}", name=name, problem=_gradio_message(e.message))) from None
        except (Image.DecompressionBombError, OSError, ValueError, TypeError, KeyError, AttributeError) as e:
            what = (
                tr("that file is not a picture this app can read")
                if isinstance(block, PICTURES)
                else tr("got {payload!r:.80}", payload=payload)
            )
            raise gr.Error(tr("{name} needs {what}: {problem} ({kind}).", name=name, what=expectation(block),
                              problem=what, kind=type(e).__name__)) from None  # fmt: skip

    block.preprocess = preprocess
    block._input_guarded = True
