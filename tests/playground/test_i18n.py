"""The interface in English and Chinese: every fixed text has a Chinese entry, and no entry is stale."""

import re
import string

import pytest

from playground import glossary, i18n, texts
from playground.i18n_zh import ZH
from playground.pictures import FONT_FILE
from scripts.i18n_coverage import english_runs, needs_chinese, written_texts

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo():
    from models.core.registry import configure
    from playground.ui import build_demo

    configure("cpu")
    return build_demo()


def test_every_fixed_text_of_the_interface_is_translated(demo):
    left = [
        f"{type(b).__name__}.{attr}: {text[:60]!r}"
        for b, attr, text in i18n.fixed_texts(demo)
        if needs_chinese(attr, text)
    ]
    assert not left, "no Chinese for:\n" + "\n".join(left)


def test_no_stale_entries(demo):
    used = {
        t.key
        for b in demo.blocks.values()
        for attr in (*i18n.TEXT_ATTRIBUTES, "value")
        if isinstance(t := getattr(b, attr, None), type(i18n.translations()("x")))
    }
    used |= {
        n.key
        for b in demo.blocks.values()
        if isinstance(b, i18n.CHOICE_BLOCKS)
        for n, _ in b.choices
        if isinstance(n, type(i18n.translations()("x")))
    }
    stale = [text[:60] for text in ZH if i18n.key(text) not in used]
    assert not stale, f"entries no longer in the interface: {stale}"


def test_translations_are_chinese_and_keys_are_safe():
    assert sum(bool(CJK.search(z)) for z in ZH.values()) >= 0.95 * len(ZH)
    keys = [i18n.key(t) for t in ZH]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"pg_[0-9a-f]{12}", k) for k in keys)
    table = i18n.translations().translations
    declared = sum(len(t) for t in texts.declared().values())
    assert set(table) == {"en", *i18n.LOCALES_ZH} and len(table["en"]) == len(i18n.catalog()) + declared


# --- Texts the code writes (status lines, captions, plots, messages) -------------------------------------


def test_every_written_text_has_chinese():
    texts = i18n.catalog()
    left = [f"{f}:{n}: {t[:70]!r}" for f, n, t in written_texts() if t not in texts]
    assert not left, "no Chinese (add it to the tab's texts.py or playground/messages_zh.py) for:\n" + "\n".join(left)


def _fields(template: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f is not None)


def test_chinese_templates_fill_the_same_values():
    texts = i18n.catalog()
    written = {t for _, _, t in written_texts()}
    wrong = [en[:60] for en in written if en in texts and _fields(en) != _fields(texts[en])]
    assert not wrong, f"Chinese templates whose {{values}} differ from the English: {wrong}"


def test_tr_answers_in_the_visitors_language():
    en = "{what} must be a whole number (got {value!r})."
    assert i18n.tr(en, what="seed", value=1.5) == "seed must be a whole number (got 1.5)."
    with i18n.speaking("zh"):
        text = i18n.tr(en, what="seed", value=1.5)
    assert CJK.search(text) and "1.5" in text and not english_runs(text)
    assert i18n.tr("a text nobody translated") == "a text nobody translated"


@pytest.mark.parametrize(
    ("headers", "language"),
    [
        ({}, "en"),
        ({"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"}, "zh"),
        ({"accept-language": "en-US,en"}, "en"),
        ({"accept-language": "fr-FR,zh;q=0.5"}, "zh"),
        ({"accept-language": "zh-CN", "cookie": "pg_lang=en"}, "en"),
        ({"accept-language": "en", "cookie": "a=1; pg_lang=zh-CN"}, "zh"),
        ({"accept-language": "de"}, "en"),
    ],
)
def test_language_of_a_request(headers, language):
    class Request:
        pass

    request = Request()
    request.headers = headers
    assert i18n.language_of(request) == language
    assert i18n.language_of(None) == "en"


def test_glossary_terms_are_used_and_their_alternatives_are_not():
    texts = i18n.catalog()
    wrong = [
        f"{t.zh} not {bad}: {zh[:50]!r}"
        for t in glossary.GLOSSARY
        for zh in texts.values()
        for bad in t.avoid
        if bad in zh
    ]
    assert not wrong, "\n".join(wrong)
    terms = {t.en for t in glossary.GLOSSARY}
    assert len(terms) == len(glossary.GLOSSARY) and all(CJK.search(t.zh) for t in glossary.GLOSSARY)


def test_the_shipped_fonts_draw_every_character_the_app_writes():
    from fontTools.ttLib import TTFont

    from playground.pictures import SYMBOL_FONT_FILE, SYMBOLS
    from scripts.subset_font import wanted_characters

    main, symbols = (TTFont(f)["cmap"].getBestCmap() for f in (FONT_FILE, SYMBOL_FONT_FILE))
    missing = sorted(
        c
        for c in wanted_characters()
        if not c.isspace() and not (ord(c) in main or (c in SYMBOLS and ord(c) in symbols))
    )
    assert not missing, f"rerun python -m scripts.subset_font (see its docstring); missing: {''.join(missing[:80])}"
    assert all(ord(c) in symbols for c in SYMBOLS)
    size = FONT_FILE.stat().st_size + SYMBOL_FONT_FILE.stat().st_size
    assert size < 10e6 and all((FONT_FILE.parent / name).exists() for name in ("OFL.txt", "LICENSE-DejaVu.txt"))


def test_a_stored_machine_line_reads_in_chinese_word_by_word():
    from playground.compute_note import MACHINE_WORDS, machine_line

    assert all(w in i18n.catalog() for w in MACHINE_WORDS)
    line = "Xeon [avx2], 2 cores, no GPU, torch 2.13.0 (2 threads, bf16: bf16 measured faster than fp32 at start)"
    assert machine_line(line) == line
    with i18n.speaking("zh"):
        zh = machine_line(line)
    assert "Xeon" in zh and "avx2" in zh and not english_runs(zh)


def test_the_input_guard_names_a_control_by_its_label_in_the_visitors_language(demo):
    """The guard's messages name the control by its label, also where the label is a translation key (a tab's
    keyed text, or one ``translate`` swapped in)."""
    import gradio as gr

    from playground.input_guard import convert

    slider = next(b for b in demo.blocks.values() if isinstance(b, gr.Slider) and b.elem_id == "ar-rows")
    english = i18n.catalog()
    label = i18n.english_of(slider.label)
    assert label == "rows to keep (from the top)"
    for language, expected in (("en", label), ("zh", english[label])):
        with i18n.speaking(language), pytest.raises(gr.Error) as error:
            convert(slider, "abc")
        assert error.value.message.startswith(f"“{expected}”"), error.value.message
