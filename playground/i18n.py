"""The interface in English and Chinese (中文): the fixed texts of the page and every text a handler writes.

- **Fixed texts** (labels, info lines, placeholders, buttons, choices, tab titles, explanations): every one
  with a Chinese entry is replaced by a Gradio translation key after the tabs are built, so the tab modules
  keep plain English. The browser shows the language it prefers, and Gradio's own **Settings** panel (page
  footer) switches it.
- **Written texts** (status lines, captions, plot titles and axes, table headers, labels drawn on pictures,
  error messages): handlers write ``tr("English {n}", n=...)``, which answers in the visitor's language.
  That language is read once per event from its request (``events.handler``): the page's chosen locale (a cookie
  the page keeps in step with Gradio's language switch), else the browser's ``Accept-Language``; API
  clients that send neither get English.

The Chinese lives beside its English: each tab's ``playground/tabs/<id>/texts.py`` (keyed, ``playground.texts``),
``i18n_zh`` (shared fixed texts) and ``messages_zh`` (texts shared by every tab); terms follow ``glossary``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from contextvars import ContextVar
from http.cookies import SimpleCookie

import gradio as gr

from playground import texts
from playground.i18n_zh import ZH

TEXT_ATTRIBUTES = ("label", "info", "placeholder")
CHOICE_BLOCKS = (gr.Radio, gr.Dropdown, gr.CheckboxGroup)
LOCALES_ZH = ("zh-CN", "zh", "zh-TW")  # browsers report any; Traditional readers get Simplified, not English
COOKIE = "pg_lang"
MARKER = "__i18n__"  # how a component keeps a translation key given as its value (``str(I18nData)``)

# The language of the event being handled: "en" or "zh". Set per event by ``events.handler`` (and by tests with
# ``speaking``); a handler called as a plain function outside any event writes English.
LANGUAGE: ContextVar[str] = ContextVar("playground_language", default="en")


def key(text: str) -> str:
    """A translation key for an English text (svelte-i18n reads dots as nesting, so no raw text)."""
    return "pg_" + hashlib.sha1(text.encode()).hexdigest()[:12]


def catalog() -> dict[str, str]:
    """English -> Chinese for every text of the app: the shared fixed texts and messages, and every tab's
    keyed table declared so far (``playground.texts``). Two tables giving one text two translations is an error."""
    return _catalog(texts.generation())


@functools.cache
def _catalog(generation: int) -> dict[str, str]:
    from playground.messages_zh import TEXTS as SHARED

    # the tabs' tables are declared by the tabs as they are imported (``playground.texts``): none is imported here
    tables = [("i18n_zh", ZH), ("messages_zh", SHARED)]
    tables += [(scope, dict(pairs.values())) for scope, pairs in texts.declared().items()]
    merged: dict[str, str] = {}
    for name, table in tables:
        for en, zh in table.items():
            if merged.get(en, zh) != zh:
                raise ValueError(f"{name}: {en[:60]!r} already translated differently")
            merged[en] = zh
    return merged


def add(text: str, zh: str) -> None:
    """A translation for a text known only when the page is built (e.g. the compute footer)."""
    ZH[text] = zh
    catalog()[text] = zh


def english_of(label) -> str | None:
    """The English of a fixed text: the text itself, or the English behind a translation key (a declared
    ``texts`` key, or one that ``translate`` swapped in)."""
    if isinstance(label, str) and label.startswith(MARKER):  # a key a component's value kept as its marker
        label = gr.i18n.I18nData(json.loads(label[len(MARKER) :])["key"])
    if not isinstance(label, gr.i18n.I18nData):
        return label if isinstance(label, str) else None
    return _english_by_key(texts.generation()).get(label.key)


@functools.cache
def _english_by_key(generation: int) -> dict[str, str]:
    english = {key(t): t for t in catalog()}
    for scope, table in texts.declared().items():
        english |= {texts.gradio_key(scope, k): en for k, (en, _) in table.items()}
    return english


def speaks_chinese() -> bool:
    return LANGUAGE.get() == "zh"


def tr(text: str, /, **values) -> str:
    """``text`` (an English template) in the visitor's language, with ``values`` filled in by
    ``str.format`` (so a template with values writes literal braces as ``{{ }}``). A text without a
    Chinese entry stays English; ``tests/playground/test_i18n.py`` finds every ``tr`` text without one."""
    if speaks_chinese():
        text = catalog().get(text, text)
    return text.format(**values) if values else text


@contextlib.contextmanager
def speaking(language: str):
    """Handle what runs inside in ``language`` ("en" or "zh"), as an event from such a visitor would."""
    token = LANGUAGE.set(language)
    try:
        yield
    finally:
        LANGUAGE.reset(token)


def language_of(request) -> str:
    """ "zh" or "en" for a request: the page's chosen locale (cookie), else the first language of
    ``Accept-Language`` that is Chinese or English; anything else, or no request, is English."""
    if request is None:
        return "en"
    headers = getattr(request, "headers", None) or {}
    cookie = SimpleCookie()
    with contextlib.suppress(Exception):
        cookie.load(headers.get("cookie", ""))
    chosen = cookie[COOKIE].value if COOKIE in cookie else ""
    wanted = [chosen] + [part.split(";")[0].strip() for part in headers.get("accept-language", "").split(",")]
    for tag in wanted:
        low = tag.lower()
        if low.startswith("zh"):
            return "zh"
        if low.startswith("en"):
            return "en"
    return "en"


# The page keeps a cookie in step with its language (Gradio's svelte-i18n sets <html lang> on every
# switch), so each request says which language the visitor reads now.
LANGUAGE_COOKIE_JS = f"""
<script>
(() => {{
  const keep = () => {{
    const lang = document.documentElement.lang || navigator.language || "en";
    document.cookie = "{COOKIE}=" + encodeURIComponent(lang) + "; path=/; SameSite=Lax";
  }};
  keep();
  new MutationObserver(keep).observe(document.documentElement, {{ attributes: true, attributeFilter: ["lang"] }});
}})();
</script>
"""


# Gradio 6.31 writes "processing |" and "queue: 2/3 |" on a running output in its code (the status tracker), not
# through its i18n table, so a Chinese page showed them in English (issue 36). Nothing of Gradio is replaced: while
# <html lang> is Chinese, the page rewrites those two text nodes as they appear (Gradio's timer beside them stays).
STATUS_WORDS_ZH_JS = """
<script>
(() => {
  const words = [[/^processing \\|/, "处理中 |"], [/^queue: /, "排队："]];
  const zh = () => (document.documentElement.lang || "").toLowerCase().startsWith("zh");
  const fix = (el) => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const [english, chinese] of words) {
        if (english.test(node.nodeValue)) node.nodeValue = node.nodeValue.replace(english, chinese);
      }
    }
  };
  // before the next paint (observers run as microtasks): the few status texts on the page, looked over
  new MutationObserver(() => zh() && document.querySelectorAll(".progress-text").forEach(fix)).observe(
    document.documentElement, { childList: true, subtree: true, characterData: true });
})();
</script>
"""


def translations() -> gr.I18n:
    from playground.messages_zh import GRADIO_TEXTS

    table = catalog()
    en = {key(t): t for t in table}
    zh = {key(t): z for t, z in table.items()} | GRADIO_TEXTS
    for scope, pairs in texts.declared().items():
        for k, (english, chinese) in pairs.items():
            en[texts.gradio_key(scope, k)], zh[texts.gradio_key(scope, k)] = english, chinese
    return gr.I18n(en=en, **{loc: zh for loc in LOCALES_ZH})


def _choice_names(block) -> list[str]:
    return [name for name, _ in block.choices if isinstance(name, str)] if isinstance(block, CHOICE_BLOCKS) else []


def fixed_texts(demo: gr.Blocks):
    """(block, attribute, text) for every fixed English text of the interface (attribute "choice" for a
    choice's shown name). Markdown that an event writes to (status lines, captions) is not fixed: its
    handlers write through ``tr``."""
    written = {id(b) for fn in demo.fns.values() for b in fn.outputs}
    for block in demo.blocks.values():
        for attr in TEXT_ATTRIBUTES:
            text = getattr(block, attr, None)
            if isinstance(text, str) and text.strip():
                yield block, attr, text
        if isinstance(block, gr.Markdown | gr.Button) and id(block) not in written:
            if isinstance(block.value, str) and block.value.strip() and not block.value.startswith(MARKER):
                yield block, "value", block.value
        for name in _choice_names(block):
            yield block, "choice", name


def fixed_texts_en(demo: gr.Blocks):
    """(block, attribute, English text) for every fixed text, whether ``translate`` swapped it for a key yet
    or not (for counting what a visitor can read)."""
    written = {id(b) for fn in demo.fns.values() for b in fn.outputs}

    def text_of(value):
        if isinstance(value, gr.i18n.I18nData) or (isinstance(value, str) and value.startswith(MARKER)):
            return english_of(value)
        return value if isinstance(value, str) and value.strip() else None

    for block in demo.blocks.values():
        attrs = list(TEXT_ATTRIBUTES)
        if isinstance(block, gr.Markdown | gr.Button) and id(block) not in written:
            attrs.append("value")
        for attr in attrs:
            if text := text_of(getattr(block, attr, None)):
                yield block, attr, text
        if isinstance(block, CHOICE_BLOCKS):
            for name, _ in block.choices:
                if text := text_of(name):
                    yield block, "choice", text


def translate(demo: gr.Blocks) -> gr.Blocks:
    """Swap every fixed text that has a translation for its key; returns ``demo``."""
    i18n = gr.I18n(en={})
    table = catalog()
    for block, attr, text in list(fixed_texts(demo)):
        if text in table and attr != "choice":
            setattr(block, attr, i18n(key(text)))
    for block in demo.blocks.values():
        # A Markdown an event writes to starts with a text too ("Press **Run**."): that first text is swapped
        # where it has a translation (the events' own texts come through ``tr``).
        if isinstance(block, gr.Markdown) and isinstance(block.value, str) and block.value in table:
            block.value = i18n(key(block.value))
        if _choice_names(block):
            block.choices = [(i18n(key(n)) if isinstance(n, str) and n in table else n, v) for n, v in block.choices]
    return demo
