"""Assemble the playground's tabs (``playground.tabs.TABS``) into one Blocks app: the title row,
every tab whose models ship, the compute footer, deep links and the languages."""

from __future__ import annotations

import gradio as gr

from models.core.compute import compute_plan
from models.core.registry import default_registry
from playground import deep_links, gradio_fixes, i18n, presenter
from playground.compute_note import footer_texts
from playground.pictures import FONT_FILE
from playground.settings import SETTINGS
from playground.tab import add_tab
from playground.tabs import TABS
from playground.widgets import STROKE_PAD_JS, heavy_limit

TITLE = "Generative Models Playground"


# Chinese on any machine: the app's own font (``pictures.FONT_FILE``, every character the app writes) comes
# after the theme's fonts, for the CJK ranges only, so a system CJK font still wins where there is one. It is
# declared and preloaded in the page's <head>, before Gradio renders anything: declared later (in the app's
# CSS), the first texts drawn (the title, the first tab) could keep their missing-glyph boxes.
CJK_FONT = "Playground Sans SC"
FONT_URL = f"gradio_api/file={FONT_FILE}"
CJK_HEAD = f"""
<link rel="preload" href="{FONT_URL}" as="font" type="font/otf" crossorigin>
<style>
@font-face {{
  font-family: "{CJK_FONT}";
  src: url("{FONT_URL}") format("opentype");
  unicode-range: U+2E80-2FFF, U+3000-30FF, U+3400-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF;
  font-display: block;
}}
/* The system's sans-serif, then the app's font for what it lacks. Set here, not in the theme: Gradio's
   launch-time comparison with its built-in themes fails on a font list it does not know. (The theme's
   Montserrat is left out: its webfont drew some capitals oddly beside the CJK fallback.) */
:root, .gradio-container {{
  --font: ui-sans-serif, system-ui, "{CJK_FONT}", sans-serif !important;
}}
</style>
"""


# A gallery's captions ("F1 0.98 · seed 1", "IoU 0.78 · seed 2") whole, on their own lines under each picture:
# Gradio cuts them to one line with an ellipsis, laid over the picture's corner.
GALLERY_CSS = """
.gallery-item .thumbnail-item:has(.caption-label) {
  aspect-ratio: auto !important; overflow: visible !important; height: auto !important;
  display: flex !important; flex-direction: column !important;
}
.gallery-item .thumbnail-item:has(.caption-label) img { aspect-ratio: 1 / 1; height: auto !important; }
.gallery-item .thumbnail-item img { object-fit: contain !important; }  /* a sample is shown whole, never cropped */
/* a picture's name above it, not floated over its top-left samples, and its buttons (fullscreen, download, share)
   over its corner only while the pointer is on it (issue 36: in Pixel vs latent they hid 4-5 of 8 samples) */
.block:has(> .image-container) > label.float:not(.hide) { position: static; }
/* a picture of a set height keeps it: the name takes its room from the picture, not from below the block's edge */
.block:has(> .image-container):has(> label.float:not(.hide)) { display: flex; flex-direction: column; }
.block:has(> .image-container):has(> label.float:not(.hide)) > .image-container { flex: 1 1 auto; min-height: 0; }
.block:has(> .image-container) .icon-button-wrapper.top-panel { opacity: 0; transition: opacity 0.15s; }
.block:has(> .image-container):hover .icon-button-wrapper.top-panel,
.block:has(> .image-container):focus-within .icon-button-wrapper.top-panel { opacity: 1; }
/* outside lecture mode a gallery keeps its height (it scrolls beyond it): a wide tile's square picture fits in it
   with its caption, not cut to its top row (issue 36: DDPM-1000 vs DDIM-50 at 1400x900) */
body:not(.lecture):not(.figure-only) .gallery-item .thumbnail-item:has(.caption-label) img {
  max-height: var(--tile-max-h, 290px); width: auto !important; margin: 0 auto;
}
.gallery-item .caption-label {
  position: static !important; max-width: none !important; white-space: normal !important;
  text-overflow: clip !important; border: none !important; opacity: 1 !important; text-align: center !important;
}
"""


def launch_options() -> dict:
    """Page-wide look, given to ``launch`` (Gradio 6 takes the theme and CSS there), the languages, and the
    cookie that tells handlers which of them the page shows."""
    theme = gr.themes.Soft()
    return {
        "theme": theme,
        "css": presenter.CSS + GALLERY_CSS,
        "i18n": i18n.translations(),
        "head": CJK_HEAD + i18n.LANGUAGE_COOKIE_JS + i18n.STATUS_WORDS_ZH_JS + STROKE_PAD_JS,
        "allowed_paths": [str(FONT_FILE.parent)],
    }


def compute_footer() -> gr.Markdown:
    """Where the models run and in which precision, chosen at start (``models.core.compute``)."""
    plan = compute_plan(default_registry().device)
    en, zh = footer_texts(plan, heavy_limit())
    i18n.add(en, zh)
    return gr.Markdown(en, elem_id="compute-footer")


def build_demo() -> gr.Blocks:
    gradio_fixes.apply()
    # Every generated file goes to Gradio's cache (no handler writes anywhere else) and is pruned there.
    with gr.Blocks(title=TITLE, delete_cache=(SETTINGS.cache_prune_every_s, SETTINGS.cache_max_age_s)) as demo:
        with gr.Row(equal_height=True):
            gr.Markdown(
                f"# {TITLE}\nSee how generative models work, on small models trained for this app. Runs "
                "offline, on CPU or GPU. Language: English or 中文 — the page follows the browser's language; change "
                "it under **Settings** at the foot of the page.",
                elem_id="app-title",
            )
            # the presenter's switches (``playground.presenter``): in lecture mode all that is left of this row
            with gr.Column(scale=0, min_width=260, elem_id="presenter-bar"):
                lecture = gr.Checkbox(False, label="Lecture mode (large text and pictures)", elem_id="lecture")
                figure_only = gr.Checkbox(False, label="Hide controls (the figure alone)", elem_id="figure-only")
                link_button = gr.Button("Link to this view", size="sm", elem_id="make-link")
        link_box = gr.Textbox(
            label="Link to this view (opens this tab with these settings; add &run=<button id> to press a button)",
            elem_id="link-box",
            interactive=False,
            buttons=["copy"],
            visible=False,
            max_lines=2,
        )
        names = default_registry().names()
        shown = [tab for tab in TABS if tab.ships(names)]
        with gr.Tabs(elem_id="top-tabs"):
            for tab in shown:
                add_tab(demo, tab, shown)
        compute_footer()
        presenter.wire_switches(demo, lecture, figure_only)
        deep_links.install(demo, lecture, link_button, link_box, shown)
    demo.queue(max_size=SETTINGS.queue_max_size, default_concurrency_limit=SETTINGS.concurrency_limit)
    return i18n.translate(demo)
