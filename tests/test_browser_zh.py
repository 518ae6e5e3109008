"""A Chinese page in a real browser (zh-CN, 1280 x 720, on a machine without a CJK font): for every tab, one
step of its guided tour (``?tab=<id>&tour=<n>``: the step sets the state and presses the button), then no
English sentence in what the tab shows — fixed texts, the handler's status lines and captions, tables and
plots (identifiers, numbers and formulas aside); and Gradio's Settings switch moves the handlers' language too."""

import os
import re

import pytest

from scripts.browser import CHROMIUM, FLAGS, TOUR_STEPS, wait_for_result
from tests.playground.zh_check import NAMES

pytestmark = pytest.mark.browser

# Text a Chinese page keeps in English on purpose: names of models, samplers and data sets, Gradio's own words.
KEPT = NAMES + ("Settings", "Use via API", "Built with Gradio", "Gradio", "Stop")


@pytest.fixture(scope="module")
def browser(app_url):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install Debian's chromium (.ci/run does)")
        pytest.skip("no chromium here: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _english_sentences(text: str) -> list[str]:
    from scripts.i18n_coverage import english_runs

    return english_runs(text, KEPT)


# Every text Gradio's status tracker shows on a running output, read on each painted frame (what a visitor sees).
SEEN_PROGRESS_JS = """
window.__progress = new Set();
const look = () => {
  document.querySelectorAll(".progress-text").forEach((el) => window.__progress.add(el.textContent.trim()));
  requestAnimationFrame(look);
};
requestAnimationFrame(look);
"""


@pytest.mark.parametrize("tab", list(TOUR_STEPS))
def test_a_chinese_page_runs_a_tour_step_and_shows_no_english(browser, app_url, tab):
    step, result = TOUR_STEPS[tab]
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 720})
    page.add_init_script(SEEN_PROGRESS_JS)
    try:
        page.goto(f"{app_url}?tab={tab}&tour={step}", wait_until="load", timeout=60_000)
        page.locator("#app-title").first.wait_for(state="attached", timeout=60_000)
        wait_for_result(page, result)
        shown = page.locator(f"#tab-{tab}").inner_text()
        assert re.search(r"[\u4e00-\u9fff]", shown)
        left = _english_sentences(shown)
        assert not left, f"{tab}: English on the Chinese page: {left[:10]}"
        assert not page.locator(".toast-body").filter(has_text=re.compile("[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}")).count()
        # Gradio writes "processing |" / "queue: 1/2 |" in its code, not through its i18n (issue 36)
        progress = page.evaluate("[...window.__progress]")
        assert not [t for t in progress if re.search("processing|queue", t)], f"{tab}: {progress}"
    finally:
        page.close()


def test_the_settings_switch_moves_the_handlers_language_too(browser, app_url):
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{app_url}?tab=diffusion", wait_until="load", timeout=60_000)
        page.locator("#fwd-caption").get_by_text("t = ").first.wait_for(timeout=60_000)
        assert not re.search(r"[\u4e00-\u9fff]", page.locator("#fwd-caption").inner_text())
        page.get_by_text("Settings", exact=True).last.click()
        page.get_by_label("Language").first.click()
        page.get_by_role("option", name=re.compile("简体中文")).first.click()
        page.keyboard.press("Escape")
        page.get_by_role("tab", name="扩散模型").wait_for(timeout=30_000)
        t = page.locator("#fwd-t input[type=number]").first
        t.fill("300")
        t.press("Enter")
        page.wait_for_function(
            "() => /[\\u4e00-\\u9fff]/.test(document.querySelector('#fwd-caption').innerText)", timeout=30_000
        )
    finally:
        page.close()
