"""The trilemma chart's name placement, in its own pixel model (the chart as drawn: ``tests/test_browser.py``)."""

import numpy as np

from playground.tabs.home import label_layout as layout


def _boxes(x, y, radii, names, x_range, y_range, size):
    spots = layout.place(x, y, radii, names, x_range, y_range)
    points = layout.to_screen(x, y, x_range, y_range, *size)
    centres = points + np.array([(s.dx, s.dy) for s in spots])
    return layout.boxes(centres, np.array([layout.half_size(t) for t in names]))


def test_names_of_points_at_one_spot_go_apart():
    x, y, radii = np.array([1.0, 1.0, 1.0]), np.array([0.5, 0.5, 0.5]), np.array([10.0, 10.0, 10.0])
    names = ["a long first name", "a second long name", "third"]
    for size in layout.PLOT_SIZES:
        boxes = _boxes(x, y, radii, names, [-1, 1], [0, 1], size)
        assert all(layout.overlap(boxes[i : i + 1], boxes[i + 1 :]).sum() == 0 for i in range(len(boxes)))
