"""The interface in English and Chinese: every fixed text has a Chinese entry, and no entry is stale."""

import re

import pytest

from playground import i18n
from playground.i18n_zh import ZH

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo():
    from models.registry import configure
    from playground.ui import build_demo

    configure("cpu")
    return build_demo()


def test_every_fixed_text_of_the_interface_is_translated(demo):
    left = [f"{type(b).__name__}.{attr}: {text[:60]!r}" for b, attr, text in i18n.fixed_texts(demo)
            if re.search(r"[A-Za-z]{3,}", text)]  # fmt: skip
    assert not left, "no Chinese for:\n" + "\n".join(left)


def test_no_stale_entries(demo):
    used = {t.key for b in demo.blocks.values() for attr in (*i18n.TEXT_ATTRIBUTES, "value")
            if isinstance(t := getattr(b, attr, None), type(i18n.translations()("x")))}  # fmt: skip
    stale = [text[:60] for text in ZH if i18n.key(text) not in used]
    assert not stale, f"entries no longer in the interface: {stale}"


def test_translations_are_chinese_and_keys_are_safe():
    assert sum(bool(CJK.search(z)) for z in ZH.values()) >= 0.95 * len(ZH)
    keys = [i18n.key(t) for t in ZH]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"pg_[0-9a-f]{12}", k) for k in keys)
    table = i18n.translations().translations
    assert set(table) == {"en", *i18n.LOCALES_ZH} and all(len(v) == len(ZH) for v in table.values())
