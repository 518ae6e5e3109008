"""The home tab for a Chinese page: the metrics lab's table, panel and lesson, the nearest-neighbour caption,
the trilemma's chart, table and gallery captions, and the error messages are Chinese; every break, lesson and
generator has its Chinese; the tour's Chinese keeps its links, and every link is valid."""

import re
from pathlib import Path
from urllib.parse import parse_qsl

import gradio as gr
import pytest

from models.generators import GENERATORS
from models.measure.metrics_lab import BREAKS
from playground import i18n
from playground.deep_links import Site, apply_link
from playground.tab import add_tab
from playground.tabs.home import TAB
from playground.tabs.home import handlers as home
from playground.tabs.home.ui import TOUR
from playground.tour import LINK, steps
from tests.playground.zh_check import CJK, chinese_error, english_left

NAMES = ("FID", "vae2", "vae16", "vae16_beta4")  # fixed texts that are names, in both languages


pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


def test_the_metrics_lab_is_chinese():
    out = list(home.metrics_lab("blur", 1.0, 20, 0))[-1]
    table, _, lesson = out
    assert english_left(out) == [] and "| 指标 |" in table and "模糊（n = 20）" in table and "**模糊**" in lesson


def test_every_break_lesson_and_generator_has_chinese():
    texts = [*BREAKS, *home.LESSONS.values(), *(f"amount ({k})" for k in home.AMOUNTS), *home.QUALITY_AXES[:1]]
    texts += [g for g in GENERATORS if not re.fullmatch(r"vae\w*", g)]
    assert all(CJK.search(i18n.tr(t)) for t in texts), [t for t in texts if not CJK.search(i18n.tr(t))]


def test_nearest_neighbours_caption_is_chinese():
    out = home.nearest_neighbours("DCGAN (64-D z)", 2, 0)
    assert english_left(out) == [] and "DCGAN（64 维 z）" in out[1] and "不是副本" in out[1]


def test_the_trilemma_is_chinese(monkeypatch):
    for quality in home.QUALITY_AXES:
        fig, table, grids = home.trilemma(quality)
        assert english_left([fig, table]) == [] and english_left([caption for _, caption in grids]) == []
        assert "扩散模型" in [trace.name for trace in fig.data] and "| 生成器 |" in table
        assert "毫秒/样本" in fig.data[0].hovertemplate
    monkeypatch.setattr(home, "ms_per_sample", lambda generator, repeats: 1.0)  # the texts, not the timing
    updates = list(home.trilemma_speed("precision"))  # streamed: one chart per generator timed
    assert len(updates) > 1 and english_left(updates[-1]) == [] and "本机，刚刚测得" in updates[-1][1]
    assert f"已计时 {len(updates)} 个生成器中的 1 个" in updates[0][1]


def test_errors_are_chinese(monkeypatch):
    assert "模糊" in chinese_error(lambda: list(home.metrics_lab("blur", 9, 500, 0))[-1])
    assert "破坏方式" in chinese_error(lambda: list(home.metrics_lab("melt", 1, 500, 0)), BREAKS)  # lists the values
    chinese_error(lambda: home.nearest_neighbours("vae16", 100, 0))
    monkeypatch.setattr("models.core.results.RESULTS_DIR", Path("/nonexistent"))
    assert "三难困境" in chinese_error(lambda: home.trilemma("FID"))


@pytest.fixture(scope="module")
def demo():
    with gr.Blocks() as demo, gr.Tabs():
        add_tab(demo, TAB)
    return demo


def test_every_fixed_text_has_chinese(demo):
    missing = {t for _, _, t in i18n.fixed_texts_en(demo) if t not in i18n.catalog() and re.search(r"[A-Za-z]{3,}", t)}
    assert missing <= set(NAMES), missing - set(NAMES)


def test_the_tour_links_are_valid_and_its_chinese_keeps_them(demo):
    site = Site.of(demo, {"home": TOUR})
    assert 3 <= len(steps(TOUR)) <= 6
    for n in range(1, len(steps(TOUR)) + 1):
        _, values, problems, query = apply_link(site, {"tab": "home", "tour": str(n)})
        assert problems == [] and values and query["run"] in site.buttons, (n, problems)
    for link in LINK.findall(TOUR):
        assert apply_link(site, dict(parse_qsl(link[1:])))[2] == [], link
    zh = i18n.catalog()[TOUR.strip()]
    assert LINK.findall(zh) == LINK.findall(TOUR) and english_left(LINK.sub("]", zh)) == []  # ids aside
