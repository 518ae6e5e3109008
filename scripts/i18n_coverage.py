"""How much of what a visitor can read has Chinese: the fixed texts of the built page (labels, buttons,
choices, explanations) and every text the code writes through ``playground.i18n.tr`` (found by reading
the source), and the guided-tour steps per tab.

    python -m scripts.i18n_coverage            # the counts, as docs/lecture.md quotes them
    python -m scripts.i18n_coverage --missing  # and every text still without Chinese, with its place
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VALIDATORS = {"choice": 2, "number": 3}  # validate.<fn>: index of its ``what`` argument (an input's English name)
SAID_LATER = {"when_given": 2, "refuse": 0}  # helpers that say an English text they are given through ``tr``
# A run of three or more English words: what a Chinese page must not show (identifiers, numbers and
# formulas are single tokens or symbols, so they pass).
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]{1,}(?:[ ,'’-]+[A-Za-z][a-z]+){2,}\b")


def english_runs(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """The runs of three or more English words in ``text`` (minus the ``allowed`` names, e.g. model names)."""
    for name in allowed:
        text = text.replace(name, " ")
    return ENGLISH_RUN.findall(text)


def needs_chinese(attr: str, text: str) -> bool:
    """A fixed text needs Chinese when it has a word in it; a choice's name only when it has a lowercase word
    (``vae16``, ``DDIM``, ``Euler (Karras)`` are names and stay)."""
    return bool(re.search(r"\b[a-z]{3,}\b" if attr == "choice" else r"[A-Za-z]{3,}", text))


def _string(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _keyed(scope: str, key: str | None) -> str | None:
    """The English of a tab's keyed text (``say("key")``), or the key itself where none is declared."""
    import importlib

    from playground.texts import declared

    importlib.import_module(f"playground.tabs.{scope}.texts")
    return declared()[scope].get(key, (f"<no text {scope}.{key}>", ""))[0] if key else None


def written_texts(root: Path = ROOT / "playground") -> list[tuple[str, int, str]]:
    """(file, line, English text) for every literal the code passes to ``tr`` (or to ``when_given``) or
    names an input with in ``validate.choice`` / ``validate.number``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            texts = []
            if name == "tr" and node.args:
                texts.append(_string(node.args[0]))
            elif name == "say" and node.args and (path.parent / "texts.py").exists():  # a keyed text of a tab
                texts.append(_keyed(path.parent.name, _string(node.args[0])))
            elif name in SAID_LATER and len(node.args) > SAID_LATER[name]:
                texts.append(_string(node.args[SAID_LATER[name]]))
            elif (
                name in VALIDATORS
                and isinstance(node.func, ast.Attribute)
                and getattr(node.func.value, "id", "") == "validate"
            ):
                i = VALIDATORS[name]
                texts.append(_string(node.args[i]) if len(node.args) > i else None)
                texts += [_string(k.value) for k in node.keywords if k.arg == "what"]
            rel = str(path.relative_to(ROOT))
            found += [(rel, node.lineno, t) for t in texts if t]
    return found


def fixed_texts() -> list[str]:
    """The English of every fixed text of the built page that needs Chinese."""
    from models.core.registry import configure
    from playground import i18n
    from playground.ui import build_demo

    configure("cpu")
    demo = build_demo()
    return sorted({text for _, attr, text in i18n.fixed_texts_en(demo) if needs_chinese(attr, text)})


def tour_steps() -> dict[str, int]:
    from playground.tabs import TABS
    from playground.tour import steps

    return {tab.id: len(steps(tab.tour)) for tab in TABS if tab.tour}


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--missing", action="store_true", help="list every text without Chinese")
    args = p.parse_args(argv)
    from playground.i18n import catalog

    fixed = fixed_texts()
    written = written_texts()
    texts = catalog()  # after the page is built: the tabs' tables are declared as they are imported
    unique_written = sorted({t for _, _, t in written})
    fixed_left = [t for t in fixed if t not in texts]
    written_left = [(f, n, t) for f, n, t in written if t not in texts]
    unique_left = {t for *_, t in written_left}
    total = len(fixed) + len(unique_written)
    done = total - len(fixed_left) - len(unique_left)
    print(f"fixed texts: {len(fixed) - len(fixed_left)} of {len(fixed)} have Chinese")
    print(f"written texts (tr and input names): {len(unique_written) - len(unique_left)} of {len(unique_written)}")
    print(f"all: {done} of {total} ({100 * done / max(total, 1):.1f}%)")
    print("tour steps per tab: " + ", ".join(f"{k} {v}" for k, v in tour_steps().items()))
    if args.missing:
        for t in fixed_left:
            print(f"fixed: {t[:100]!r}")
        for f, n, t in written_left:
            print(f"{f}:{n}: {t[:100]!r}")


if __name__ == "__main__":
    main()
