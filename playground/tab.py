"""The one protocol every tab follows. A tab is a package ``playground/tabs/<id>/`` whose
``__init__`` defines ``TAB``; ``playground.tabs.TABS`` lists them in the course's order, and the app
shows a tab only when the models it needs ship.

    TAB = Tab("cfg", "Guidance", needs=("diffusion", "evaluator"), build=build, tour=TOUR,
              summary="classifier-free guidance trades variety for recognisability.",
              main=View("#cfg-grid", "#cfg-run"), tour_check=(4, "#cfgm-md"),
              lecture_link=("&run=cfg-recorded", "#cfg-table"))

``build(demo, course)`` runs inside the open ``gr.Tab``: it wires the tab's handlers (wrapped to share
the cores and for ZeroGPU) into its UI module, which receives them as callables; ``course`` is every
shown tab (the home tab's course map links them). Everything else a tool needs to know about a tab —
where its figure is, what a presenter presses, which tour step is quick — is declared here once and read
by the presenter's checks, the screenshots and the browser tests (``scripts/browser``). A tab package
also runs alone: ``python -m playground.tabs.cfg`` serves that tab by itself (``run_alone``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import gradio as gr

from playground.tour import step_query, steps


@dataclass(frozen=True)
class View:
    """What a presenter looks at and presses on one view of a tab (CSS selectors): in lecture mode both lie
    on the first screen."""

    figure: str
    control: str


@dataclass(frozen=True)
class Tab:
    """id: the tab's id in links (``?tab=cfg``) and its elem_id ``tab-<id>``; title: English (the
    Chinese comes from the glossary like every fixed text); needs: registry names that must ship;
    build: (demo, course) -> None, builds the tab's content; tour: its guided tour's Markdown
    (``playground.tour``), which ``?tab=<id>&tour=<n>`` follows; summary: its line in the home tab's course
    map (after its title); main: its first view's figure and control; sub_tabs: every later sub-tab's id
    (``?tab=<sub id>``, elem_id ``tab-<sub id>``) -> its view; tour_check: one quick tour step and where its
    result shows (a Markdown with numbers once done, or a picture) — what the Chinese browser test runs;
    lecture_link: the query a presenter's slide would add to open the tab in lecture mode with something
    drawn, and what shows once it is done (the lecture-mode screenshots); tour_figures: the figure a tour step
    (1-based) is about, where it is not the main figure of the sub-tab its link opens (``scripts.tour_check``)."""

    id: str
    title: str
    needs: tuple[str, ...]
    build: Callable[[gr.Blocks, Sequence[Tab]], None]
    tour: str = ""
    summary: str = ""
    main: View | None = None
    sub_tabs: Mapping[str, View] = field(default_factory=dict)
    tour_check: tuple[int, str] | None = None
    lecture_link: tuple[str, str] = ("", "")
    tour_figures: Mapping[int, str] = field(default_factory=dict)

    def ships(self, names) -> bool:
        return set(self.needs) <= set(names)

    def step_figure(self, n: int) -> str | None:
        """The figure tour step ``n`` is about: the one ``tour_figures`` names, else the figure of the sub-tab its
        link opens (``main`` for the tab or its first sub-tab); None when the tab declares no view."""
        if n in self.tour_figures:
            return self.tour_figures[n]
        opened = step_query(self.tour, n).get("tab", self.id)
        view = self.sub_tabs.get(opened, self.main)
        return view.figure if view else None

    def step_figures(self) -> dict[int, str]:
        """Every tour step (1-based) -> ``step_figure``, where it names one."""
        figures = {n: self.step_figure(n) for n in range(1, len(steps(self.tour)) + 1)}
        return {n: f for n, f in figures.items() if f}


def add_tab(demo: gr.Blocks, tab: Tab, course: Sequence[Tab] = ()) -> None:
    with gr.Tab(tab.title, id=tab.id, elem_id=f"tab-{tab.id}"):
        tab.build(demo, course)


def run_alone(tab: Tab, argv=None) -> None:
    """Serve one tab by itself (``python -m playground.tabs.<id>``), with the app's languages and queue."""
    import argparse

    from models.core.lazy_imports import resolve_diffusers
    from playground import i18n
    from playground.settings import SETTINGS
    from playground.ui import launch_options

    p = argparse.ArgumentParser(prog=f"python -m playground.tabs.{tab.id}", description=f"Serve the {tab.title} tab.")
    p.add_argument("--port", type=int, default=7860)
    args = p.parse_args(argv)
    resolve_diffusers()
    with gr.Blocks(title=tab.title) as demo, gr.Tabs():
        add_tab(demo, tab)
    demo.queue(max_size=SETTINGS.queue_max_size, default_concurrency_limit=SETTINGS.concurrency_limit)
    i18n.translate(demo).launch(server_port=args.port, **launch_options())
