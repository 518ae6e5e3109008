"""Shared pictures: sample grids are laid out without filler tiles where the count allows."""

import numpy as np
import pytest
import torch
from PIL import Image

from playground.pictures import mosaic


@pytest.mark.parametrize(
    ("n", "shape"),
    [
        (1, (1, 1)),
        (4, (2, 2)),
        (6, (2, 3)),
        (8, (2, 4)),
        (12, (3, 4)),
        (16, (4, 4)),
        (7, (1, 7)),
        (13, (1, 13)),
        (10, (2, 5)),
    ],
)
def test_mosaic_rows_and_columns(n, shape):
    x = torch.ones(n, 1, 32, 32)  # white tiles: a grey filler shows as 128
    m = mosaic(x, 0, 1)
    assert m.shape == (32 * shape[0], 32 * shape[1])
    fillers = shape[0] * shape[1] - n
    assert int((m == 128).sum()) == fillers * 32 * 32


def test_draw_text_takes_what_the_main_font_lacks_from_the_symbol_font():
    from PIL import ImageDraw

    from playground.pictures import SYMBOLS, _runs, draw_text, font

    assert _runs("x̂₀ 预测") == [(True, "x̂₀"), (False, " 预测")]
    assert _runs("ε̂") == [(True, "ε̂")] and "₀" in SYMBOLS and "预" not in SYMBOLS

    def ink(text):
        img = Image.new("L", (300, 40), 0)
        draw_text(ImageDraw.Draw(img), (150, 20), text, fill=255, font=font(18), anchor="mm")
        return np.asarray(img) > 0

    # The subscript is a glyph (not .notdef's box): it leaves the same ink as in the symbol font alone, and the
    # centred label's ink is centred.
    x0 = ink("x₀")
    cols = np.nonzero(x0.any(0))[0]
    assert x0.sum() > 20 and abs((cols[0] + cols[-1]) / 2 - 150) < 3
    assert not np.array_equal(ink("预测"), ink("\\uffff\\uffff"))
