"""The structure: one package per tab, listed once in TABS; no tab imports another tab's package;
each tab runs alone; a tab shows only when its models ship."""

import ast
import importlib
from pathlib import Path

import pytest

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
