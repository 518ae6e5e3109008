import numpy as np
import pytest
from scipy import ndimage

from models.core.digit_input import EmptyDrawing, as_drawn, ink_from_picture, to_mnist


def test_drawing_is_centred_and_scaled_like_mnist():
    ink = np.zeros((280, 280), np.float32)
    ink[30:90, 200:215] = 1.0  # a small bar in a corner
    x = to_mnist(ink)
    assert x.shape == (28, 28) and 0.0 <= x.min() and x.max() <= 1.0
    cy, cx = ndimage.center_of_mass(x)
    assert abs(cy - 13.5) < 1.0 and abs(cx - 13.5) < 1.0
    rows = np.flatnonzero((x > 0.1).any(1))
    assert 17 <= rows[-1] - rows[0] + 1 <= 22  # longest side scaled to ~20 px


def test_empty_drawing_is_refused():
    with pytest.raises(EmptyDrawing):
        to_mnist(np.zeros((50, 50), np.float32))


def test_ink_polarity_follows_the_paper():
    dark_on_light = np.full((20, 20), 255, np.uint8)
    dark_on_light[5:15, 9:11] = 0
    assert ink_from_picture(dark_on_light)[10, 10] == 1.0 and ink_from_picture(dark_on_light)[0, 0] == 0.0
    assert ink_from_picture(255 - dark_on_light)[10, 10] == 1.0


def test_as_drawn_keeps_a_stroke_where_it_was_drawn():
    """A completion keeps the rows a visitor drew: the top half of the pad stays the top half (``to_mnist`` would
    move it to the middle of the frame)."""
    ink = np.zeros((280, 280), np.float32)
    ink[20:120, 100:180] = 1.0  # a block in the top half of the pad
    drawn = as_drawn(ink)
    rows = np.flatnonzero(drawn.max(1) > 0.5)
    assert drawn.shape == (28, 28) and rows.min() == 2 and rows.max() == 11
    framed = np.flatnonzero(to_mnist(ink).max(1) > 0.5)
    assert framed.mean() > 11  # the MNIST frame centres it
    with pytest.raises(EmptyDrawing):
        as_drawn(np.zeros((280, 280), np.float32))
