"""Headless Debian chromium through playwright, with the flags this closed network needs."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

from playground.tabs import TABS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # otherwise chromium keeps dialling Google and gets refused
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def open_page(url: str, width: int = 1400, height: int = 1000, locale: str = "en-US"):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": height}, locale=locale)
        page.goto(url, wait_until="load", timeout=60_000)
        # the title row is above the tabs: there whichever tab a deep link opens
        page.locator("#app-title").first.wait_for(state="attached", timeout=60_000)
        try:
            yield page
        finally:
            browser.close()


def draw_stroke(page, elem_id: str, points: list[tuple[float, float]]) -> None:
    """Draw one stroke with the mouse on a Sketchpad, as a visitor does: at once, the brush chosen by the page
    (``widgets.STROKE_PAD_JS``); points are fractions of the canvas box."""
    pad = page.locator(f"#{elem_id}")
    pad.scroll_into_view_if_needed()
    page.wait_for_function("(id) => document.getElementById(id)?.dataset.brush === '1'", arg=elem_id, timeout=30_000)
    box = pad.locator("canvas").first.bounding_box()
    side = min(box["width"], box["height"])
    x0, y0 = box["x"] + (box["width"] - side) / 2, box["y"] + (box["height"] - side) / 2
    xy = [(x0 + u * side, y0 + v * side) for u, v in points]
    page.mouse.move(*xy[0])
    page.mouse.down()
    for a, b in zip(xy, xy[1:], strict=False):
        for k in range(1, 6):  # intermediate moves so the stroke is continuous
            page.mouse.move(a[0] + (b[0] - a[0]) * k / 5, a[1] + (b[1] - a[1]) * k / 5)
    page.mouse.up()


def wait_for_new_src(page, selector: str, old: str | None, timeout: float = 30_000) -> None:
    page.wait_for_function(
        "([sel, old]) => { const i = document.querySelector(sel);"
        " return i && i.getAttribute('src') && i.getAttribute('src') !== old; }",
        arg=[selector, old],
        timeout=timeout,
    )


def settle(page) -> None:
    """Wait for the page's layout to settle: its fonts loaded and two frames drawn since. Gradio measures the tab row
    (what overflows into its menu) and lecture mode fits the figures on the next frame after a change."""
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise((done) =>"
        " requestAnimationFrame(() => requestAnimationFrame(() => done()))))"
    )


# A figure is fitted once its picture has arrived (its size is known only then), lecture mode has set its room
# (--fit-h, on a shown main figure) and a plot has been given that height.
FITTED_JS = """(sel) => {
  const e = document.querySelector(sel);
  if (!e || !e.getBoundingClientRect().height) return false;
  const img = e.tagName === 'IMG' ? e : e.querySelector('img');
  if (img && !(img.complete && img.naturalWidth)) return false;
  const main = e.closest('.main-figure');
  if (main && document.body.classList.contains('lecture') && !main.style.getPropertyValue('--fit-h')) return false;
  const plot = e.querySelector('.js-plotly-plot');
  return !plot || (!!plot._fullLayout && (plot.__pgSet === undefined || plot._fullLayout.height === plot.__pgSet));
}"""


def wait_fitted(page, selector: str, timeout: float = 15_000) -> bool:
    """Wait for ``selector``'s figure to be drawn and fitted (``FITTED_JS``) and the layout to settle; False if it was
    not within ``timeout`` ms (the caller's own checks then say what is wrong)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(FITTED_JS, arg=selector, timeout=timeout)
    except PlaywrightTimeout:
        return False
    settle(page)
    return True


def src(page, selector: str) -> str | None:
    loc = page.locator(selector)
    return loc.first.get_attribute("src") if loc.count() else None


# What each tab declares for these tools (``playground.tab.Tab``): one quick step of its guided tour and where its
# result shows; its main figure and control; every later sub-tab's.
TOUR_STEPS = {tab.id: tab.tour_check for tab in TABS if tab.tour_check}
MAIN = {tab.id: (tab.main.figure, tab.main.control) for tab in TABS if tab.main}
SUB_MAIN = {sub: (view.figure, view.control) for tab in TABS for sub, view in tab.sub_tabs.items()}


def wait_for_result(page, selector: str, timeout: float = 180_000) -> None:
    """Wait for a run's result: its picture, or its Markdown with numbers in it, unchanged for 2 s (so a
    streaming run has finished)."""
    if selector.endswith(" img"):
        page.locator(selector).first.wait_for(state="attached", timeout=timeout)
        return
    page.wait_for_function(
        """([sel]) => { const e = document.querySelector(sel); const t = e ? e.innerText : "";
             if (!/[0-9]/.test(t)) return false;
             if (window.__pgLast !== t) { window.__pgLast = t; window.__pgSince = Date.now(); return false; }
             return Date.now() - window.__pgSince > 2000; }""",
        arg=[selector],
        timeout=timeout,
        polling=250,
    )
