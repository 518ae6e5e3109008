"""The interface in English and Chinese (中文).

Every fixed text of the built interface — labels, info lines, placeholders, buttons, tab and section
titles, explanations — that has an entry in ``i18n_zh.ZH`` is replaced by a Gradio translation key
after the tabs are built, so the tab modules keep plain English. The browser then shows the
language it prefers (English or Chinese), and Gradio's own **Settings** panel (page footer)
switches it; Gradio translates its own buttons and messages in the same switch.
"""

from __future__ import annotations

import hashlib

import gradio as gr

from playground.i18n_zh import ZH

TEXT_ATTRIBUTES = ("label", "info", "placeholder")
LOCALES_ZH = ("zh-CN", "zh", "zh-TW")  # browsers report any; Traditional readers get Simplified, not English


def key(text: str) -> str:
    """A translation key for an English text (svelte-i18n reads dots as nesting, so no raw text)."""
    return "pg_" + hashlib.sha1(text.encode()).hexdigest()[:12]


def add(text: str, zh: str) -> None:
    """A translation for a text known only when the page is built (e.g. the compute footer)."""
    ZH[text] = zh


def translations() -> gr.I18n:
    en = {key(t): t for t in ZH}
    zh = {key(t): z for t, z in ZH.items()}
    return gr.I18n(en=en, **{loc: zh for loc in LOCALES_ZH})


def fixed_texts(demo: gr.Blocks):
    """(block, attribute, text) for every fixed English text of the interface. Markdown that an event
    writes to (status lines, captions) is not fixed: its handlers write English."""
    written = {id(b) for fn in demo.fns.values() for b in fn.outputs}
    for block in demo.blocks.values():
        for attr in TEXT_ATTRIBUTES:
            text = getattr(block, attr, None)
            if isinstance(text, str) and text.strip():
                yield block, attr, text
        if isinstance(block, gr.Markdown | gr.Button) and id(block) not in written:
            if isinstance(block.value, str) and block.value.strip():
                yield block, "value", block.value


def translate(demo: gr.Blocks) -> gr.Blocks:
    """Swap every fixed text that has a translation for its key; returns ``demo``."""
    i18n = gr.I18n(en={})
    for block, attr, text in list(fixed_texts(demo)):
        if text in ZH:
            setattr(block, attr, i18n(key(text)))
    return demo
