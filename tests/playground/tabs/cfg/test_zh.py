"""The guidance tab for a Chinese page: the grid's labels and sub-grid titles, the trade-off plot and table,
one cell's mechanics and every error message are Chinese; the labels fit their bands; the tour has its
Chinese. Tiny grids: two rows, two scales, DDIM-3."""

import re

import pytest

from playground import i18n
from playground.pictures import FIGURE_LABEL_PX, LABEL_PX, font
from playground.tabs.cfg import handlers as cfg
from playground.tabs.cfg import view
from playground.tabs.cfg.ui import TOUR
from tests.playground.zh_check import CJK, chinese_error, english_left

pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


@pytest.fixture
def drawn(monkeypatch):
    """The labels the handlers draw onto their pictures."""
    labels = {}

    def grid_image(blocks, rows, cols, titles):
        labels.update(rows=rows, cols=cols, titles=titles)
        return real_grid(blocks, rows, cols, titles)

    def mechanics_strip(items):
        labels.update(strip=[label for _, label, _ in items])
        return real_strip(items)

    real_grid, real_strip = view.grid_image, view.mechanics_strip
    monkeypatch.setattr(cfg, "grid_image", grid_image)
    monkeypatch.setattr(cfg, "mechanics_strip", mechanics_strip)
    return labels


def stream(**over) -> list[tuple]:
    args = dict(
        classes=["1", "unconditional"],
        scales="0, 2",
        seeds="0, 1",
        steps=3,
        sampler="DDIM",
        third_axis="none",
        third_values="",
        rescale=0.0,
        extra=0,
    )
    return list(cfg.cfg_grid(*{**args, **over}.values()))


def grid(**over):
    return stream(**over)[-1]


def test_grid_plot_and_table_are_chinese(drawn):
    image, fig, table, _ = grid()
    assert english_left([fig, table]) == [] and "类别准确率" in table and "同一个噪声" in table
    assert {trace.name for trace in fig.data} == {"类别准确率（%）", "多样性（平均特征距离）"}
    assert drawn["rows"] == ["类别 1", "无条件"] and drawn["titles"] == ["DDIM，3 步"]
    assert english_left(drawn["rows"] + drawn["cols"] + drawn["titles"]) == []


def test_progress_stop_and_sub_grid_measures_are_chinese():
    outs = stream(third_axis="steps", third_values="2, 3", seeds="0", extra=1)
    lines = [o[2] for o in outs[:-1] if isinstance(o[2], str)]
    assert len(lines) >= 2 and english_left(lines) == [] and all("个格子" in line for line in lines)
    _, fig, table, _ = outs[-1]
    assert english_left([fig, table]) == [] and "第一个子网格" in table and "第一个子网格" in fig.layout.title.text
    stopped = cfg.cfg_stopped(lines[-1])
    assert english_left(stopped) == [] and "已停止" in stopped
    steps, sampler, values = cfg.third_axis_controls("sampler", "10, 25")
    assert english_left(values["label"]) == [] and "采样器" in values["label"]


def test_one_seed_says_why_diversity_is_missing_in_chinese():
    _, fig, table, _ = grid(seeds="0")
    assert english_left([fig, table]) == [] and "多样性至少需要" in table


def test_sub_grid_titles_are_chinese(drawn):
    grid(third_axis="steps", third_values="2, 3", seeds="0")
    assert drawn["titles"] == ["DDIM，2 步", "DDIM，3 步"]


def test_labels_fit_their_bands():
    f = font(FIGURE_LABEL_PX)
    for label in ("类别 1", "无条件", "uncond.", "class 9"):
        left, top, right, bottom = f.getbbox(label)
        assert view.GAP + right < view.ROW_LABEL_W and bottom < view.CELL_PX, label
    for label in ("w = 0.125", "w = 20"):
        column = view.column_font(label, view.CELL_PX)
        assert column.getbbox(label)[3] < view.COL_LABEL_H and column.getlength(label) <= view.CELL_PX
        assert column.size >= LABEL_PX
    assert view.column_font("w = 3", view.CELL_PX).size == FIGURE_LABEL_PX
    assert f.getbbox("DPM-Solver++，100 步")[3] + 4 < view.TITLE_H


def test_mechanics_are_chinese(drawn):
    strip, md = cfg.cfg_mechanics("3", 4.0, 0, 4, 1, 0.0)
    assert english_left(md) == [] and "ε̂ = ε_u + w·(ε_c − ε_u)" in md and "w = 4" in md
    assert english_left(drawn["strip"]) == [] and "ε̂_u（无条件）" in drawn["strip"]
    chinese_error(lambda: cfg.cfg_mechanics("3", 4.0, 0, 4, 4, 0.0))  # the step to inspect is out of range


def test_errors_are_chinese():
    assert "0-8 (+2)" in chinese_error(lambda: grid(scales="0, 1, x"))  # the visitor's own words aside
    chinese_error(lambda: grid(scales="0-100 [100]"))
    chinese_error(lambda: grid(classes=[]))
    chinese_error(lambda: grid(classes=[str(d) for d in range(10)], scales="0-11 (+1)", seeds="0-3 (+1)"))
    chinese_error(lambda: grid(steps=5000))
    chinese_error(lambda: grid(third_axis="sampler", third_values="Euler"))
    chinese_error(lambda: grid(third_axis="sampler", third_values="DDIM, DDIM, DDIM, DDIM, DDIM"))


def test_the_tour_has_its_chinese():
    zh = i18n.catalog()[TOUR]
    assert CJK.search(zh) and english_left(zh, ("Stable Diffusion",)) == []
    assert re.findall(r"\]\((\?[^)]+)\)", zh) == re.findall(r"\]\((\?[^)]+)\)", TOUR)
