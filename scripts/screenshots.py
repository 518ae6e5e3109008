"""Screenshots of every tab for the README and docs/, taken from the running app:
``python -m scripts.screenshots`` -> docs/screenshots/*.png."""

from __future__ import annotations

from pathlib import Path

from benchmarks.app_process import running_app
from playground.tabs import TABS
from scripts.browser import TOUR_STEPS, draw_stroke, open_page, src, wait_for_new_src, wait_for_result

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
TWO = [(0.3, 0.3), (0.45, 0.2), (0.65, 0.25), (0.68, 0.4), (0.5, 0.6), (0.3, 0.8), (0.7, 0.8)]


def vae(page) -> None:
    page.get_by_role("tab", name="VAE", exact=True).click()  # Gradio draws a tab's content when it is first shown
    page.locator("#vae-sketch").wait_for(timeout=30_000)
    draw_stroke(page, "vae-sketch", TWO)
    old = src(page, "#vae-recon img")
    page.locator("#vae-encode").click()
    wait_for_new_src(page, "#vae-recon img", old)
    page.locator("#vae-seen").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.wheel(0, -110)  # keep the section title in view
    page.wait_for_timeout(800)
    page.screenshot(path=OUT / "vae-encode.png")  # taken before any full-page shot, which resets scrolling
    old = src(page, "#vae-strip img")
    page.locator("#vae-interpolate").click()
    wait_for_new_src(page, "#vae-strip img", old)
    page.wait_for_timeout(500)
    page.screenshot(path=OUT / "vae.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1250}, full_page=True)


def pixelcnn(page, url: str) -> None:
    """The PixelCNN tab: a generation, the ambiguous completion, the blind spot, and the exact
    likelihood with the browser in Chinese."""
    page.get_by_role("tab", name="PixelCNN", exact=True).click()
    page.locator("#ar-run").click()
    page.locator("#ar-status").get_by_text("784 network calls").wait_for(timeout=120_000)
    page.wait_for_timeout(1500)
    page.screenshot(
        path=OUT / "pixelcnn-sample.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1150}, full_page=True
    )
    page.get_by_role("tab", name="Completion", exact=True).click()
    page.locator("#ar-complete-run").click()
    page.locator("#ar-complete-status").get_by_text("The evaluator reads them").wait_for(timeout=120_000)
    page.wait_for_timeout(1500)
    page.screenshot(
        path=OUT / "pixelcnn-complete.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1150}, full_page=True
    )
    page.get_by_role("tab", name="Receptive field", exact=True).click()
    page.locator("#ar-field-plain img").first.wait_for(state="visible", timeout=30_000)
    page.locator("#ar-row").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(1000)
    page.screenshot(path=OUT / "pixelcnn-field.png")
    chinese = page.context.browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    zh = chinese.new_page()  # a second playwright would clash with the first: a second context instead
    zh.goto(url + "?tab=ar-likelihood&run=ar-lik-run", wait_until="load", timeout=60_000)
    zh.locator("#ar-lik-maps img").first.wait_for(state="visible", timeout=60_000)
    zh.wait_for_timeout(2000)
    zh.screenshot(
        path=OUT / "pixelcnn-likelihood-zh.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1100}, full_page=True
    )
    chinese.close()


def _train_preset(page, preset: str, knob: str, value: float, done: str, timeout_ms: int) -> None:
    """Pick a GAN preset, wait until its knobs have arrived (``#knob`` shows ``value``), train, and
    wait for the status line ``done`` and the new view."""
    page.locator("#gan-preset input").first.click()
    page.get_by_role("option", name=preset).click()
    page.wait_for_function(
        f"() => {{ const i = document.querySelector('#{knob} input'); return i && parseFloat(i.value) === {value}; }}",
        timeout=60_000,
    )
    old = src(page, "#gan-view img")
    page.locator("#gan-train").click()
    page.get_by_text(done).first.wait_for(timeout=timeout_ms)
    wait_for_new_src(page, "#gan-view img", old)
    page.wait_for_timeout(1500)


def _shoot_digits(page, name: str) -> None:
    page.wait_for_timeout(1500)
    page.locator("#gan-digit-run").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=OUT / name)


def gan(page) -> None:
    page.get_by_role("tab", name="GAN", exact=True).click()
    _train_preset(page, "collapse and mode hopping (G outruns D)", "gan-lrd", 0.0001, "step 5,000", 120_000)
    page.screenshot(path=OUT / "gan.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1000}, full_page=True)
    digits = page.locator("#gan-digit-show")
    if digits.count():
        digits.scroll_into_view_if_needed()
        digits.click()
        page.locator("#gan-digit-grid img").first.wait_for(timeout=60_000)
        _shoot_digits(page, "gan-digits.png")
        old = src(page, "#gan-digit-grid img")
        page.locator("#gan-digit-run").get_by_text("stabilised").click()
        wait_for_new_src(page, "#gan-digit-grid img", old)
        _shoot_digits(page, "gan-digits-stable.png")


def gan_refined(page) -> None:
    """The R1 fix on the grid of 25, with D-guided refinement: bridges in purple, refined samples in teal."""
    page.get_by_role("tab", name="GAN", exact=True).click()
    page.locator("#gan-dataset").get_by_text("grid25").click()
    _train_preset(page, "fix: R1 penalty + rate drop", "gan-refine", 10, "step 16,000", 400_000)
    page.locator("#gan-view").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.wheel(0, -60)
    page.wait_for_timeout(800)
    page.screenshot(path=OUT / "gan-refined.png")


def diffusion(page) -> None:
    page.get_by_role("tab", name="Diffusion", exact=True).click()
    page.locator("#fwd-xt img").first.wait_for(state="visible", timeout=30_000)
    old = src(page, "#fwd-xt img")
    page.locator("#fwd-source").get_by_text("photo").click()
    wait_for_new_src(page, "#fwd-xt img", old)
    page.wait_for_timeout(1500)
    page.screenshot(
        path=OUT / "diffusion-forward.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1350}, full_page=True
    )
    page.get_by_role("tab", name="Reverse process").click()
    n = page.locator("#rev-n input[type=number]").first
    n.fill("9")
    n.press("Enter")
    page.locator("#rev-run").click()
    page.get_by_text("steps done").first.wait_for(timeout=120_000)
    page.wait_for_timeout(1500)
    page.locator("#rev-scrubber").evaluate("e => e.scrollIntoView({block: 'center'})")
    page.screenshot(
        path=OUT / "diffusion-reverse.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1150}, full_page=True
    )
    page.get_by_role("tab", name="2-D diffusion").click()
    page.locator("#d2-run").click()
    page.locator("#d2-paths").locator(".js-plotly-plot, .plotly").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=OUT / "diffusion-2d.png", clip={"x": 0, "y": 0, "width": 1400, "height": 900}, full_page=True)


def cfg(page) -> None:
    page.get_by_role("tab", name="Guidance", exact=True).click()
    page.locator("#cfg-run").click()
    page.locator("#cfg-grid img").first.wait_for(state="visible", timeout=120_000)  # the first row
    # the trade-off plot comes when the whole grid (streamed row by row) is done
    page.locator("#cfg-plot").locator(".js-plotly-plot, .plotly").first.wait_for(timeout=300_000)
    page.locator("#cfgm-run").click()
    page.locator("#cfgm-strip img").first.wait_for(state="visible", timeout=60_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=OUT / "cfg.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1400}, full_page=True)


def _run_and_shoot(page, prefix: str, caption_text: str, name: str) -> None:
    """Click a ControlNet sub-tab's run button, wait for its strip and status, take the picture."""
    page.locator(f"#{prefix}-run").click()
    page.locator(f"#{prefix}-strip img").first.wait_for(state="visible", timeout=120_000)
    page.get_by_text(caption_text).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=OUT / name, clip={"x": 0, "y": 0, "width": 1400, "height": 1150}, full_page=True)


def controlnet(page) -> None:
    page.get_by_role("tab", name="ControlNet", exact=True).click()
    _run_and_shoot(page, "ce", "edge F1", "controlnet-edges.png")
    page.get_by_role("tab", name="Pose", exact=True).click()
    _run_and_shoot(page, "cp", "silhouette IoU", "controlnet-pose.png")


def lecture(page, url: str) -> None:
    """Lecture mode opened from a deep link, as from a slide: the forward process at t = 350 (a page of its own
    in the running browser: a second playwright inside the first one fails)."""
    context = page.context.browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.goto(url + "?tab=diff-forward&fwd-source=photo&fwd-schedule=cosine&fwd-t=350&lecture=1", wait_until="load")
    pg.get_by_text("t = 350").first.wait_for(timeout=60_000)
    pg.wait_for_timeout(2000)
    pg.screenshot(path=OUT / "lecture-mode.png")
    context.close()


# Each tab in lecture mode as a presenter opens it from a slide (the tab's ``lecture_link``): a deep link with a quick
# run where the tab starts empty, and what shows when it is done (a Markdown with numbers, or a picture).
LECTURE_LINKS = {tab.id: tab.lecture_link for tab in TABS}


def presenter(page, url: str) -> None:
    """Every tab in lecture mode at a projector's 1280x720 and 1024x768, tiled into one sheet per size
    (``lecture-<w>x<h>.png``), and the GAN fix's recorded run with "Hide controls" (``lecture-figure-only.png``)."""
    from PIL import Image

    for width, height in ((1280, 720), (1024, 768)):
        context = page.context.browser.new_context(viewport={"width": width, "height": height})
        pg = context.new_page()
        tiles = []
        for tab, (query, ready) in LECTURE_LINKS.items():
            pg.goto(f"{url}?tab={tab}&lecture=1{query}", wait_until="load", timeout=60_000)
            pg.locator("#app-title").first.wait_for(state="attached", timeout=60_000)
            if ready.endswith(("img", "plot")):
                pg.locator(ready).first.wait_for(state="visible", timeout=60_000)
            else:
                wait_for_result(pg, ready)
            pg.wait_for_timeout(1500)
            path = OUT / f".tile-{tab}.png"
            pg.screenshot(path=path)
            tiles.append(Image.open(path).convert("RGB").resize((width // 2, height // 2), Image.LANCZOS))
            path.unlink()
            if (width, height) == (1280, 720) and tab == "gan":
                pg.locator("#figure-only input").check()
                pg.wait_for_timeout(1500)
                pg.screenshot(path=OUT / "lecture-figure-only.png")
                pg.locator("#figure-only input").uncheck()
        context.close()
        sheet = Image.new("RGB", (width, (height // 2) * ((len(tiles) + 1) // 2)), "white")
        for i, tile in enumerate(tiles):
            sheet.paste(tile, ((i % 2) * (width // 2), (i // 2) * (height // 2)))
        sheet.save(OUT / f"lecture-{width}x{height}.png", optimize=True)


def chinese(page, url: str) -> None:
    """Every tab as a browser set to Chinese shows it (on a machine without a CJK font: the app's own font),
    each after one step of its guided tour (``TOUR_STEPS``, as the Chinese browser test runs them): ``zh-<tab>.png``."""
    context = page.context.browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    zh = context.new_page()
    for tab, (step, result) in TOUR_STEPS.items():
        zh.goto(f"{url}?tab={tab}&tour={step}", wait_until="load", timeout=60_000)
        zh.locator("#app-title").first.wait_for(state="attached", timeout=60_000)
        wait_for_result(zh, result)
        zh.locator(result).first.evaluate("e => e.scrollIntoView({block: 'center'})")
        zh.wait_for_timeout(1000)
        zh.screenshot(path=OUT / f"zh-{tab}.png")
    context.close()


def _diffusion_and_cfg(page) -> None:
    diffusion(page)
    cfg(page)


def flows(page, url: str) -> None:
    """The flows tab: RealNVP on the ring (bridges), the grid pulled back x → z, flow matching's
    paths and steps, and the digits' round trip."""
    page.goto(
        url + "?tab=flows-lab&flow-dataset=ring8&flow-flow=RealNVP&flow-depth=8&run=flow-train",
        wait_until="load",
        timeout=60_000,
    )
    page.locator("#flow-status").get_by_text("step 3,000").wait_for(timeout=120_000)
    page.locator("#flow-layer-caption").get_by_text("after layer").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=OUT / "flows-lab.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1250}, full_page=True)
    page.goto(
        url + "?tab=flows-lab&flow-dataset=grid25&flow-direction=x%20%E2%86%92%20z%20(density)&run=flow-train",
        wait_until="load",
        timeout=60_000,
    )
    page.locator("#flow-status").get_by_text("step 3,000").wait_for(timeout=120_000)
    layer = page.locator("#flow-layer input[type=number]").first
    layer.fill("4")
    layer.press("Enter")
    page.locator("#flow-layer-caption").get_by_text("4 of 9 layers undone").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.locator("#flow-view").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=OUT / "flows-layers.png")
    page.locator("#flow-view").click(position={"x": 270, "y": 130})
    page.locator("#flow-density-table").get_by_text("log q(x)").first.wait_for(timeout=30_000)
    page.locator("#flow-curves").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(1000)
    page.screenshot(path=OUT / "flows-density.png")
    page.goto(url + "?tab=flows-fm&run=fm-train", wait_until="load", timeout=60_000)
    page.locator("#fm-status").get_by_text("step 3,000").wait_for(timeout=120_000)
    page.wait_for_timeout(1500)
    page.screenshot(
        path=OUT / "flows-matching.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1300}, full_page=True
    )
    page.goto(url + "?tab=flows-digits&run=flow-sample-run", wait_until="load", timeout=60_000)
    page.locator("#flow-sample-status").get_by_text("as the class asked for").wait_for(timeout=60_000)
    page.locator("#flow-interp-run").click()
    page.locator("#flow-strip-caption").get_by_text("The evaluator reads").wait_for(timeout=60_000)
    page.locator("#flow-recon-run").click()
    page.locator("#flow-recon-table").get_by_text("largest pixel error").wait_for(timeout=60_000)
    page.locator("#flow-lik-run").click()
    page.locator("#flow-lik-table").get_by_text("PixelCNN").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=OUT / "flows-digits.png", clip={"x": 0, "y": 0, "width": 1400, "height": 1500}, full_page=True)


def shoot(page, url: str, link: str, ready: str, text: str, name: str, height: int = 1250) -> None:
    """Open a deep link, wait until ``ready`` shows ``text``, and shoot the top ``height`` px."""
    page.goto(url + link, wait_until="load", timeout=60_000)
    page.locator(ready).get_by_text(text).first.wait_for(timeout=120_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=OUT / name, clip={"x": 0, "y": 0, "width": 1400, "height": height}, full_page=True)


def latent(page, url: str) -> None:
    """The latent-diffusion tab: the pipeline viewer mid-run and done, img2img's strip, both
    inpaintings and the negative class."""
    shoot(
        page, url, "?tab=latent-pipeline&ldm-steps=30&run=ldm-run", "#ldm-status", "decoder pass", "latent-pipeline.png"
    )
    shoot(page, url, "?tab=latent-compare&run=ldm-compare-run", "#cmp-table", "At 512", "latent-compare.png", 1400)
    shoot(page, url, "?tab=latent-img2img&run=i2i-run", "#i2i-text", "strength", "latent-img2img.png", 1100)
    shoot(page, url, "?tab=latent-inpaint&run=inp-run", "#inp-table", "RePaint", "latent-inpaint.png", 1200)
    shoot(page, url, "?tab=latent-negative&run=neg-run", "#neg-table", "negative class", "latent-negative.png", 1100)


def t2i(page, url: str) -> None:
    """The text-to-image tab, each sub-tab after its tour step (English), and the first in Chinese."""
    from playground.tabs.t2i.texts import say
    from playground.tour import step_query

    tour = say.en("tour")

    def link(n: int) -> str:
        from urllib.parse import urlencode

        return "?" + urlencode(step_query(tour, n))

    shoot(page, url, link(1), "#t2i-status", "reads", "t2i-prompt.png", 1150)
    shoot(page, url, link(2), "#t2ia-md", "largest share", "t2i-attention.png", 1500)
    shoot(page, url, link(3), "#t2it-md", "tokens cut", "t2i-tokens.png", 1400)
    shoot(page, url, link(4), "#t2in-md", "std", "t2i-negative.png", 1250)
    shoot(page, url, link(5), "#t2is-md", "pixels", "t2i-swap.png", 1100)
    shoot(page, url, link(6), "#t2ig-table", "digits-FID", "t2i-guidance.png", 1000)
    context = page.context.browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    zh = context.new_page()
    shoot(
        zh,
        url,
        "?tab=t2i-path&t2i-prompt=左上角一个小的3&run=t2i-run",
        "#t2i-status",
        "读作",
        "zh-t2i-prompt.png",
        1150,
    )
    context.close()


def fast(page, url: str) -> None:
    """The fast-sampling tab: the curve with a live point, the student beside DDIM and the cascade."""
    shoot(
        page,
        url,
        "?tab=fast-curve&fast-sampler=DDIM&fast-nfe=1&run=fast-run",
        "#fast-text",
        "DDIM-50",
        "fast-curve.png",
        1700,
    )
    shoot(page, url, "?tab=fast-student&run=student-run", "#student-table", "faster", "fast-student.png", 1100)
    shoot(
        page, url, "?tab=fast-cascade&run=cascade-run", "#cascade-status", "read as intended", "fast-cascade.png", 1700
    )


def _controlnet_lecture(page, url: str) -> None:
    controlnet(page)
    lecture(page, url)


# groups of shots, each in a freshly started app: ``python -m scripts.screenshots [group ...]``
GROUPS = {
    "pixelcnn": pixelcnn,
    "flows": flows,
    "latent": latent,
    "fast": fast,
    "t2i": t2i,
    "vae": lambda page, url: vae(page),
    "gan": lambda page, url: gan(page),
    "gan-refined": lambda page, url: gan_refined(page),
    "diffusion": lambda page, url: _diffusion_and_cfg(page),
    "controlnet": _controlnet_lecture,
    "chinese": chinese,
    "presenter": presenter,
}


def main(groups=None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in groups or GROUPS:
        with running_app() as (url, _, _), open_page(url) as page:
            GROUPS[name](page, url)
    print(f"wrote {sorted(p.name for p in OUT.glob('*.png'))} to {OUT}")


if __name__ == "__main__":
    import sys

    unknown = set(sys.argv[1:]) - set(GROUPS)
    if unknown:
        raise SystemExit(f"unknown groups {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    main(sys.argv[1:])
