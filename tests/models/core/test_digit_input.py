import numpy as np
import pytest
from scipy import ndimage

from models.core.digit_input import EmptyDrawing, ink_from_picture, to_mnist


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
