"""Deep links: a URL opens the app on a tab with its controls set, so a lecturer can open a prepared
state from a slide, e.g. ``/?tab=cfg&cfg-scales=0,1,3,8&cfg-classes=3,7&run=cfg-run&lecture=1``.

- ``tab``: a tab id (``home``, ``vae``, ``gan``, ``diffusion``, ``cfg``, ``controlnet``) or a sub-tab id
  (``home-lab``, ``diff-reverse``, ``controlnet-pose``, ...); its parents are selected too.
- any control's ``elem_id`` (``cfg-scales``, ``fwd-t``, ``gan-preset``, ...) sets that control.
  Values are checked like API inputs: numbers within the control's range, choices from its list,
  lists comma-separated, booleans ``true``/``false``. Anything invalid is named in a warning; the
  rest still applies.
- ``run``: the ``elem_id`` of a button to press once the values are set (``cfg-run``, ``gan-train``).
- ``lecture=1``: lecture mode (large text and pictures).
- ``tour=<n>``: step n of the tab's guided tour (``?tab=gan&tour=2``): the step's own link, with any other
  parameter given here on top; the page scrolls to the figure the step is about (``Tab.step_figure``).
The "Link to this view" button writes the link for the tab on screen, with every control that differs
from its default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

import gradio as gr

from playground import tour as tours
from playground.events import checked, note
from playground.i18n import tr
from playground.tab import Tab

LINKABLE = (gr.Slider, gr.Number, gr.Dropdown, gr.Radio, gr.Checkbox, gr.CheckboxGroup, gr.Textbox)
MAX_TEXT = 500  # characters of a text control taken from a URL
RESERVED = ("tab", "run", "lecture", "view", "tour")  # view=api: Gradio's own API page


@dataclasses.dataclass
class Site:
    """What the links can reach: the tab tree and the controls (by elem_id) with their tab and default."""

    containers: list[gr.Tabs]  # every gr.Tabs, top first
    tabs: dict[str, gr.Tab]  # tab id -> Tab
    controls: dict[str, gr.components.Component]  # elem_id -> control
    home: dict[str, str]  # elem_id -> id of the innermost tab holding it ("" = above the tabs)
    defaults: dict[str, object]  # elem_id -> value at start
    buttons: dict[str, gr.Button]  # elem_id -> button
    paths: dict[str, list[str]]  # tab id -> tab ids from the top level down to it
    container_of: dict[str, int]  # tab id -> index of the gr.Tabs holding it
    inner_container: dict[str, int]  # tab id -> index of the gr.Tabs inside it, if any
    tours: dict[str, str] = dataclasses.field(default_factory=dict)  # top-level tab id -> its tour's Markdown
    # the page's config (``Blocks.config``, what the browser and gradio_client are served): the events' graph
    # for the press pause, read once the page is built
    config: Callable[[], dict] = dict

    @classmethod
    def of(cls, demo: gr.Blocks, tours: dict[str, str] | None = None) -> Site:
        blocks = list(demo.blocks.values())
        used_as_input = {id(b) for fn in demo.fns.values() for b in fn.inputs}
        controls = {
            b.elem_id: b
            for b in blocks
            if isinstance(b, LINKABLE) and b.elem_id and id(b) in used_as_input and b.interactive is not False
        }
        tabs = {str(b.id): b for b in blocks if isinstance(b, gr.Tab) and b.id is not None}
        containers = [b for b in blocks if isinstance(b, gr.Tabs)]
        # The tree is read now, while it is being built: Gradio does not keep ``parent`` for later.
        paths = {}
        for tab_id, tab in tabs.items():
            path, t = [], tab
            while t is not None:
                path.insert(0, str(t.id))
                t = _enclosing_tab(t)
            paths[tab_id] = path
        return cls(
            containers=containers,
            tabs=tabs,
            controls=controls,
            home={k: _innermost_tab(c) for k, c in controls.items()},
            defaults={k: c.value for k, c in controls.items()},
            buttons={b.elem_id: b for b in blocks if isinstance(b, gr.Button) and b.elem_id},
            paths=paths,
            container_of={t: containers.index(tab.parent) for t, tab in tabs.items()},
            inner_container={_innermost_tab(c): i for i, c in enumerate(containers) if _innermost_tab(c)},
            tours=dict(tours or {}),
            config=lambda: demo.config,
        )

    def press_waits(self, values: dict, run: str) -> bool:
        """Whether the button ``run`` must wait for the change events that setting ``values`` starts: it reads
        a control that they write (a preset's knobs read by Train), directly or through further changes. A
        button that reads nothing they write is pressed at once (a recorded result reads only its own controls)."""
        changes, reads, ids = _event_graph(self.config())
        written, todo = set(), [ids[k] for k in values if k in ids]
        while todo:
            for out in changes.get(todo.pop(), ()):
                if out not in written:
                    written.add(out)
                    todo.append(out)
        return bool(written & reads.get(run, set()))

    def path(self, tab_id: str) -> list[str]:
        """Tab ids from the top level down to ``tab_id``."""
        return list(self.paths.get(tab_id, []))

    def top(self, tab_id: str) -> str:
        """The top-level tab that holds ``tab_id`` ("" for none): the one whose tour a ``tour=<n>`` link follows."""
        return (self.path(tab_id) or [""])[0]


def _event_graph(config: dict) -> tuple[dict[int, set[int]], dict[str, set[int]], dict[str, int]]:
    """From the page's config: (component id -> ids that its change/input events write, their ``.then`` steps
    included; button elem_id -> ids that its clicks read; elem_id -> component id)."""
    ids = {c["props"]["elem_id"]: c["id"] for c in config.get("components", []) if c.get("props", {}).get("elem_id")}
    deps = config.get("dependencies", [])
    then: dict[int, list[dict]] = {}  # event id -> the steps chained after it
    for dep in deps:
        if dep.get("trigger_after") is not None:
            then.setdefault(dep["trigger_after"], []).append(dep)
    changes: dict[int, set[int]] = {}
    reads: dict[str, set[int]] = {}
    buttons = {v: k for k, v in ids.items()}
    for dep in deps:
        for target, event in dep["targets"]:
            if event in ("change", "input") and target is not None:
                chain, outs = [dep], set()
                while chain:
                    step = chain.pop()
                    outs |= set(step["outputs"])
                    chain += then.get(step["id"], [])
                changes.setdefault(target, set()).update(outs)
            if event == "click" and target in buttons:
                reads.setdefault(buttons[target], set()).update(dep["inputs"])
    return changes, reads, ids


def _enclosing_tab(block) -> gr.Tab | None:
    parent = block.parent
    while parent is not None and not isinstance(parent, gr.Tab):
        parent = parent.parent
    return parent


def _innermost_tab(block) -> str:
    tab = _enclosing_tab(block)
    return str(tab.id) if tab is not None else ""


def _choice_values(control) -> list:
    return [v for _, v in control.choices]


def parse_value(control, text: str):
    """A URL string -> the control's value, checked like an API input. Raises ValueError with a reason."""
    if isinstance(control, gr.Checkbox):
        low = text.strip().lower()
        if low not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
            raise ValueError(tr("expected true or false"))
        return low in ("1", "true", "yes", "on")
    if isinstance(control, gr.Slider | gr.Number):
        x = float(text)
        lo, hi = control.minimum, control.maximum
        if (lo is not None and x < lo) or (hi is not None and x > hi):
            raise ValueError(tr("expected a number from {lo:g} to {hi:g}", lo=lo, hi=hi))
        whole = getattr(control, "precision", None) == 0 or (
            isinstance(control, gr.Slider) and float(control.step).is_integer() and float(lo).is_integer()
        )
        return int(x) if whole and x.is_integer() else x
    if isinstance(control, gr.CheckboxGroup):
        wanted = [t.strip() for t in text.split(",") if t.strip()]
        return [_one_choice(control, t) for t in wanted]
    if isinstance(control, gr.Dropdown | gr.Radio):
        return _one_choice(control, text)
    if len(text) > MAX_TEXT:
        raise ValueError(tr("at most {n} characters", n=MAX_TEXT))
    return text


def _one_choice(control, text: str):
    for v in _choice_values(control):
        if str(v) == text:
            return v
    raise ValueError(tr("expected one of {choices}", choices=", ".join(map(str, _choice_values(control)))))


def format_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def follow_tour(site: Site, query: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """A link with ``tour=<n>`` -> the n-th step's link of its tab's tour, the link's other parameters on top."""
    if "tour" not in query:
        return query, []
    top = site.top(query.get("tab", ""))
    if top not in site.tours:
        return query, [tr("tour: the tab “{tab}” has no guided tour", tab=query.get("tab", ""))]
    try:
        step = tours.step_query(site.tours[top], int(query["tour"]))
    except ValueError as e:
        return query, [tr("tour={n}: {why}", n=query["tour"][:10], why=e)]
    return {**step, **{k: v for k, v in query.items() if k not in ("tab", "tour")}}, []


def apply_link(site: Site, query: dict[str, str]) -> tuple[dict, dict, list[str], dict[str, str]]:
    """Query parameters -> ({tabs container index: selected id}, {elem_id: value}, problems, the query
    followed: a tour step's own parameters in place of ``tour``)."""
    selected, values = {}, {}
    query, problems = follow_tour(site, query)
    tab_id = query.get("tab")
    if tab_id:
        if tab_id in site.tabs:
            for tid in site.path(tab_id):
                selected[site.container_of[tid]] = tid
        else:
            problems.append(tr("tab “{tab}” does not exist (tabs: {tabs})", tab=tab_id, tabs=", ".join(site.tabs)))
    for key, text in query.items():
        if key in RESERVED or key.startswith("__"):
            continue
        control = site.controls.get(key)
        if control is None:
            problems.append(tr("“{key}” is not a control of this app", key=key))
            continue
        try:
            values[key] = parse_value(control, text)
        except ValueError as e:
            problems.append(f"{key}={text[:40]!r}: {e}")
    run = query.get("run")
    if run and run not in site.buttons:
        problems.append(tr("run: there is no button “{run}”", run=run))
    return selected, values, problems, query


def link_for(site: Site, tab_path: list[str], lecture: bool, values: dict[str, object]) -> str:
    """The query string that reopens this view: the tab and every control on it (or above the tabs)
    whose value differs from its default."""
    on_screen = {"", *tab_path}
    query = {"tab": tab_path[-1]} if tab_path else {}
    for key, value in values.items():
        if site.home[key] in on_screen and value != site.defaults[key] and value is not None:
            query[key] = format_value(value)
    if lecture:
        query["lecture"] = "1"
    return "?" + urlencode(query, safe=",")


# JS that presses the link's button (``pause``: "settle ms,press ms", from ``pauses``). A link that sets at most one
# control has nothing held back (settle 0): ``early`` presses it once the page has opened, after the press pause
# for its one control's change events. A link that sets several presses it after the held control is set.
# A press that waits does not trust the pause alone: on a busy machine a preset's change event can take longer
# (issue 36: Train ran the default lab before the preset's knobs arrived), so after it the press also waits until
# no event shows its progress on the page (Gradio's ``.progress-text``), for up to ``IDLE_MS``.
PRESS_JS = """
(run, pause) => {
  const [settle, press] = (pause || "0,0").split(",").map(Number);
  if (!run || (settle === 0) !== EARLY) return;
  const click = () => {
    const el = document.getElementById(run);
    const button = el && (el.tagName === "BUTTON" ? el : el.querySelector("button"));
    if (button) button.click();
  };
  const busy = () => document.querySelector(".progress-text") !== null;
  const whenIdle = (left, quiet) => {
    if (left <= 0 || quiet >= 3) return click();
    setTimeout(() => whenIdle(left - 100, busy() ? 0 : quiet + 1), 100);
  };
  setTimeout(() => (press ? whenIdle(IDLE_MS, busy() ? 0 : 1) : click()), press);
}
"""
IDLE_MS = 15_000
PRESS_EARLY, PRESS_LATE = (
    PRESS_JS.replace("EARLY", flag).replace("IDLE_MS", str(IDLE_MS)) for flag in ("true", "false")
)

# JS: a pause for the change events the link's values started (cheap views: ~0.1 s each), when it set several.
SETTLE = """(pause) => new Promise((done) => setTimeout(done, +((pause || "0,0").split(",")[0])))"""
SETTLE_MS, PRESS_MS = 1000, 800


def pauses(values: dict, waits: bool = True) -> str:
    """The two waits of a link that sets ``values`` and presses a button that ``waits`` for their change
    events (``Site.press_waits``): none for a link that only opens a tab and presses a button, or whose button
    reads only the controls it sets (a recorded result then shows at once); the press's alone for one control."""
    return f"{SETTLE_MS if len(values) > 1 else 0},{PRESS_MS if values and waits else 0}"


# JS: bring a tour step's figure on screen (issue 36: on a 1280×720 projector half the steps' figures lay below the
# fold). Outputs above it fill in while the step runs and push it down, and not every run shows Gradio's progress,
# so it is brought back every 0.3 s for 2 minutes and while progress shows (at most 5), and never again once the
# visitor scrolls, types or clicks.
FOCUS_JS = """
(figure) => {
  if (!figure) return;
  let left = false;
  for (const e of ["wheel", "touchmove", "keydown", "mousedown"]) {
    window.addEventListener(e, () => { left = true; }, { once: true, passive: true });
  }
  const start = Date.now();
  const tick = () => {
    if (left) return;
    const el = document.querySelector(figure);
    const box = el && el.getBoundingClientRect();
    // by hand, not scrollIntoView: inside the zoomed lecture page Chromium's scrollIntoView fell short of the bottom
    if (box && box.height && box.bottom > innerHeight) {
      window.scrollBy(0, Math.min(box.top, box.bottom - innerHeight + 8));
    } else if (box && box.height && box.top < 0) {
      window.scrollBy(0, box.top - 8);
    }
    const busy = document.querySelector(".progress-text, .pending") !== null;
    const age = Date.now() - start;
    if ((age < 120000 || busy) && age < 300000) setTimeout(tick, 300);
  };
  tick();
}
"""


def step_figure(site: Site, step_figures: dict[str, dict[int, str]], query: dict[str, str], problems: list[str]) -> str:
    """The selector of the figure the tour step a link follows is about; "" for another link or one with problems
    (``step_figures``: top-level tab id -> step -> selector)."""
    if "tour" not in query or problems:
        return ""
    return step_figures.get(site.top(query.get("tab", "")), {}).get(int(query["tour"]), "")


# JS: the link as a full URL, copied to the clipboard where the browser allows it.
FULL_URL = """
(query) => {
  const url = window.location.origin + window.location.pathname + query;
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).catch(() => {});
  return url;
}
"""


def install(
    demo: gr.Blocks,
    lecture: gr.Checkbox,
    link_button: gr.Button,
    link_box: gr.Textbox,
    tabs: Sequence[Tab] = (),
) -> Site:
    """Wire the links into a built demo (call inside ``with demo:``, after every tab is built); ``tabs``: the
    shown top-level tabs, whose guided tours ``tour=<n>`` follows (and whose step's figure it brings on screen)."""
    site = Site.of(demo, {tab.id: tab.tour for tab in tabs if tab.tour})
    step_figures = {tab.id: tab.step_figures() for tab in tabs if tab.tour}
    keys = list(site.controls)
    controls = [site.controls[k] for k in keys]
    where = gr.State({})  # Tabs container index -> selected tab id, for this visitor

    last = gr.State({})  # the link's last control, set once the others' change events have run
    # The button the link presses (its own run=, or its tour step's): a hidden textbox, not a gr.State, because
    # the JS that presses it reads the value in the page (a State's value stays on the server).
    run = gr.Textbox("", visible=False)
    pause = gr.Textbox("0,0", visible=False)  # ``pauses``: read by the JS too
    focus = gr.Textbox("", visible=False)  # the tour step's figure (a CSS selector), for FOCUS_JS

    def on_load(request: gr.Request):
        asked = dict(request.query_params) if request is not None else {}
        selected, values, problems, query = apply_link(site, asked)
        for p in problems:
            note(gr.Warning, tr("Link: {problem}", problem=p))
        lecture_on = query.get("lecture", "").lower() in ("1", "true", "yes", "on")
        tabs = [gr.update(selected=selected[i]) if i in selected else gr.update() for i in range(len(site.containers))]
        # Controls set together start their views' change events together, and Gradio's frontend
        # then runs them side by side: the one that finishes last wins, possibly with stale inputs
        # (e.g. x_t drawn at the old t). The last control in the link is therefore set on its own,
        # a moment later, so the last view update reads every value of the link (one control alone: at once).
        held = dict([list(values.items())[-1]]) if len(values) > 1 else {}
        updates = [gr.update(value=values[k]) if k in values and k not in held else gr.update() for k in keys]
        run = query.get("run") if query.get("run") in site.buttons else ""
        lecture_update = gr.update(value=True) if lecture_on else gr.update()
        figure = step_figure(site, step_figures, asked, problems)
        pause_ms = pauses(values, site.press_waits(values, run))
        return [*tabs, lecture_update, *updates, selected, held, run, pause_ms, figure]

    def set_last(held):
        return [gr.update(value=held[k]) if k in (held or {}) else gr.update() for k in keys]

    demo.load(
        **checked(on_load),
        outputs=[*site.containers, lecture, *controls, where, last, run, pause, focus],
        api_name="open_link",
        api_visibility="private",
        show_progress_on=[run],
    ).then(None, [run, pause], None, js=PRESS_EARLY, api_name="press_early", api_visibility="private").then(
        None, [pause], None, js=SETTLE, api_name="link_settle", api_visibility="private"
    ).then(
        **checked(set_last, [last]),
        outputs=controls,
        api_name="link_last",
        api_visibility="private",
        show_progress_on=[run],
    ).then(None, [run, pause], None, js=PRESS_LATE, api_name="press_run", api_visibility="private").then(
        None, [focus], None, js=FOCUS_JS, api_name="link_focus", api_visibility="private"
    )

    for index, container in enumerate(site.containers):
        for tab in container.children:
            if isinstance(tab, gr.Tab) and tab.id is not None:
                tab.select(
                    **checked(lambda w, i=index, t=str(tab.id): {**(w or {}), i: t}, [where]),
                    outputs=[where],
                    api_name=f"select_{tab.id}",
                    api_visibility="private",
                    show_progress="hidden",
                )

    def make_link(selected, lecture_on, *current):
        path, level = [], 0
        while level in (selected or {}):
            tab_id = selected[level]
            path.append(tab_id)
            if tab_id not in site.inner_container:
                break
            level = site.inner_container[tab_id]
        query = link_for(site, path, bool(lecture_on), dict(zip(keys, current, strict=True)))
        return gr.update(value=query, visible=True)

    link_button.click(
        **checked(make_link, [where, lecture, *controls]),
        outputs=[link_box],
        api_name="make_link",
        api_visibility="private",
    ).then(None, [link_box], [link_box], js=FULL_URL, api_name="full_link", api_visibility="private")
    return site
