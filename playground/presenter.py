"""The presenter layout: what lecture mode and "Hide controls" do to every tab, through the CSS classes
that each tab puts on its parts. At 1280x720 in lecture mode a tab's main figure and main button sit on the
first screen: the title row shrinks to its switches, the intro and tour fold into a closed accordion, the main
button moves to the top of its controls, and the main figure is sized to the screen's height.

- ``intro_panel()`` holds a tab's intro and guided tour (closed in lecture mode, open otherwise);
  ``section_intro()``, a sub-tab's explanation, and anything with ``LECTURE_HIDDEN``: hidden in lecture mode;
- ``CONTROLS``: the column of a tab's controls ("Hide controls" hides all of it but its main action);
- ``ACTION``: the main button's row (with its Stop): first in its column in lecture mode;
- ``FIGURE``: the main figure, which takes the screen's height in lecture mode.
"""

from __future__ import annotations

import gradio as gr

from playground.events import checked
from playground.widgets import private

INTRO, LECTURE_HIDDEN = "tab-intro", "lecture-hidden"
CONTROLS, ACTION, FIGURE = "tab-controls", "main-action", "main-figure"
COMPACT = "compact-table"  # a long table of numbers a tour step is about: in lecture mode its rows fit the screen
# A picture a tour step is about, other than the main figure (a strip of small digits, a square plot): in lecture mode
# as wide as its column and at most ~70% of the screen tall (60vh of the 1.2x page), so that, scrolled to by the
# step's link, it is wholly on screen and large.
TOUR_PICTURE = "tour-picture"
INTRO_LABEL = "About this tab, and its guided tour"

# Lecture mode zooms the page 1.4x on a large screen, 1.2x on a projector's 1280x720 or 1024x768 (at 1.4x the
# controls no longer fit beside the figure), both set by ``FIT_JS``, which also fits the main figure to the
# screen's height below its top (--fit-h, in the figure's own zoomed pixels; a plotly figure gets that height,
# at most its own, by a relayout: zoomed instead, its labels would shrink below 14 px).
CSS = f"""
body.lecture .gradio-container {{ zoom: var(--lecture-zoom, 1.4); max-width: none !important; }}
body.lecture .{ACTION} button {{ min-width: 0 !important; padding-left: 6px; padding-right: 6px; }}
body.lecture img {{ image-rendering: pixelated; }}
body.lecture #top-tabs > .tab-wrapper {{ zoom: 0.64; }}  /* the tab row at ~0.9x: all ten fit at 1024 px */
body.lecture #app-title {{ display: none; }}
body.lecture #presenter-bar {{ zoom: 0.72; min-width: 100% !important; }}
body.lecture #presenter-bar, body.lecture #presenter-bar > .form {{
  flex-direction: row !important; align-items: center;
}}
body.lecture #presenter-bar > *, body.lecture #presenter-bar > * > * {{
  flex: 0 1 auto !important; width: auto !important;
}}
body.lecture .{ACTION} {{ order: -1; }}  /* first in its column: above the controls or the figure */
/* in a row of knobs: on a line of its own above them, not squeezed among them */
body.lecture .{CONTROLS} > .row:has(> .{ACTION}) {{ flex-wrap: wrap; }}
body.lecture .{CONTROLS} > .row > .{ACTION} {{ flex: 1 1 100% !important; }}
body.lecture .{LECTURE_HIDDEN} {{ display: none; }}
/* 0.8 em of the 1.2x page: 15 px on a projector, and 10 rows in ~300 px instead of 1,100 */
body.lecture .{COMPACT} table {{ font-size: 0.8em; }}
body.lecture .{COMPACT} th, body.lecture .{COMPACT} td {{ padding: 2px 8px !important; line-height: 1.25; }}
body.lecture .{COMPACT} td:not(:first-child) {{ white-space: nowrap; }}  /* "▼ worse" on one line */
/* Gradio sizes an image's frame to its own height: here the frame follows the picture */
body.lecture .{TOUR_PICTURE} .image-container, body.lecture .{TOUR_PICTURE} .image-container > button,
body.lecture .{TOUR_PICTURE} .image-frame {{ height: auto !important; width: 100% !important; }}
body.lecture .{TOUR_PICTURE} img {{
  width: 100% !important; height: auto !important; max-height: 60vh !important; object-fit: contain;
}}
body.lecture .{FIGURE}, body.figure-only .{FIGURE} {{ height: auto !important; }}
body.lecture .tab-wrapper {{ zoom: 0.75; }}  /* sub-tab rows: every sub-tab reachable at 1024 px */
/* the figure fills the room it has: as wide as its column, as tall as the screen below its top allows, and no
   taller than its shape needs at that width (a wide strip takes a strip's height, not a tall empty box) */
body.lecture .{FIGURE}:not(:has(.gallery-item)) img, body.figure-only .{FIGURE}:not(:has(.gallery-item)) img {{
  width: 100% !important; height: auto !important; max-height: calc(var(--fit-h, 100vh) - 24px) !important;
  object-fit: contain;
}}
/* its label above it, not over its top-left corner (Gradio floats it there), and the picture that much shorter */
body.lecture .{FIGURE} > label.float:not(.hide),
body.figure-only .{FIGURE} > label.float:not(.hide) {{ position: static; }}
body.lecture .{FIGURE}:has(> label.float:not(.hide)) img,
body.figure-only .{FIGURE}:has(> label.float:not(.hide)) img {{
  max-height: calc(var(--fit-h, 100vh) - 64px) !important;
}}
/* a figure not drawn yet: its empty box no taller than the room either */
body.lecture .{FIGURE} .empty.large, body.figure-only .{FIGURE} .empty.large {{
  min-height: 0 !important; height: min(236px, calc(var(--fit-h, 100vh) - 24px)) !important;
}}
body.figure-only .{INTRO}, body.figure-only #app-title {{ display: none; }}
body.figure-only .{CONTROLS} > :not(.{ACTION}):not(:has(.{ACTION})) {{ display: none; }}
body.figure-only .{CONTROLS} > :has(.{ACTION}) > :not(.{ACTION}) {{ display: none; }}  /* a row of knobs and button */
body.figure-only .row > .{CONTROLS} {{ flex: 0 0 160px !important; min-width: 0 !important; }}
body.figure-only .row > .{CONTROLS}:not(:has(.{ACTION})) {{ display: none; }}  /* its button is by the figure */
body.figure-only .{CONTROLS} .{ACTION} {{ flex-direction: column; }}
/* the figure alone: what is beside it (a plot, a decoded digit), under it in its column and after its row goes */
body.figure-only .row:has(.{FIGURE}) > .column:not(:has(.{FIGURE})):not(.{CONTROLS}) {{ display: none; }}
body.figure-only .column:has(> .{FIGURE}) > :not(.{FIGURE}):not(.{ACTION}) {{ display: none; }}
body.figure-only .row:has(.{FIGURE}) ~ * {{ display: none; }}
"""

# Fit each shown main figure to the screen below its top (lecture mode or "Hide controls"), or undo it.
FIT_JS = """() => {
  const on = ['lecture', 'figure-only'].some((c) => document.body.classList.contains(c));
  const big = window.innerWidth >= 1600 && window.innerHeight >= 900;
  document.body.style.setProperty('--lecture-zoom', big ? 1.4 : 1.2);
  const zoom = document.body.classList.contains('lecture') ? (big ? 1.4 : 1.2) : 1;
  // a plot's own height is the one it has whenever it is not the one set here (a new figure brings its own)
  const fitPlot = (plot, room) => {
    const now = plot._fullLayout.height;
    if (now !== plot.__pgSet) plot.__pgOwn = now;
    const h = room === null ? plot.__pgOwn : Math.max(240, Math.min(plot.__pgOwn, room - 40));
    if (Math.abs(now - h) > 2 && window.Plotly) { plot.__pgSet = h; window.Plotly.relayout(plot, { height: h }); }
  };
  document.querySelectorAll('.main-figure').forEach((f) => {
    const plot = f.querySelector('.js-plotly-plot');
    const drawn = plot && plot._fullLayout && plot._fullLayout.height ? plot : null;
    if (!on) { f.style.removeProperty('--fit-h'); if (drawn) fitPlot(drawn, null); return; }
    const box = f.getBoundingClientRect();
    if (!box.height) return;  // on a tab not shown
    const room = Math.max(160, (window.innerHeight - box.top - 12) / zoom);
    f.style.setProperty('--fit-h', room + 'px');
    if (drawn) fitPlot(drawn, room);
  });
}"""

# Once per page: a watcher that refits the figures when the page changes (a new tab, a new picture: nodes added; a
# picture loaded), its height does (an intro folded), a tab is clicked (shown again, it mounts nothing) or the
# window is resized.
WATCH_JS = """
  window.__pgFit = window.__pgFit || (FIT);
  requestAnimationFrame(window.__pgFit);
  if (!window.__pgWatch) {
    let queued = false;
    const later = () => {
      if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; window.__pgFit(); }); }
    };
    window.__pgWatch = new MutationObserver(later);
    window.__pgWatch.observe(document.body, { childList: true, subtree: true });
    new ResizeObserver(later).observe(document.body);
    window.addEventListener('resize', later);
    document.addEventListener('load', later, true);  // a picture arrived (its size is known only now)
    // a tab shown again mounts nothing: its figures are measured once it is drawn
    document.addEventListener('click', (e) => {
      if (e.target.closest('[role=tab]')) [50, 300, 1000].forEach((ms) => setTimeout(later, ms));
    }, true);
  }
""".replace("FIT", FIT_JS)

# Lecture mode on/off: the page's class (the intros are folded on the server's side, by ``wire_switches``).
LECTURE_JS = """(on) => {
  document.body.classList.toggle('lecture', on);
  WATCH
  return on;
}""".replace("WATCH", WATCH_JS)
FIGURE_ONLY_JS = """(on) => {
  document.body.classList.toggle('figure-only', on);
  WATCH
}""".replace("WATCH", WATCH_JS)


def wire_switches(demo: gr.Blocks, lecture: gr.Checkbox, figure_only: gr.Checkbox) -> None:
    """The two switches. Lecture mode folds every tab's intro (off: opens them again) by setting each accordion's
    ``open`` from the server: that holds for a tab not shown yet, which Gradio draws from its props when first
    shown (a press on its header in the page, tried first, did not hold: the tab opened with its intro open).
    The presenter's own clicks on a header decide after that."""
    intros = [b for b in demo.blocks.values() if isinstance(b, gr.Accordion) and INTRO in (b.elem_classes or [])]
    lecture.change(
        **checked(lambda on: [gr.update(open=not on)] * len(intros), [lecture]),
        outputs=intros,
        js=LECTURE_JS,
        **private("lecture_mode"),
        queue=False,
        show_progress="hidden",
    )
    figure_only.change(None, [figure_only], None, js=FIGURE_ONLY_JS, **private("figure_only"))


def intro_panel() -> gr.Accordion:
    """``with intro_panel(): gr.Markdown(INTRO); gr.Markdown(TOUR)``: the tab's explanation and tour."""
    return gr.Accordion(INTRO_LABEL, open=True, elem_classes=[INTRO])


def controls(**kwargs) -> gr.Column:
    """The column of a tab's controls (``gr.Column`` kwargs: scale, min_width)."""
    return gr.Column(elem_classes=[CONTROLS], **kwargs)


def action_row() -> gr.Row:
    """The row of a tab's main button and its Stop, inside ``controls()``."""
    return gr.Row(elem_classes=[ACTION])


def section_intro(text: str) -> gr.Markdown:
    """A sub-tab's explanation above its controls: hidden in lecture mode, where the presenter says it."""
    return gr.Markdown(text, elem_classes=[LECTURE_HIDDEN])
