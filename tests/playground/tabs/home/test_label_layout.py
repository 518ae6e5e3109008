"""The trilemma chart's name placement, in its own pixel model (the chart as drawn: ``tests/test_browser.py``)."""

import numpy as np

from playground.tabs.home import label_layout as layout


def _boxes(x, y, radii, names, x_range, y_range, size):
    spots = layout.place(x, y, radii, names, x_range, y_range)
    points = layout.to_screen(x, y, x_range, y_range, *size)
    return [layout.box_at(*points[i], spots[i], names[i]) for i in range(len(names))]


def test_names_of_points_at_one_spot_go_apart():
    x, y, radii = np.array([1.0, 1.0, 1.0]), np.array([0.5, 0.5, 0.5]), np.array([10.0, 10.0, 10.0])
    names = ["a long first name", "a second long name", "third"]
    for size in layout.PLOT_SIZES:
        boxes = _boxes(x, y, radii, names, [-1, 1], [0, 1], size)
        assert all(a.overlap(b) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1 :])
