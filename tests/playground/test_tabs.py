"""The structure: one package per tab, listed once in TABS; no tab imports another tab's package;
each tab runs alone; a tab shows only when its models ship."""

import ast
import importlib
from pathlib import Path

import pytest

from playground import tour
from playground.tabs import TABS

ROOT = Path(__file__).resolve().parents[2]
TABS_DIR = ROOT / "playground" / "tabs"


def test_every_tab_package_is_listed_once_and_every_listed_tab_is_a_package():
    packages = sorted(p.name for p in TABS_DIR.iterdir() if (p / "__init__.py").exists())
    ids = [t.id for t in TABS]
    assert sorted(ids) == packages and len(set(ids)) == len(ids)
    for tab in TABS:
        module = importlib.import_module(f"playground.tabs.{tab.id}")
        assert module.TAB is tab and (TABS_DIR / tab.id / "__main__.py").exists(), f"{tab.id} cannot run alone"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("tab_id", [t.id for t in TABS])
def test_no_tab_imports_another_tabs_package(tab_id):
    others = [t.id for t in TABS if t.id != tab_id]
    for path in (TABS_DIR / tab_id).rglob("*.py"):
        for name in _imports(path):
            assert not any(name.startswith(f"playground.tabs.{o}") for o in others), f"{path.name} imports {name}"


def test_a_tab_shows_only_when_its_models_ship():
    controlnet = next(t for t in TABS if t.id == "controlnet")
    assert controlnet.ships(["diffusion_figures", "controlnet_edge", "controlnet_pose", "vae2"])
    assert not controlnet.ships(["diffusion_figures", "controlnet_edge"])


def _sub_tabs(demo, tab_id: str) -> list[str]:
    """The ids of the sub-tabs built inside top-level tab ``tab_id`` (its first view excluded)."""
    import gradio as gr

    top = next(b for b in demo.blocks.values() if isinstance(b, gr.Tab) and b.id == tab_id)
    found, stack = [], list(top.children)
    while stack:
        block = stack.pop(0)
        if isinstance(block, gr.Tab):
            found.append(block.id)
        stack.extend(getattr(block, "children", []) or [])
    return found[1:]


def test_every_tab_declares_its_views_and_every_built_sub_tab_is_declared(built_demo):
    """The presenter's checks, the screenshots and the browser tests read each tab's declaration: a sub-tab built but
    not declared would silently be left out of them, and a declared one that is not built would fail them late."""
    for tab in TABS:
        assert tab.main and tab.tour_check, f"{tab.id}: no main view or quick tour step declared"
        assert set(_sub_tabs(built_demo, tab.id)) == set(tab.sub_tabs), tab.id
        step, _ = tab.tour_check
        assert 1 <= step <= len(tour.steps(tab.tour)), f"{tab.id}: tour step {step} does not exist"
    built = {b.elem_id for b in built_demo.blocks.values() if getattr(b, "elem_id", None)}
    for tab in TABS:  # what a tour step is about: a step that exists, a figure that is built (its link scrolls to it)
        for step in tab.tour_figures:
            assert 1 <= step <= len(tour.steps(tab.tour)), f"{tab.id}: tour step {step} does not exist"
        figures = tab.step_figures()
        assert set(figures) == set(range(1, len(tour.steps(tab.tour)) + 1)), f"{tab.id}: a step names no figure"
        for step, figure in figures.items():
            assert figure.lstrip("#") in built, f"{tab.id} step {step}: no {figure}"


def test_the_course_map_links_every_other_shown_tab_with_its_summary():
    from playground.i18n import speaking
    from playground.tabs.home import course_map

    text = course_map(TABS)
    for tab in TABS[1:]:
        assert f"](?tab={tab.id}): {tab.summary}" in text
    with speaking("zh"):
        assert "课程" in course_map(TABS)
