"""The text-to-image tab for a Chinese page: the tokens' names and summary, the streamed status and the result's
reading, the maps' labels, the negative prompt and swap views, the guidance table and plot, and every refusal are
Chinese; a Chinese prompt is read as the digit it names. DDIM with few steps."""

import pytest

from playground.tabs.t2i import compare, handlers
from playground.tabs.t2i import prompt as P
from tests.playground.zh_check import CJK, chinese_error, english_left

pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py

QUICK = dict(guidance=3.0, steps=4, seed=0)
NAMES = ("digit-CLIP", "CLIP", "DDIM", "FID", "digits-FID")


def test_tokens_and_their_summary_are_chinese():
    chips, fig, md = handlers.t2i_tokens("左上角一个很粗的7 😀")
    assert "[开始]" in chips and "[填充]" in chips and "开始和结束词元" in chips
    assert english_left([md, fig.layout.title.text], NAMES) == [] and "训练描述里从未出现过的词" in md


def test_a_chinese_prompt_streams_and_its_result_reads_in_chinese():
    outs = list(handlers.t2i_sample("左上角一个小的3", "", n=2, **QUICK))
    status = outs[-1][2]
    assert CJK.search(status) and english_left(status, NAMES) == [] and "个读作 3" in status
    assert "个样本" in status and "CLIP 分数" in status


def test_the_comparisons_are_chinese():
    _, _, md = compare.t2i_negative("一个3", "很细", at_step=1, **QUICK)
    assert english_left(md, NAMES) == [] and "负面提示词" in md and "背离" in md
    _, md = compare.t2i_swap("一个很细的7", "一个很粗的7", n=2, **QUICK)
    assert english_left(md, NAMES) == [] and "笔画粗细" in md
    _, md = compare.t2i_guidance("一个4", "0, 3", steps=4, seed=0, n=1)
    assert english_left(md, NAMES) == [] and "读出的类别" in md
    fig, table = compare.t2i_tradeoff()
    assert english_left([fig, table], NAMES + ("a k",)) == [] and {t.name for t in fig.data} == {
        "英文提示词（CLIP 分数）",
        "中文提示词",
        "digits-FID",
    }
    _, md = handlers.t2i_attention("一个5", "", layer=handlers.ALL_LAYERS, **QUICK)
    assert english_left(md, NAMES) == [] and "所有层" in md


def test_refusals_are_chinese():
    chinese_error(lambda: list(handlers.t2i_sample("", "", n=1, **QUICK)))
    chinese_error(lambda: list(handlers.t2i_sample("一个7" * 1500, "", n=1, **QUICK)))
    chinese_error(lambda: list(handlers.t2i_sample("一个7", "", n=99, **QUICK)))
    chinese_error(lambda: handlers.t2i_attention("一个7", "", layer="mid", **QUICK), ("mid", "all layers"))
    chinese_error(lambda: compare.t2i_guidance("一个4", "0, x"), ("x",))


def test_a_chinese_prompt_names_its_digit_and_its_words():
    assert P.named_digit("右下角一个小的九") == 9
    assert P.unknown_words("一个很粗的7") == [] and P.unknown_words("一只猫") == ["只", "猫"]
