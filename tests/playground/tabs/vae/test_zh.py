"""The VAE tab for a Chinese page: the model card, the map caption, the μ ± σ plot, the ELBO table and the
error messages are Chinese; the page-load event writes the card in the visitor's language; the tour has its
Chinese with the same links, and every link sets controls of this tab and presses one of its buttons."""

import re
from urllib.parse import parse_qsl

import gradio as gr
import pytest

from models.core.data import digit_split
from models.core.registry import configure
from playground import i18n
from playground.deep_links import Site, apply_link
from playground.tab import add_tab
from playground.tabs.vae import TAB, encode, interpolate
from playground.tabs.vae import handlers as vae
from playground.tabs.vae.ui import TOUR
from playground.tour import LINK, steps
from tests.playground.tabs.vae.test_handlers import sketch_of
from tests.playground.zh_check import CJK, chinese_error, english_left

NAMES = ("PCA", "UMAP", "vae2", "vae16", "vae16_beta4")  # fixed texts that are names, in both languages


pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


@pytest.fixture(scope="module")
def demo():
    configure("cpu")
    with gr.Blocks() as demo, gr.Tabs():
        add_tab(demo, TAB)
    return demo


def test_change_model_writes_the_card_and_the_projections_in_chinese():
    out = vae.change_model("vae16_beta4")
    card, projection = out[vae.MAX_LATENT + 1], out[vae.MAX_LATENT]
    assert english_left(out) == [] and "16 维潜空间，β = 4" in card and "训练命令" in card
    assert [v for _, v in projection["choices"]] == ["PCA", "UMAP"]
    assert ("潜平面", "latent plane") in vae.change_model("vae2")[vae.MAX_LATENT]["choices"]


def test_the_page_load_writes_the_card_in_the_visitors_language(demo):
    (load,) = [fn for fn in demo.fns.values() if fn.api_name == "vae_page_load"]
    update, card = load.fn(None)
    assert "二维潜空间" in card and english_left(card) == [] and ("解码流形", "decoded manifold") in update["choices"]
    with i18n.speaking("en"):
        assert load.fn(None)[1] == vae.model_card("vae2")


def test_map_click_caption_is_chinese():
    click = gr.SelectData(None, {"index": [200, 200], "value": None})
    caption = vae.select_on_map("vae16", "UMAP", None, click)[-1]
    assert "最近的测试数字" in caption and english_left(caption) == []


def test_sample_and_interpolation_write_no_english():
    assert english_left(vae.random_sample("vae2", "latent plane", 1.0, 0)) == []
    assert (
        english_left(interpolate.vae_interpolate("vae2", "latent plane", 0, "test digit", 50, "spherical", 3, None))
        == []
    )


def test_encoding_a_drawing_is_chinese():
    out = encode.vae_encode("vae2", sketch_of(digit_split().x_test[3]), 2, 0)
    plot, elbo_md = out[3], out[4]
    assert english_left(out) == [] and r"\text{重建}" in elbo_md and "随机种子 0" in elbo_md
    layout = plot.to_plotly_json()["layout"]
    assert CJK.search(layout["title"]["text"]) and CJK.search(layout["annotations"][0]["text"])


def test_errors_are_chinese():
    assert "手绘" in chinese_error(
        lambda: interpolate.vae_interpolate("vae16", "UMAP", 0, "my drawing", 5, "linear", 4, None)
    )
    assert "温度" in chinese_error(lambda: vae.random_sample("vae16", "PCA", 99, 0))
    assert "投影方式" in chinese_error(lambda: vae.vae_decode("vae16", [0] * 16, "latent plane"))
    bad_a = ("vae16", "UMAP", 500, "test digit", 5, "linear", 4, None)
    assert "数字 A" in chinese_error(lambda: interpolate.vae_interpolate(*bad_a))
    chinese_error(lambda: interpolate.vae_interpolate("vae16", "UMAP", 0, "test digit", 5, "linear", 1000, None))
    chinese_error(lambda: encode.vae_encode("vae16", sketch_of(digit_split().x_test[0]), 1000, 0))
    chinese_error(lambda: vae.vae_decode("vae2", [0.0], "latent plane"))


def test_every_projection_and_description_has_chinese():
    names = [*vae.PROJECTIONS_2D, *vae.VAE_MODELS.values(), *(f"projection for {m}" for m in vae.VAE_MODELS)]
    assert all(CJK.search(i18n.tr(n)) for n in names)


def test_every_fixed_text_has_chinese(demo):
    missing = {t for _, _, t in i18n.fixed_texts_en(demo) if t not in i18n.catalog() and re.search(r"[A-Za-z]{3,}", t)}
    assert missing <= set(NAMES), missing - set(NAMES)


def test_the_tour_links_are_valid_and_its_chinese_keeps_them(demo):
    site = Site.of(demo, {"vae": TOUR})
    assert 3 <= len(steps(TOUR)) <= 6
    for n in range(1, len(steps(TOUR)) + 1):
        _, values, problems, query = apply_link(site, {"tab": "vae", "tour": str(n)})
        assert problems == [] and values and query["run"] in ("vae-sample", "vae-interpolate"), (n, problems)
    for link in LINK.findall(TOUR):
        _, _, problems, query = apply_link(site, dict(parse_qsl(link[1:])))
        assert problems == [] and query["run"] in site.buttons, (link, problems)
    zh = i18n.catalog()[TOUR.strip()]
    assert LINK.findall(zh) == LINK.findall(TOUR) and english_left(LINK.sub("]", zh)) == []  # ids aside


def test_the_new_map_captions_and_the_z_info_are_chinese():
    out = vae.change_model("vae16")
    assert out[vae.MAX_LATENT + 2]["info"] == "16 个数，每个在 ±5 以内"
    mu = encode.vae_encode("vae2", sketch_of(digit_split().x_test[3]), 2, 0)[-1]
    captions = [
        vae.sample_caption(0.5, 3),
        interpolate.interpolation_caption(105, "test digit", 405, "spherical", 9),
        interpolate.interpolation_caption(105, "my drawing", 405, "linear", 9),
        encode.show_drawing_encoding("vae2", "latent plane", mu)[-1],
    ]
    assert all(CJK.search(c) for c in captions) and english_left(captions) == [], captions
    assert "球面插值" in captions[1] and "你的手绘" in captions[2]
