"""Every event goes through ``events.handler`` (language from the request, inputs checked), and the
playground replaces none of Gradio's own objects at run time (one version-gated workaround aside)."""

import ast
import inspect
from pathlib import Path

import gradio as gr
import pytest

from playground import i18n
from playground.events import checked, handler

ROOT = Path(__file__).resolve().parents[2]
# the one allowed replacement: ``gradio_fixes`` (version-gated, with a test on Gradio's own function)
ALLOWED = {("playground/gradio_fixes.py", "processing_utils.save_pil_to_cache")}


@pytest.fixture(scope="module")
def demo():
    from models.core.registry import configure
    from playground.ui import build_demo

    configure("cpu")
    return build_demo()


class Request:
    """What ``language_of`` reads from a ``gr.Request``."""

    def __init__(self, language: str):
        self.headers = {"accept-language": language}


def test_a_handler_takes_gradios_request_first_and_answers_in_its_language():
    def greet(name, evt: gr.SelectData = None):
        return i18n.tr("Upload a picture first.") + name

    wrapped = handler(greet, [gr.Textbox()])
    params = inspect.signature(wrapped).parameters
    assert list(params)[0] == "request" and params["request"].annotation is gr.Request
    assert gr.utils.get_type_hints(wrapped)["request"] is gr.Request  # how Gradio finds what to inject
    assert wrapped(Request("en"), "!") == "Upload a picture first.!"
    assert wrapped(Request("zh-CN"), "!") == i18n.catalog()["Upload a picture first."] + "!"


def test_a_streaming_handler_speaks_the_language_at_every_step():
    def steps(n):
        for _ in range(int(n)):
            yield i18n.LANGUAGE.get()

    wrapped = handler(steps, [gr.Number()])
    assert inspect.isgeneratorfunction(wrapped)
    assert list(wrapped(Request("zh"), 3)) == ["zh"] * 3


def test_bad_values_are_refused_naming_the_control_before_the_handler_runs():
    wrapped = handler(lambda x: x, [gr.Slider(0, 10, label="Steps")])
    with pytest.raises(gr.Error, match="“Steps” needs a number from 0 to 10"):
        wrapped(Request("en"), "abc")
    assert checked(lambda x: x, [])["preprocess"] is False


def test_every_event_of_the_app_goes_through_the_handler(demo):
    unwrapped = [
        fn.api_name
        for fn in demo.fns.values()
        if fn.fn is not None and not (getattr(fn.fn, "playground_handler", False) and not fn.preprocess)
    ]
    assert not unwrapped, f"events not registered with events.checked: {unwrapped}"


def _gradio_names(tree: ast.Module) -> set[str]:
    """Names bound to gradio or its modules in a file (``gr``, ``processing_utils``, ...)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.asname or a.name for a in node.names if a.name.split(".")[0] == "gradio"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "gradio":
            names |= {a.asname or a.name for a in node.names}
    return names


def test_no_gradio_object_is_replaced_at_run_time():
    """No assignment to an attribute of gradio (``gr.Slider.preprocess = ``, ``processing_utils.x = ``) nor to
    a Blocks' own methods (``demo.process_api = ``), anywhere in the playground."""
    found = set()
    for path in sorted((ROOT / "playground").rglob("*.py")):
        tree = ast.parse(path.read_text())
        gradio = _gradio_names(tree)
        for node in ast.walk(tree):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AugAssign | ast.AnnAssign)
                else []
            )
            for target in targets:
                if not isinstance(target, ast.Attribute):
                    continue
                base = target
                while isinstance(base, ast.Attribute):
                    base = base.value
                text = ast.unparse(target)
                on_gradio = isinstance(base, ast.Name) and base.id in gradio
                on_blocks = (
                    isinstance(base, ast.Name) and base.id in ("demo", "blocks") and target.attr in dir(gr.Blocks)
                )
                if on_gradio or on_blocks or "setattr(gr" in text:
                    found.add((str(path.relative_to(ROOT)), text))
        for node in ast.walk(tree):  # setattr(gr.X, "y", ...) too
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr" and node.args:
                base = node.args[0]
                while isinstance(base, ast.Attribute):
                    base = base.value
                if isinstance(base, ast.Name) and base.id in gradio:
                    found.add((str(path.relative_to(ROOT)), ast.unparse(node)))
    assert found <= ALLOWED, f"Gradio replaced at run time: {sorted(found - ALLOWED)}"


def test_the_controls_checked_per_visitor_exist(demo):
    from playground.input_guard import PER_VISITOR

    ids = {b.elem_id for b in demo.blocks.values() if getattr(b, "elem_id", None)}
    assert PER_VISITOR <= ids, PER_VISITOR - ids
