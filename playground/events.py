"""The wrapper of every event handler of the app: ``handler(fn, inputs)``, registered with ``preprocess=False``.

Gradio 6.31 converts each input (``Component.preprocess``) before the handler runs, and a value it cannot
take (a slider sent the text "abc", a file that is not a picture) fails there with "the upstream app raised
an exception". Its event ``validator=`` does not help: the validator's inputs are converted the same way
first (``queueing.create_validator_fn`` copies the event's ``preprocess``), and its refusal reaches an API
client as a 422 ``ValidationError``, not the ``gr.Error`` a visitor and a script get for every other refusal.
So every event is registered with Gradio's own ``preprocess=False`` and this wrapper converts the payloads:
``input_guard.convert`` checks each one (naming the control, in the visitor's language), then hands it to
the component's own ``preprocess``.

The wrapper also sets the visitor's language (``i18n.LANGUAGE``) from a ``request: gr.Request`` parameter
that it adds in front of the handler's own (Gradio injects a request into a positional parameter annotated
``gr.Request``: ``helpers.special_args``), for a streaming handler at every step (each step runs in its own
copy of the context on a worker thread).
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable

import gradio as gr

from playground import i18n

SPECIAL = (gr.Request, gr.EventData, gr.OAuthProfile, gr.OAuthToken)


def _special(param: inspect.Parameter, hints: dict) -> bool:
    """A parameter Gradio fills itself (request, event data, progress), not from an input component."""
    hint = hints.get(param.name)
    hint = next((a for a in typing.get_args(hint) if a is not type(None)), hint)  # Optional[X] -> X
    if isinstance(hint, type) and issubclass(hint, SPECIAL):
        return True
    return isinstance(param.default, gr.Progress)


def _hints(fn) -> dict:
    try:
        return typing.get_type_hints(fn)
    except Exception:  # noqa: BLE001 - a hint that does not resolve: Gradio then reads none either
        return {}


def titled(note: gr.Error) -> gr.Error:
    """The note with its title (Gradio's English "Error") in the visitor's language."""
    note.title = i18n.tr(note.title)
    return note


def note(kind, message: str) -> None:
    """``gr.Info`` or ``gr.Warning`` with ``message`` and its title in the visitor's language (Gradio titles them
    "Info" and "Warning" in English)."""
    kind(message, title=i18n.tr(kind.__name__))


def handler(fn: Callable, inputs=None) -> Callable:
    """``fn`` as an event handler: in the visitor's language, its ``inputs`` (the event's input components,
    in order) checked and converted. Register the event with ``preprocess=False``."""
    blocks = (
        list(inputs)
        if isinstance(inputs, list | tuple)
        else [inputs]
        if isinstance(inputs, gr.components.Component)
        else []
    )
    signature = inspect.signature(fn)
    hints = _hints(fn)
    params = list(signature.parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    # argument index -> input component: Gradio puts its own values (event data, progress) among the inputs
    slots = [i for i, p in enumerate(positional) if not _special(p, hints)]
    if any(p.kind == p.VAR_POSITIONAL for p in params):  # ``*values``: the inputs left over
        slots += range(len(positional), len(positional) + len(blocks) - len(slots))
    by_index = dict(zip(slots, blocks, strict=False))
    own_request = next((p.name for p in positional if hints.get(p.name) in (gr.Request, gr.Request | None)), None)

    def speak(request) -> None:
        if request is not None:  # None: called as a plain function (a test), in the language already set
            i18n.LANGUAGE.set(i18n.language_of(request))

    def prepare(request, args):
        speak(request)
        from playground.input_guard import convert

        return [convert(by_index[i], a) if i in by_index else a for i, a in enumerate(args)]

    def split(args):
        """(the request, the handler's arguments): the added request comes first, unless ``fn`` takes one."""
        if own_request is None:
            return args[0], list(args[1:])
        return args[[p.name for p in positional].index(own_request)], list(args)

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def run(*args, **kwargs):
            request, args = split(args)
            try:
                it = fn(*prepare(request, args), **kwargs)
                while True:
                    speak(request)  # each step runs in a fresh copy of the context
                    try:
                        item = next(it)
                    except StopIteration as stop:
                        return stop.value
                    yield item
            except gr.Error as error:
                raise titled(error) from None

    else:

        @functools.wraps(fn)
        def run(*args, **kwargs):
            request, args = split(args)
            try:
                return fn(*prepare(request, args), **kwargs)
            except gr.Error as error:
                raise titled(error) from None

    if own_request is None:
        added = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=gr.Request)
        run.__signature__ = signature.replace(parameters=[added, *params])
        run.__annotations__ = {**hints, "request": gr.Request}
    else:
        run.__annotations__ = hints
    run.playground_handler = True  # for the test that every event goes through here
    return run


def checked(fn: Callable, inputs=None) -> dict:
    """An event's ``fn``, ``inputs`` and ``preprocess=False``, for ``button.click(**checked(fn, inputs),
    outputs=..., ...)``: ``fn`` through ``handler``, which converts the inputs itself."""
    return {"fn": handler(fn, inputs), "inputs": inputs, "preprocess": False}
