"""The page in a real browser (Debian's chromium, driven by playwright): the VAE tab renders, a
slider change updates the decoded image, and a digit drawn with the mouse gets encoded."""

import os

import pytest

from scripts.browser import CHROMIUM, draw_stroke, open_page, src, wait_for_new_src

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(app_url):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install Debian's chromium (.ci/run does)")
        pytest.skip("no chromium here: apt-get install chromium")
    with open_page(app_url) as pg:
        yield pg


def test_vae_tab_renders(page):
    assert page.get_by_role("tab", name="VAE latent space").is_visible()
    page.locator("#vae-map img").first.wait_for(state="visible", timeout=30_000)
    assert page.locator("#vae-z1").is_visible() and page.locator("#vae-z2").is_visible()
    assert not page.locator("#vae-z3").is_visible()  # the 2-D model shows two sliders


def test_slider_change_updates_the_image(page):
    before = src(page, "#vae-digit img")
    number = page.locator("#vae-z1 input[type=number]").first
    number.fill("2.5")
    number.press("Enter")
    wait_for_new_src(page, "#vae-digit img", before)
    assert page.locator("#vae-z textarea, #vae-z input").first.input_value().startswith("2.50")


def test_click_on_the_map_moves_the_marker(page):
    before = src(page, "#vae-map img")
    img = page.locator("#vae-map img").first
    box = img.bounding_box()
    img.click(position={"x": box["width"] * 0.3, "y": box["height"] * 0.3})
    wait_for_new_src(page, "#vae-map img", before)


def test_drawing_with_the_mouse_gets_encoded(page):
    draw_stroke(page, "vae-sketch", [(0.5, 0.15), (0.5, 0.5), (0.52, 0.85)])
    page.locator("#vae-encode").click()
    page.locator("#vae-recon img").first.wait_for(state="visible", timeout=30_000)
    page.get_by_text("ELBO").first.wait_for(timeout=30_000)
    assert page.locator("#vae-elbo").inner_text().count("nats") >= 1 or "ELBO" in page.locator("#vae-elbo").inner_text()


def test_switching_model_and_projection(page):
    before = src(page, "#vae-map img")
    page.locator("#vae-model input").first.click()
    page.get_by_role("option", name="vae16 — 16-D latent, β = 1").click()
    page.locator("#vae-z16").wait_for(state="visible", timeout=30_000)
    wait_for_new_src(page, "#vae-map img", before)
    assert page.locator("#vae-projection").get_by_text("UMAP").is_visible()
    assert not page.locator("#vae-projection").get_by_text("decoded manifold").is_visible()
    before = src(page, "#vae-map img")
    page.locator("#vae-projection").get_by_text("UMAP").click()
    wait_for_new_src(page, "#vae-map img", before)
    assert not page.get_by_text("Error").first.is_visible()


def test_gan_tab_trains_live(page):
    page.get_by_role("tab", name="GAN mode collapse").click()
    page.locator("#gan-view img").first.wait_for(state="visible", timeout=30_000)
    before = src(page, "#gan-view img")
    steps = page.locator("#gan-steps input[type=number]").first
    steps.fill("300")
    steps.press("Enter")
    page.locator("#gan-train").click()
    page.get_by_text("step 300").first.wait_for(timeout=60_000)
    assert src(page, "#gan-view img") != before
    page.locator("#gan-curves").locator(".js-plotly-plot, .plotly").first.wait_for(timeout=30_000)


def test_diffusion_tab_forward_and_reverse(page):
    page.get_by_role("tab", name="Diffusion: forward and reverse").click()
    page.locator("#fwd-xt img").first.wait_for(state="visible", timeout=30_000)
    before = src(page, "#fwd-xt img")
    t = page.locator("#fwd-t input[type=number]").first
    t.fill("900")
    t.press("Enter")
    page.locator("#fwd-schedule").get_by_text("cosine").click()
    wait_for_new_src(page, "#fwd-xt img", before)
    page.get_by_text("t = 900").first.wait_for(timeout=30_000)
    page.get_by_role("tab", name="Reverse process").click()
    steps = page.locator("#rev-steps input[type=number]").first
    steps.fill("10")
    steps.press("Enter")
    page.locator("#rev-run").click()
    page.get_by_text("10 steps done").first.wait_for(timeout=60_000)
    page.locator("#rev-x0 img").first.wait_for(state="visible", timeout=10_000)
    page.locator("#rev-strip img").first.wait_for(state="visible", timeout=10_000)
    assert not page.get_by_text("Error").first.is_visible()


def test_cfg_tab_generates_a_grid(page):
    page.get_by_role("tab", name="Classifier-free guidance grids").click()
    scales = page.locator("#cfg-scales textarea, #cfg-scales input").first
    scales.fill("0, 4")
    steps = page.locator("#cfg-steps input[type=number]").first
    steps.fill("5")
    steps.press("Enter")
    page.locator("#cfg-run").click()
    page.locator("#cfg-grid img").first.wait_for(state="visible", timeout=120_000)
    page.get_by_text("same noise").first.wait_for(timeout=30_000)
    assert not page.get_by_text("Error").first.is_visible()


def test_controlnet_tab_edges_and_pose(page):
    page.get_by_role("tab", name="ControlNet: edges and pose").click()
    page.locator("#ce-preview img").first.wait_for(state="visible", timeout=30_000)
    before = src(page, "#ce-preview img")
    digit = page.locator("#ce-digit input").first
    digit.fill("12")
    digit.press("Enter")
    wait_for_new_src(page, "#ce-preview img", before)  # a new control map for another digit
    steps = page.locator("#ce-steps input[type=number]").first
    steps.fill("5")
    steps.press("Enter")
    page.locator("#ce-run").click()
    page.locator("#ce-strip img").first.wait_for(state="visible", timeout=120_000)
    page.get_by_text("edge F1").first.wait_for(timeout=30_000)
    page.get_by_role("tab", name="Pose", exact=True).click()
    page.locator("#cp-preview img").first.wait_for(state="visible", timeout=30_000)
    before = src(page, "#cp-preview img")
    page.locator("#cp-preset input").first.click()
    page.get_by_role("option", name="sitting").click()
    wait_for_new_src(page, "#cp-preview img", before)  # the preset moved the sliders and the skeleton
    steps = page.locator("#cp-steps input[type=number]").first
    steps.fill("5")
    steps.press("Enter")
    page.locator("#cp-run").click()
    page.locator("#cp-strip img").first.wait_for(state="visible", timeout=120_000)
    page.get_by_text("silhouette IoU").first.wait_for(timeout=30_000)
    assert not page.get_by_text("Error").first.is_visible()
