"""Recorded runs on demand: ``python -m benchmarks.recorded [--repeats 3]``.

Starts ``python app.py`` and opens, in Debian's chromium, each deep link a lecturer puts on a slide to show a
finished result (the GAN fix's 16,000 steps, the guidance trade-off grid, DDPM-1000 beside DDIM-50): the time
from the link's navigation to its finished figure on screen, the page's own load included. Medians of
``--repeats``, beside the time the same result took live (recorded with it by ``scripts/record_runs.py``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmarks.summary import record

RESULTS = Path(__file__).resolve().parent / "results"
R1 = "fix%3A%20R1%20penalty%20%2B%20rate%20drop"
# (what, deep link, where the finished result shows, a text that says it is there)
LINKS = [
    ("GAN fix, 16,000 steps", f"?tab=gan&gan-preset={R1}&run=gan-recorded", "#gan-status", "16,000 steps"),
    ("guidance trade-off grid (180 samples)", "?tab=cfg&run=cfg-recorded", "#cfg-table", "Recorded"),
    ("DDPM-1000 vs DDIM-50 (4 samples)", "?tab=diff-compare&run=cmp-recorded", "#cmp-status", "Recorded"),
]


def live_seconds(what: str) -> float:
    """How long the recorded result took live, as the recording says."""
    from models.gan.gan2d_record import read_meta
    from playground import recorded
    from playground.tabs.cfg.handlers import TRADE_OFF
    from playground.tabs.diffusion.handlers import SAMPLERS_COMPARED
    from playground.tabs.gan import handlers as gan

    if what.startswith("GAN"):
        return read_meta(gan.recorded_path("fix: R1 penalty + rate drop"))["about"]["seconds"]
    return recorded.about(TRADE_OFF if "guidance" in what else SAMPLERS_COMPARED)["seconds"]


def run(repeats: int = 3) -> str:
    from playwright.sync_api import sync_playwright

    from benchmarks.app_process import running_app
    from benchmarks.machine import describe
    from scripts.browser import CHROMIUM, FLAGS

    rows = []
    with running_app() as (url, _, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url, wait_until="load")  # one page load first: the browser's cache warm, as a rehearsed lecture
        page.locator("#app-title").first.wait_for(state="attached", timeout=60_000)
        for what, link, where, text in LINKS:
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                page.goto(url + link, wait_until="commit")
                page.locator(where).get_by_text(text).first.wait_for(timeout=60_000)
                times.append(time.perf_counter() - t0)
            rows.append((what, statistics.median(times), live_seconds(what)))
        browser.close()
    lines = [
        f"Machine: {describe()}; chromium headless, 1280x720, medians of {repeats}.",
        "",
        "| recorded result | deep link → finished figure, s | the same live (when recorded), s |",
        "|---|---|---|",
        *(f"| {w} | {a:.2f} | {b:.0f} |" for w, a, b in rows),
    ]
    table = "\n".join(lines)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "recorded.md").write_text(table + "\n")
    worst = max(a for _, a, _ in rows)
    record(
        "recorded runs",
        "deep link to a finished figure (worst of 3 links, median)",
        f"{worst:.2f} s",
        "≤ 2 s on 2 CPU cores",
        "python -m benchmarks.recorded",
    )
    return table


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.recorded")
    p.add_argument("--repeats", type=int, default=3)
    print(run(p.parse_args(argv).repeats))


if __name__ == "__main__":
    main()
