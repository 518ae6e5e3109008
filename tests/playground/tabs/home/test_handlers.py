"""The home tab's handlers: each break moves the measures the course says it moves, the
nearest-neighbour check finds copies, the trilemma reads the shipped results, bad input is refused."""

import gradio as gr
import pytest
import torch
from PIL import Image

from models.measure.metrics_lab import Break, broken_set, nearest_training_digits
from playground.tabs.home import handlers as home


def _numbers(table: str) -> dict[str, tuple[float, float]]:
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4:
            rows[cells[0]] = (float(cells[1]), float(cells[2]))
    return rows


@pytest.fixture(scope="module")
def lab():
    """One call per break (each ~2-4 s), shared by the tests below."""
    calls = {
        "drop": ("drop classes", 5, 500),
        "blur": ("blur", 1.0, 500),
        "copies": ("copies of training digits", 0, 500),
        "few": ("fewer samples", 0, 50),
    }
    return {k: list(home.metrics_lab(*v, 0))[-1] for k, v in calls.items()}


def test_dropping_classes_cuts_recall_and_coverage_not_precision(lab):
    table, panel, lesson = lab["drop"]
    m = _numbers(table)
    assert m["recall (coverage)"][1] < 0.7 * m["recall (coverage)"][0]
    assert m["coverage"][1] < 0.7 * m["coverage"][0]
    assert abs(m["precision (quality)"][1] - m["precision (quality)"][0]) < 0.05
    assert m["classes covered (of 10)"][1] == 5 and isinstance(panel, Image.Image) and "Mode dropping" in lesson


def test_blur_cuts_precision_and_raises_fid(lab):
    m = _numbers(lab["blur"][0])
    assert m["precision (quality)"][1] < m["precision (quality)"][0] - 0.1 and m["FID"][1] > 5 * m["FID"][0]


def test_copies_look_perfect_to_the_set_measures_and_the_neighbours_expose_them(lab):
    m = _numbers(lab["copies"][0])
    assert m["FID"][1] <= m["FID"][0] and m["precision (quality)"][1] >= m["precision (quality)"][0]
    x, _ = broken_set(Break("copies of training digits", 0, 8))
    _, dist = nearest_training_digits(x)
    assert torch.all(dist[:, 0] == 0)
    held_out, _ = broken_set(Break("none", 0, 8))
    assert torch.all(nearest_training_digits(held_out)[1][:, 0] > 1)  # new digits are not copies (min 1.26)


def test_fewer_samples_raise_fid_but_not_kid(lab):
    m = _numbers(lab["few"][0])
    assert m["FID"][1] > 3 * m["FID"][0] and abs(m["KID"][1]) < 0.5


def test_nearest_neighbours_of_a_generator():
    panel, caption = home.nearest_neighbours("vae16", 3, 0)
    assert isinstance(panel, Image.Image) and panel.size[1] > 3 * 84 and "no copy" in caption


def test_the_trilemma_reads_the_shipped_results():
    fig, table, grids = home.trilemma("FID")
    names = [t.name for t in fig.data]
    assert {"VAE", "GAN", "diffusion"} <= set(names) and "diffusion DDIM-50" in table and len(grids) >= 7


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: list(home.metrics_lab("melt", 1, 500, 0))[-1], "break must be one of"),
        (lambda: list(home.metrics_lab("blur", 9, 500, 0))[-1], "amount (blur) must be between 0 and 3"),
        (lambda: list(home.metrics_lab("none", 0, 5000, 0))[-1], "samples n must be between 20 and 1000"),
        (lambda: home.nearest_neighbours("pixelcnn", 4, 0), "generator must be one of"),
        (lambda: home.nearest_neighbours("vae16", 100, 0), "samples must be between 1 and 16"),
        (lambda: home.trilemma("beauty"), "quality axis must be one of"),
    ],
)
def test_bad_input_gets_a_clear_message(call, message):
    with pytest.raises(gr.Error, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_the_first_lab_says_it_measures_the_reference_first():
    """The first call measures the 1,000 reference digits and the 500 unbroken ones (~4 s on 2 cores) before its
    own: it says so at once instead of spinning; later calls (~1 s) answer in one update."""
    from models.measure import metrics_lab

    metrics_lab.baseline.cache_clear()
    metrics_lab._reference_features.cache_clear()
    first, result = list(home.metrics_lab("blur", 1.0, 20, 0))
    assert "once" in first[0] and "FID" in result[0]
    assert len(list(home.metrics_lab("blur", 1.0, 20, 0))) == 1


def test_a_family_s_neighbouring_points_are_named_by_what_tells_them_apart():
    from playground.tabs.home.view import point_labels

    assert point_labels(["LCM student 1-step", "LCM student 2-step"]) == ["LCM student 1-step", "2-step"]
    assert point_labels(["DCGAN (collapsing)", "DCGAN (64-D z)"]) == ["DCGAN (collapsing)", "DCGAN (64-D z)"]
    assert point_labels(["vae2", "vae16"]) == ["vae2", "vae16"]
