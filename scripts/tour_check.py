"""Every guided-tour step in a real browser, as a presenter follows it: ``python -m scripts.tour_check [tab ...]
[--size 1280x720] [--normal] [--locale zh-CN] [--shots DIR]``.

Each step's link (``?tab=<id>&tour=<n>``: it sets the state and presses the button) is opened on a fresh page in
lecture mode (``--normal``: without), the run is waited for (the figure drawn, then no output showing Gradio's
progress for 2 s), and the figure the step is about (``Tab.step_figure``: the one the tab names for it, else the
main figure of the sub-tab it opens), which the link scrolls to, is checked: wholly on the screen and at least
150 px tall. Prints one line per step and the steps whose figure is not, and writes a screenshot of each step to
``--shots`` to look at (issue 36: the measuring tool; not a test, as its ~50 steps take minutes of browser time).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from playground.tabs import TABS
from playground.tour import step_query, steps
from scripts.browser import CHROMIUM, FLAGS, wait_fitted

# True once no output shows Gradio's progress and none has for 2 s (a run's figure is then final).
IDLE_JS = """() => {
  const busy = document.querySelector('.progress-text, .pending') !== null;
  const now = Date.now();
  if (busy || window.__pgIdle === undefined) { window.__pgIdle = now; return false; }
  return now - window.__pgIdle > 2000;
}"""


# True once a figure holds something: a picture, a plot or a number.
DRAWN_JS = """(sel) => {
  const e = document.querySelector(sel);
  if (!e) return false;
  const img = e.tagName === 'IMG' ? e : e.querySelector('img');
  return !!(img && img.naturalWidth) || !!e.querySelector('svg text') || /[0-9]/.test(e.innerText);
}"""


def check_step(page, url: str, tab, n: int, lecture: bool, height: int, shots: Path | None) -> str | None:
    """Open step n of ``tab``'s tour; what is wrong with the figure it lands on, or None."""
    page.goto(f"{url}?tab={tab.id}&tour={n}" + ("&lecture=1" if lecture else ""), wait_until="load", timeout=60_000)
    page.wait_for_timeout(3000)  # the link opens its sub-tab and presses its button after its values arrive
    sub, figure = step_query(tab.tour, n).get("tab", tab.id), tab.step_figure(n)  # the (sub-)tab it opens
    page.wait_for_function(DRAWN_JS, arg=figure, timeout=300_000, polling=250)
    page.wait_for_function(IDLE_JS, timeout=300_000, polling=250)
    wait_fitted(page, figure)
    if shots:
        page.screenshot(path=str(shots / f"{tab.id}-{n}.png"))
    box = page.locator(figure).first.bounding_box()
    if box is None:
        return f"{sub}: {figure} not shown"
    if box["y"] < 0 or box["y"] + box["height"] > height + 1:
        return f"{sub}: {figure} at y {box['y']:.0f}-{box['y'] + box['height']:.0f} (screen {height})"
    if box["height"] < 150:
        return f"{sub}: {figure} {box['height']:.0f} px tall"
    return None


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m scripts.tour_check", description=__doc__.split("\n")[0])
    p.add_argument("tabs", nargs="*", help="tab ids (default: every tab with a tour)")
    p.add_argument("--size", default="1280x720")
    p.add_argument("--normal", action="store_true", help="without lecture mode")
    p.add_argument("--locale", default="en-US")
    p.add_argument("--shots", help="a folder for one screenshot per step")
    a = p.parse_args(argv)
    width, height = (int(v) for v in a.size.split("x"))
    shots = Path(a.shots) if a.shots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    from benchmarks.app_process import running_app

    off = []
    with running_app(timeout=600) as (url, _, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for tab in TABS:
            if a.tabs and tab.id not in a.tabs:
                continue
            for n in range(1, len(steps(tab.tour)) + 1):
                page = browser.new_page(viewport={"width": width, "height": height}, locale=a.locale)
                t0 = time.perf_counter()
                try:
                    problem = check_step(page, url, tab, n, not a.normal, height, shots)
                except Exception as e:  # a step that never finishes is a finding too
                    problem = f"{type(e).__name__}: {str(e).splitlines()[0]}"
                finally:
                    page.close()
                print(f"{tab.id} {n}: {problem or 'ok'} ({time.perf_counter() - t0:.0f} s)", flush=True)
                if problem:
                    off.append(f"{tab.id} {n}: {problem}")
    print(f"\n{len(off)} steps whose figure is off the first screen or small:" if off else "\nevery step lands well")
    for line in off:
        print("  " + line)


if __name__ == "__main__":
    main()
