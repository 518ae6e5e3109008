"""The keyed texts (``playground.texts``): every tab's table has both languages for every key, a key a tab
uses is declared, and a converted tab passes no English literal to a label, a button or a panel (its texts
live in its ``texts.py``, so a changed English sentence is changed beside its Chinese)."""

import ast
import importlib
import re
from pathlib import Path

import pytest

from playground import texts
from scripts.i18n_coverage import english_runs
from tests.playground.zh_check import NAMES

ROOT = Path(__file__).resolve().parents[2]
TABS = sorted(p.parent.name for p in (ROOT / "playground" / "tabs").glob("*/texts.py"))
FIXED = {"label", "info", "placeholder"}
LINK = re.compile(r"\]\([^)]*\)")  # a link's target (a tour step's ?tab=...&gan-preset=...) is no text


def _table(tab: str) -> texts.Texts:
    return importlib.import_module(f"playground.tabs.{tab}.texts").say


@pytest.mark.parametrize("tab", TABS)
def test_every_key_has_english_and_chinese(tab):
    say = _table(tab)
    # names (a model, a sampler) and units may stay as they are; no run of English words may
    english = [k for k, (en, zh) in say.table.items() if english_runs(LINK.sub("", zh), NAMES)]
    assert not english, f"{tab}: keys whose Chinese is not Chinese: {english}"
    assert len({en for en, _ in say.table.values()}) == len(say.table), f"{tab}: one English text under two keys"


@pytest.mark.parametrize("tab", TABS)
def test_the_tab_uses_declared_keys_and_no_english_literal_labels(tab):
    say = _table(tab)
    unknown, literal = [], []
    for path in sorted((ROOT / "playground" / "tabs" / tab).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            is_say = isinstance(func, ast.Name) and func.id == "say"
            is_fixed = (
                isinstance(func, ast.Attribute) and func.attr == "fixed" and getattr(func.value, "id", "") == "say"
            )
            if (is_say or is_fixed) and node.args and isinstance(node.args[0], ast.Constant):
                if node.args[0].value not in say.table:
                    unknown.append(f"{path.name}:{node.lineno}: {node.args[0].value}")
            for kw in node.keywords:
                if kw.arg in FIXED and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    if re.search(r"[A-Za-z]{3,}", kw.value.value):
                        literal.append(f"{path.name}:{node.lineno}: {kw.arg}={kw.value.value[:50]!r}")
    assert not unknown, f"keys without an entry: {unknown}"
    assert not literal, f"English given to a label outside {tab}/texts.py: {literal}"


def test_a_table_missing_a_language_or_a_value_is_refused():
    with pytest.raises(ValueError):
        texts.Texts("x", {"run": ("Run", "")})
    with pytest.raises(ValueError):
        texts.Texts("x", {"steps": ("{n} steps", "步")})
    with pytest.raises(ValueError):
        texts.Texts("x", {"Run": ("Run", "运行")})
    say = texts.Texts("x", {"steps": ("{n} steps", "{n} 步")})
    with pytest.raises(KeyError):
        say("stepz", n=1)
