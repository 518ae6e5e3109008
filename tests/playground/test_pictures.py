"""Shared pictures: sample grids are laid out without filler tiles where the count allows."""

import pytest
import torch

from playground.pictures import mosaic


@pytest.mark.parametrize(("n", "shape"), [(1, (1, 1)), (4, (2, 2)), (6, (2, 3)), (8, (2, 4)), (12, (3, 4)),
                                          (16, (4, 4)), (7, (3, 3))])  # fmt: skip
def test_mosaic_rows_and_columns(n, shape):
    x = torch.ones(n, 1, 32, 32)  # white tiles: a grey filler shows as 128
    m = mosaic(x, 0, 1)
    assert m.shape == (32 * shape[0], 32 * shape[1])
    fillers = shape[0] * shape[1] - n
    assert int((m == 128).sum()) == fillers * 32 * 32
