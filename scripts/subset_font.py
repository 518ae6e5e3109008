"""Make the fonts the app draws text with: a subset of Noto Sans CJK SC (SIL Open Font License 1.1) holding
every character the app can write — each text of ``playground.i18n.catalog()`` in English and Chinese,
printable ASCII, and every non-ASCII character in the app's source — and a subset of DejaVu Sans (Bitstream
Vera licence) with the few of them Noto Sans CJK lacks (subscripts, combining accents, ᾱ, ↦), listed in
``symbols.txt`` so ``playground.pictures.draw_text`` knows which font draws which character. Both ship in
the repo (well under 10 MB), so no font is downloaded at run time.

    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    python -m scripts.subset_font --source /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

(DejaVu Sans is Debian's fonts-dejavu-core, ``--symbols``.) Rerun it after adding translations:
``tests/playground/test_i18n.py`` fails when a text has a character the shipped fonts lack. The families
are renamed (a subset is a modified version under both licences)."""

from __future__ import annotations

import argparse
import string
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FONTS = Path(__file__).resolve().parents[1] / "assets" / "fonts"
MAIN, SYMBOLS, SYMBOL_LIST = FONTS / "PlaygroundSansSC.otf", FONTS / "PlaygroundSansSymbols.ttf", FONTS / "symbols.txt"
SC_INDEX = 2  # NotoSansCJK-Regular.ttc: JP, KR, SC, TC, HK, then the Mono faces
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SOURCE_DIRS = ("playground", "models", "benchmarks")


def gradio_chinese() -> str:
    """The text of Gradio's own zh-CN and zh-TW translations (its buttons, footer and messages), as installed."""
    import gradio

    assets = Path(gradio.__file__).parent / "templates" / "frontend" / "assets"
    return "".join(p.read_text(encoding="utf-8") for p in sorted(assets.glob("zh-*.js")))


def wanted_characters() -> set[str]:
    """Every character the app can write — and Gradio's Chinese around it —, bar emoji (Markdown only: the
    browser draws those)."""
    from playground.i18n import catalog
    from playground.messages_zh import GRADIO_TEXTS

    chars = set(string.printable) - set("\t\n\r\x0b\x0c")
    for en, zh in catalog().items():
        chars |= set(en) | set(zh)
    chars |= set("".join(GRADIO_TEXTS.values())) | {c for c in gradio_chinese() if ord(c) >= 0x2E80}
    root = FONTS.parents[1]
    for folder in SOURCE_DIRS:
        for path in (root / folder).rglob("*.py"):
            chars |= {c for c in path.read_text(encoding="utf-8") if ord(c) > 127}
    emoji = {c for c in chars if unicodedata.category(c) == "So" and ord(c) >= 0x2600}
    return {c for c in chars - emoji if c.isprintable()}


def _subset(font: TTFont, chars: set[str], family: str, out: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (3, 4):
            record.string = f"{family} Regular"
        elif record.nameID == 6:
            record.string = family.replace(" ", "") + "-Regular"
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))


def make_subsets(source: Path, symbols: Path = DEJAVU) -> tuple[int, str]:
    """Write both subsets and the symbol list; returns (characters kept, the characters DejaVu draws)."""
    cjk = TTCollection(str(source)).fonts[SC_INDEX] if source.suffix == ".ttc" else TTFont(str(source))
    chars = wanted_characters()
    covered = cjk.getBestCmap()
    rest = {c for c in chars if ord(c) not in covered}
    _subset(cjk, chars - rest, "Playground Sans SC", MAIN)
    dejavu = TTFont(str(symbols))
    missing = sorted(c for c in rest if ord(c) not in dejavu.getBestCmap())
    if missing:
        raise SystemExit(f"neither font has {''.join(missing)!r}")
    # With every Latin/Greek/maths character the app writes: a combining accent is drawn with its base letter
    # in one font (x̂, ε̂).
    alphabetic = {c for c in chars if ord(c) < 0x2E80 and ord(c) in dejavu.getBestCmap()}
    _subset(dejavu, rest | alphabetic, "Playground Sans Symbols", SYMBOLS)
    SYMBOL_LIST.write_text("".join(sorted(rest)) + "\n", encoding="utf-8")
    return len(chars), "".join(sorted(rest))


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", type=Path, required=True, help="NotoSansCJK-Regular.ttc (Debian: fonts-noto-cjk)")
    p.add_argument("--symbols", type=Path, default=DEJAVU, help="DejaVuSans.ttf (Debian: fonts-dejavu-core)")
    args = p.parse_args(argv)
    n, rest = make_subsets(args.source, args.symbols)
    size = (MAIN.stat().st_size + SYMBOLS.stat().st_size) / 1e6
    print(f"{n} characters ({len(rest)} from DejaVu: {rest}), {size:.2f} MB in {FONTS}")


if __name__ == "__main__":
    main()
