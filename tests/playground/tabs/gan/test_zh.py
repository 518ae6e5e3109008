"""The GAN tab for a Chinese visitor: every handler's text (status lines, the side-by-side table and gallery
captions, the curves, the digit DCGANs' summary and histogram, the error messages) is Chinese; the labels on the
lab's pictures are Chinese and never drawn over the map; the guided tour's links are valid and quick."""

import dataclasses
from urllib.parse import parse_qsl

import gradio as gr
import numpy as np
import pytest

from models.gan.gan2d import GAN2DConfig
from playground import i18n, tour
from playground.deep_links import RESERVED, Site, apply_link
from playground.map2d import LEFT, PLOT, TOP, WIDTH
from playground.tabs.gan import digits
from playground.tabs.gan import handlers as gan
from playground.tabs.gan.texts import TEXTS as KEYED
from playground.tabs.gan.ui import PROMPT, TOUR
from playground.tabs.gan.view import LAYERS, TITLE_BAND, render_frame
from tests.playground.zh_check import CJK, english_left

TEXTS = dict(KEYED.values())  # English -> Chinese

R1 = "fix: R1 penalty + rate drop"


pytestmark = pytest.mark.usefixtures("chinese")  # tests/playground/tabs/conftest.py


def knobs(**over):
    cfg = dataclasses.asdict(dataclasses.replace(GAN2DConfig(width=32, depth=2, batch=64), **over))
    return [cfg[k] for k in gan.KNOBS]


def test_the_lab_streams_in_chinese():
    frames = list(gan.gan_train(*knobs(), 100, list(LAYERS), None, 3, None))
    assert all(english_left(f) == [] for f in frames)
    status, state = frames[-1][2], frames[-1][-1]
    assert "第 100 步" in status and "覆盖的模式" in status and "判别器引导的样本精修" in status
    changed = list(gan.gan_train(*knobs(objective="hinge"), 20, list(LAYERS), None, 0, state))[-1]
    assert english_left(changed) == [] and TEXTS["Started a new run (the knobs changed)."] in changed[2]
    stepped = gan.gan_step(*knobs(objective="hinge"), list(LAYERS), None, 0, changed[-1])
    assert english_left(stepped) == [] and "第 21 步" in stepped[2]
    reset = gan.gan_reset(*knobs(), list(LAYERS), None, 0, state)
    assert english_left(reset) == [] and "第 0 步" in reset[2]


def test_the_curves_are_chinese():
    state = list(gan.gan_train(*knobs(), 100, list(LAYERS), None, 3, None))[-1][-1]
    fig = gan.curves_figure({"run": state["run"]}).to_plotly_json()
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert titles == ["D 与 G 的损失", "覆盖的模式数", TEXTS["% high quality"], "网格 JS（nats）"]
    names = {t["name"] for t in fig["data"]}
    assert names == {"D 的损失", "G 的损失", "G 的样本", "判别器引导的样本精修后"}


def test_side_by_side_table_captions_and_curves_are_chinese():
    frames = list(gan.gan_compare([R1, "fix: WGAN-GP"], "ring8", 20, 0))
    assert all(english_left(f) == [] for f in frames)
    gallery, curves, table = frames[-1]
    assert [caption for _, caption in gallery] == [TEXTS[R1], TEXTS["fix: WGAN-GP"]]
    assert table.startswith("| 变体 |") and TEXTS[R1] in table and "（10 步）" in table
    assert any("训练中" in caption for _, caption in frames[0][0])
    names = {t.name for t in curves.data}
    assert f"{TEXTS[R1]}：D 的损失" in names and TEXTS[R1] in names  # a line's hover name, the preset's entry
    assert "D 的损失（左上）· G 的样本（其余面板）" in names  # the key of the line styles


def test_the_digit_snapshots_are_chinese():
    out = digits.gan_snapshot("stabilised", "100", 0)
    assert english_left(out) == [] and out[2].startswith("**稳定版，第 100 步**：类别熵")
    fig = out[1].to_plotly_json()["layout"]
    assert fig["xaxis"]["title"]["text"] == "预测的数字" and fig["title"]["text"].startswith("熵 ")


def test_page_texts_made_at_build_time_have_chinese():
    assert CJK.search(i18n.tr(PROMPT)) and CJK.search(i18n.tr(TOUR.strip()))
    for name in [*gan.PRESETS, *LAYERS, *digits.DIGIT_RUNS]:
        assert CJK.search(i18n.tr(name)), name  # texts the handlers translate by value: tr(name)


def _frame(**kw):
    rng = np.random.default_rng(0)
    real, fake = rng.normal(size=(200, 2)), rng.normal(size=(200, 2))
    surface = rng.normal(size=(32, 32))
    return np.asarray(render_frame(3.0, real, fake, surface, None, None, None, list(LAYERS), refined=fake, **kw))


def test_labels_on_pictures_are_chinese_and_never_over_the_map():
    with i18n.speaking("en"):
        en = _frame(title="step 100")
    zh = _frame(title=i18n.tr("step {step}", step=100))
    map_rows = slice(TITLE_BAND, TITLE_BAND + TOP + PLOT + 1)
    assert np.array_equal(en[map_rows], zh[map_rows])  # the map itself: the same in both languages
    assert not np.array_equal(en[:TITLE_BAND], zh[:TITLE_BAND])  # the title, above it
    below = TITLE_BAND + TOP + PLOT + 42
    assert not np.array_equal(en[below : below + 24], zh[below : below + 24])  # the legend, below it
    assert en.shape[1] == zh.shape[1] == WIDTH
    # the legend wraps inside the picture: its right margin stays white
    assert (zh[below:, WIDTH - 6 :] == 255).all() and (en[below:, WIDTH - 6 :] == 255).all()
    assert (zh[: TITLE_BAND - 2, LEFT + 150 :] == 255).all()  # a short title at the left of its band


def _links(step: str) -> list[dict[str, str]]:
    return [dict(parse_qsl(q[1:])) for q in tour.LINK.findall(step)]


@pytest.fixture(scope="module")
def site():
    from models.core.registry import configure
    from playground.tab import add_tab
    from playground.tabs.gan import TAB

    configure("cpu")
    with gr.Blocks() as demo, gr.Tabs():
        add_tab(demo, TAB)
    return Site.of(demo, {"gan": TAB.tour})


def test_the_tour_links_are_valid_and_quick(site):
    steps = tour.steps(TOUR)
    assert 3 <= len(steps) <= 5
    for n, step in enumerate(steps, 1):
        _, values, problems, query = apply_link(site, {"tab": "gan", "tour": str(n)})
        assert problems == [] and query["run"] in site.buttons and query["run"].startswith("gan-"), (n, problems)
        for link in _links(step):
            _, values, problems, _ = apply_link(site, link)
            assert problems == [], (n, link, problems)
            controls = [k for k in link if k not in RESERVED]
            if "gan-preset" in link and "gan-steps" in link:
                assert controls[-1] == "gan-steps"  # set last, after the preset's own run length
            steps_run = values.get("gan-steps", gan.PRESET_STEPS.get(values.get("gan-preset"), 0))
            assert steps_run <= (16_000 if "16,000" in step else 5_000), (n, link)


def test_step_2_and_step_3_train_the_same_run(site):
    """Step 2 sets the R1 fix's knobs without its preset (G's raw samples); step 3 is the preset itself, with
    its refinement: the same knobs and seed, so the same training run, sampled two ways."""
    two, three = (_links(s)[0] for s in tour.steps(TOUR)[1:3])
    values = apply_link(site, two)[1]
    knob = {k: values.get(f"gan-{e}", site.defaults[f"gan-{e}"]) for k, e in KNOB_IDS.items()}
    assert gan.make_config(**knob) == gan.preset_config(three["gan-preset"])
    assert gan.PRESET_REFINE[three["gan-preset"]] == 10 and site.defaults["gan-refine"] == 0


KNOB_IDS = {
    "dataset": "dataset",
    "objective": "objective",
    "spectral_norm": "sn",
    "r1": "r1",
    "pack": "pack",
    "minibatch_std": "mbstd",
    "unrolled": "unrolled",
    "d_steps": "dsteps",
    "lr_g": "lrg",
    "lr_d": "lrd",
    "lr_drop_every": "lrdrop",
    "width": "width",
    "depth": "depth",
    "latent": "latent",
    "batch": "batch",
    "seed": "seed",
}


def test_the_chinese_tour_keeps_every_link():
    zh = i18n.catalog()[TOUR.strip()]
    assert tour.LINK.findall(zh) == tour.LINK.findall(TOUR) and len(tour.steps(zh)) == len(tour.steps(TOUR))


@pytest.mark.parametrize(
    "call",
    [
        lambda: list(gan.gan_train(*knobs(lr_g=-1), 10, list(LAYERS), None, 0, None)),
        lambda: list(gan.gan_train(*knobs(), 10, list(LAYERS), None, 10_000, None)),
        lambda: gan.gan_replay(0, list(LAYERS), None),
        lambda: list(gan.gan_compare([], "ring8", 10, 0)),
        lambda: list(gan.gan_compare(list(gan.PRESETS)[:5], "ring8", 10, 0)),
        lambda: digits.gan_snapshot("stabilised", 1234, 0),
    ],
)
def test_errors_are_chinese(call):
    with pytest.raises(gr.Error) as e:
        call()
    assert CJK.search(str(e.value)) and english_left(str(e.value)) == [], str(e.value)
