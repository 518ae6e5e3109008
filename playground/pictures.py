"""Tensor/array -> PIL helpers shared by the tabs: big, crisp (nearest-neighbour) digits, mosaics
and labelled strips."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont

DIGIT_DISPLAY = 280  # px: a 28x28 digit at 10x stays crisp on a projector
# The app's own fonts (``scripts/subset_font.py``): every Chinese, Latin, Greek and maths character the app
# writes (a subset of Noto Sans CJK SC), and the few Noto lacks — subscripts, combining accents (a subset of
# DejaVu Sans, its characters in symbols.txt) — so labels drawn on pictures read in both languages on a
# machine without a CJK font.
FONTS = Path(__file__).resolve().parents[1] / "assets" / "fonts"
FONT_FILE, SYMBOL_FONT_FILE = FONTS / "PlaygroundSansSC.otf", FONTS / "PlaygroundSansSymbols.ttf"
SYMBOLS = frozenset((FONTS / "symbols.txt").read_text(encoding="utf-8").strip())
LABEL_PX = 14  # the smallest label drawn on a picture (readable at 1280 x 720)
# Labels on a tab's main figure: lecture mode fits that figure to the screen's height below its top, about 0.7x
# its size at 1280 x 720 (test_browser measures it: 0.66-0.72), so 22 px drawn there shows as 14-16.
FIGURE_LABEL_PX = 22


@functools.cache
def font(size: int = LABEL_PX) -> ImageFont.FreeTypeFont:
    """The app's font at ``size`` px, for every text drawn onto a picture (with ``draw_text``)."""
    return ImageFont.truetype(str(FONT_FILE), size)


@functools.cache
def _symbol_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(SYMBOL_FONT_FILE), size)


def _runs(text: str) -> list[tuple[bool, str]]:
    """``text`` -> (in the symbol font?, run) pieces; a combining accent takes its base letter along."""
    runs: list[list] = []
    for c in text:
        symbol = c in SYMBOLS
        if symbol and unicodedata.combining(c) and runs and not runs[-1][0]:
            base = runs[-1][1][-1]
            runs[-1][1] = runs[-1][1][:-1]
            runs.append([True, base])
        if runs and runs[-1][0] == symbol:
            runs[-1][1] += c
        else:
            runs.append([symbol, c])
    return [(s, r) for s, r in runs if r]


def draw_text(
    draw: ImageDraw.ImageDraw,
    xy,
    text: str,
    fill=None,
    font: ImageFont.FreeTypeFont | None = None,
    anchor: str | None = None,
    **kwargs,
) -> None:
    """``draw.text`` with the app's fonts: what the main font lacks (x̂₀, ᾱ_t) is drawn in the symbol font,
    on the same baseline. Same arguments as ``ImageDraw.text`` (one line of text)."""
    main = font or _app_font()
    runs = _runs(text)
    if all(not symbol for symbol, _ in runs):
        draw.text(xy, text, fill=fill, font=main, anchor=anchor, **kwargs)
        return
    size = int(main.size)
    fonts = [(_symbol_font(size) if symbol else main, run) for symbol, run in runs]
    width = sum(f.getlength(run) for f, run in fonts)
    h, v = (anchor or "la")[0], (anchor or "la")[1]
    ascent, descent = main.getmetrics()
    x = xy[0] - {"l": 0, "m": width / 2, "r": width}.get(h, 0)
    y = xy[1] + {"a": ascent, "t": ascent, "m": (ascent - descent) / 2, "s": 0, "d": -descent, "b": -descent}.get(v, 0)
    for f, run in fonts:
        draw.text((x, y), run, fill=fill, font=f, anchor="ls", **kwargs)
        x += f.getlength(run)


_app_font = font


def to_uint8(x: torch.Tensor | np.ndarray) -> np.ndarray:
    """(H, W) or (1, H, W) in [0, 1] -> (H, W) uint8."""
    if isinstance(x, torch.Tensor):
        x = x.detach().float().cpu().numpy()
    x = np.asarray(x).squeeze()
    return (np.clip(x, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)


def digit_image(x: torch.Tensor | np.ndarray, size: int = DIGIT_DISPLAY) -> Image.Image:
    """One digit in [0, 1], white on black as in MNIST, upscaled without blur."""
    return Image.fromarray(to_uint8(x)).resize((size, size), Image.NEAREST)


def digit_strip(xs: torch.Tensor, cell: int = 84, gap: int = 4, max_per_row: int = 16) -> Image.Image:
    """(N, 1, H, W) in [0, 1] -> a strip (wrapped after ``max_per_row``) on a grey background."""
    n = len(xs)
    cols = min(n, max_per_row)
    rows = -(-n // cols)
    out = Image.new("L", (cols * cell + (cols + 1) * gap, rows * cell + (rows + 1) * gap), 128)
    for i, x in enumerate(xs):
        r, c = divmod(i, cols)
        out.paste(digit_image(x, cell), (gap + c * (cell + gap), gap + r * (cell + gap)))
    return out


def digit_grid(xs: torch.Tensor, rows: int, cols: int) -> np.ndarray:
    """(rows*cols, 1, H, W) in [0, 1] -> one (rows*H, cols*W) uint8 mosaic, row-major."""
    _, _, h, w = xs.shape
    tiles = to_uint8(xs.reshape(rows, cols, h, w)) if rows * cols > 1 else to_uint8(xs).reshape(1, 1, h, w)
    return tiles.transpose(0, 2, 1, 3).reshape(rows * h, cols * w)


def mosaic_columns(n: int) -> int:
    """Columns for n tiles: the nearest divisor of n at or above √n (8 -> 4 x 2, 12 -> 4 x 3), so the
    grid never has a grey filler tile; a prime count is one row (7 -> 7 x 1: a strip, not a mosaic with holes)."""
    square = int(np.ceil(np.sqrt(n)))
    return next(c for c in range(square, n + 1) if n % c == 0)


def mosaic(x: torch.Tensor, lo: float = -1.0, hi: float = 1.0, cols: int | None = None) -> np.ndarray:
    """(B, 1, H, W) -> one (rows*H, cols*W) uint8 image; values mapped [lo, hi] -> [0, 255], clipped.

    x_t and x̂₀ use [-1, 1] (the data range, as every diffusion figure shows them); ε̂ uses [-3, 3].
    """
    b, _, h, w = x.shape
    cols = cols or mosaic_columns(b)
    rows = -(-b // cols)
    a = ((x.float().cpu().numpy()[:, 0] - lo) / (hi - lo)).clip(0, 1)
    canvas = np.full((rows * cols, h, w), 0.5, np.float32)
    canvas[:b] = a
    tiles = canvas.reshape(rows, cols, h, w).transpose(0, 2, 1, 3).reshape(rows * h, cols * w)
    return (tiles * 255 + 0.5).astype(np.uint8)


def enlarge(img: np.ndarray, width: int = 320) -> Image.Image:
    """uint8 (H, W) -> PIL, upscaled without blur to about ``width`` pixels wide."""
    k = max(1, width // img.shape[1])
    return Image.fromarray(img).resize((img.shape[1] * k, img.shape[0] * k), Image.NEAREST)


def labelled_strip(images: list[np.ndarray], labels: list[str], cell: int = 96, gap: int = 6) -> Image.Image:
    """Grey uint8 images side by side, each scaled to ``cell`` px wide with its label above."""
    label_h = LABEL_PX + 6
    heights = [round(cell * im.shape[0] / im.shape[1]) for im in images]
    out = Image.new("L", (len(images) * (cell + gap) + gap, max(heights) + label_h + 2 * gap), 255)
    draw = ImageDraw.Draw(out)
    for i, (im, text, hgt) in enumerate(zip(images, labels, heights, strict=True)):
        x = gap + i * (cell + gap)
        draw_text(draw, (x + 2, gap // 2), text, fill=0)
        out.paste(Image.fromarray(im).resize((cell, hgt), Image.NEAREST), (x, gap + label_h))
    return out


def use_app_font_in_plots() -> None:
    """Plotly draws its own SVG text with its own font list: the app's font goes at its end (as on the page),
    so a plot's Chinese title, axes and legend have glyphs on a machine without a CJK font."""
    import plotly.graph_objects as go
    import plotly.io as pio

    family = '"Open Sans", verdana, arial, sans-serif, "Playground Sans SC"'
    # LABEL_PX for every text of a plot (plotly's default is 12); lecture mode fits a plot by its height, not a zoom
    pio.templates["playground"] = go.layout.Template(layout={"font": {"family": family, "size": LABEL_PX}})
    pio.templates.default = "plotly+playground"
