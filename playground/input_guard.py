"""Every input of the app answers a value it cannot take with a clear message: ``convert``, called for
each input by ``events.handler`` (the events are registered with ``preprocess=False``, so Gradio hands
over the payload as sent). A slider sent the text "abc", a missing number, a file that is not a picture
or a 10,000 x 10,000 picture would otherwise fail inside Gradio's conversion, and the visitor or script
would only get "the upstream app raised an exception". Here
- pictures over ``upload_pixels_max`` are refused from their header, before any pixel is decoded,
- a wrong type is refused with the control's name and what it takes, and
- the component's own ``preprocess`` converts the rest; any failure there is said the same way.
Ranges and choices are checked against the control as built, as Gradio's own conversion does, except for
the controls that an event re-ranges for one visitor (``PER_VISITOR``): those are the handlers' own checks
(``playground.validate``), since only the handler knows that visitor's run. Every message is in the
visitor's language, the control named by its translated label.
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
CHOICES = (gr.Dropdown, gr.Radio, gr.CheckboxGroup)
# Controls whose range or choices an event changes for one visitor (``gr.update(maximum=...)``): Gradio keeps
# a per-session copy of them that the checks here cannot see, so their handlers check the value themselves.
PER_VISITOR = frozenset(
    {
        "gan-scrubber",  # its maximum: the snapshots of the visitor's run (gan.handlers)
        "flow-replay",
        "flow-layer",  # the same for the flow's run and its layers (flows.handlers)
        "rev-scrubber",  # the reverse process's steps (diffusion.handlers._scrubber)
        "vae-projection",  # the projections of the chosen model (vae.handlers)
    }
)


def _english_label(block) -> str:
    """The control's English label, also once ``i18n.translate`` has swapped it for a translation key."""
    return i18n.english_of(block.label) or ""


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
    (
        re.compile(r"^Value (?P<value>.+?) is less than minimum value (?P<limit>.+?)\.$"),
        "Value {value} is less than minimum value {limit}.",
    ),
    (
        re.compile(r"^Value (?P<value>.+?) is greater than maximum value (?P<limit>.+?)\.$"),
        "Value {value} is greater than maximum value {limit}.",
    ),
    (
        re.compile(r"^Value: (?P<value>.+?) (?:\(type: .*?\) )?is not in the list of choices: (?P<choices>.*)$", re.S),
        "{value} is not one of the choices: {choices}",
    ),
)


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


def convert(block, payload):
    """``payload`` (an input's value as sent) -> what the handler takes, or a ``gr.Error`` naming ``block``."""
    if not isinstance(block, gr.components.Component) or block.stateful:
        return payload  # a State's value is the server's own
    name = _name(block)  # here, not once: in the language of the event being handled
    if isinstance(block, NUMERIC):
        if payload is None or isinstance(payload, str | bool) or not isinstance(payload, int | float):
            raise gr.Error(
                tr("{name} needs {what}; it got {payload!r:.80}.", name=name, what=expectation(block), payload=payload)
            )
        if block.elem_id not in PER_VISITOR:
            _in_range(block, payload, name)
        return gr.Number.round_to_precision(payload, block.precision)
    if isinstance(block, gr.Checkbox) and not isinstance(payload, bool):
        raise gr.Error(
            tr("{name} needs {what}; it got {payload!r:.80}.", name=name, what=expectation(block), payload=payload)
        )
    if isinstance(block, CHOICES):
        if block.elem_id in PER_VISITOR:
            return _choice(block, payload, name)
        _choice(block, payload, name)  # the shape, then Gradio's own check of the choices below
    if isinstance(block, PICTURES):
        check_picture_sizes(payload, name)
    try:
        model = getattr(block, "data_model", None)
        if model is not None and payload is not None:
            payload = model.model_validate(payload)
        return block.preprocess(payload)
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
        raise gr.Error(
            tr(
                "{name} needs {what}: {problem} ({kind}).",
                name=name,
                what=expectation(block),
                problem=what,
                kind=type(e).__name__,
            )
        ) from None


def _in_range(block, payload, name: str) -> None:
    try:
        gr.Number.raise_if_out_of_bounds(payload, block.minimum, block.maximum)
    except gr.Error as e:
        raise gr.Error(tr("{name}: {problem}", name=name, problem=_gradio_message(e.message))) from None


def _choice(block, payload, name: str):
    """A choice (or a list of them) passed on as given: which choices a visitor has is the handler's check
    (an event may change them), but the shape is checked here."""
    if isinstance(block, gr.CheckboxGroup):
        if not isinstance(payload, list) or not all(isinstance(v, str | int | float) for v in payload):
            raise gr.Error(
                tr("{name} needs {what}; it got {payload!r:.80}.", name=name, what=expectation(block), payload=payload)
            )
        return list(payload)
    if getattr(block, "multiselect", False):
        return list(payload) if isinstance(payload, list) else payload
    return payload
