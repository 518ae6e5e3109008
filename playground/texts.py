"""Texts in English and Chinese side by side, under stable short keys: each tab declares its own table in
``playground/tabs/<id>/texts.py`` (``TEXTS = {"run": ("Run", "运行"), ...}``) and gets back a ``Texts``:

- ``t("run", n=3)``: a text a handler writes, in the visitor's language (``i18n.LANGUAGE``), values filled
  in by ``str.format``;
- ``t.fixed("run")``: a fixed text of the page (a label, a button, a Markdown panel) as a Gradio translation
  key, which the browser shows in its language (``i18n.translations`` lists every declared key).

A key names its text, so changing an English sentence changes it in one place, beside its Chinese, and a
key used without an entry fails at once (``KeyError``) instead of falling back to English. The tables are
registered when their tab's modules import them: ``i18n`` reads ``declared()`` and imports no tab.
"""

from __future__ import annotations

import re
import string

import gradio as gr

KEY = re.compile(r"[a-z0-9_]+")
_TABLES: dict[str, dict[str, tuple[str, str]]] = {}
_generation = [0]  # bumped at each declaration, so cached catalogues are rebuilt


def _fields(template: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f is not None)


def gradio_key(scope: str, key: str) -> str:
    """The translation key Gradio's front end looks up (svelte-i18n reads dots as nesting: underscores)."""
    return f"pg_{scope}_{key}"


class Texts:
    """One scope's texts (a tab's, or the shared ones): ``t(key, **values)`` and ``t.fixed(key)``."""

    def __init__(self, scope: str, table: dict[str, tuple[str, str]]):
        for key, pair in table.items():
            if not KEY.fullmatch(key):
                raise ValueError(f"{scope}: key {key!r} is not lowercase letters, digits and _")
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)):
                raise ValueError(f"{scope}.{key}: needs (English, Chinese), both given")
            if _fields(pair[0]) != _fields(pair[1]):
                raise ValueError(f"{scope}.{key}: the Chinese fills other values than the English")
        self.scope, self.table = scope, dict(table)

    def __call__(self, key: str, /, **values) -> str:
        from playground.i18n import speaks_chinese

        text = self.table[key][1 if speaks_chinese() else 0]
        return text.format(**values) if values else text

    def en(self, key: str) -> str:
        return self.table[key][0]

    def fixed(self, key: str) -> gr.i18n.I18nData:
        self.table[key]  # noqa: B018 - an unknown key fails here, at build time
        return gr.i18n.I18nData(gradio_key(self.scope, key))


def declare(scope: str, table: dict[str, tuple[str, str]]) -> Texts:
    """Register ``table`` under ``scope`` (a tab id, or "shared") and return its ``Texts``."""
    texts = Texts(scope, table)
    if _TABLES.get(scope, texts.table) != texts.table:
        raise ValueError(f"texts of {scope!r} declared twice, differently")
    _TABLES[scope] = texts.table
    _generation[0] += 1
    return texts


def declared() -> dict[str, dict[str, tuple[str, str]]]:
    """scope -> key -> (English, Chinese), for every table declared so far."""
    return _TABLES


def generation() -> int:
    return _generation[0]
