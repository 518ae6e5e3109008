"""The page in a real browser (Debian's chromium, driven by playwright): the VAE tab renders and a
slider change updates the decoded image."""

import os
import shutil

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page(app_url, tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install Debian's chromium (.ci/run does)")
        pytest.skip("no chromium here: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.goto(app_url, wait_until="networkidle", timeout=60_000)
        yield pg
        browser.close()


def _src(page, elem_id):
    return page.locator(f"#{elem_id} img").first.get_attribute("src")


def test_vae_tab_renders(page):
    assert page.get_by_role("tab", name="VAE latent space").is_visible()
    page.locator("#vae-digit img").first.wait_for(state="visible", timeout=30_000)
    page.locator("#vae-map img").first.wait_for(state="visible", timeout=30_000)
    assert page.locator("#vae-z1").is_visible() and page.locator("#vae-z2").is_visible()
    assert not page.locator("#vae-z3").is_visible()  # the 2-D model shows two sliders


def test_slider_change_updates_the_image(page):
    before = _src(page, "vae-digit")
    number = page.locator("#vae-z1 input[type=number]").first
    number.fill("2.5")
    number.press("Enter")
    page.wait_for_function(
        "([sel, old]) => { const i = document.querySelector(sel); return i && i.getAttribute('src') !== old; }",
        arg=["#vae-digit img", before],
        timeout=30_000,
    )
    assert _src(page, "vae-digit") != before
    assert page.locator("#vae-z textarea, #vae-z input").first.input_value().startswith("2.50")
