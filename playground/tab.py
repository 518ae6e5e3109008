"""The one protocol every tab follows. A tab is a package ``playground/tabs/<id>/`` whose
``__init__`` defines ``TAB``; ``playground.tabs.TABS`` lists them in the course's order, and the app
shows a tab only when the models it needs ship.

    TAB = Tab("cfg", "Guidance", needs=("diffusion", "evaluator"), build=build)

``build(demo)`` runs inside the open ``gr.Tab``: it wires the tab's handlers (wrapped to share the
cores and for ZeroGPU) into its UI module, which receives them as callables. A tab package also
runs alone: ``python -m playground.tabs.cfg`` serves that tab by itself (``run_alone``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr


@dataclass(frozen=True)
class Tab:
    """id: the tab's id in links (``?tab=cfg``) and its elem_id ``tab-<id>``; title: English (the
    Chinese comes from the glossary like every fixed text); needs: registry names that must ship;
    build: (demo) -> None, builds the tab's content; tour: its guided tour's Markdown (``playground.tour``),
    which ``?tab=<id>&tour=<n>`` follows."""

    id: str
    title: str
    needs: tuple[str, ...]
    build: Callable[[gr.Blocks], None]
    tour: str = ""

    def ships(self, names) -> bool:
        return set(self.needs) <= set(names)


def add_tab(demo: gr.Blocks, tab: Tab) -> None:
    with gr.Tab(tab.title, id=tab.id, elem_id=f"tab-{tab.id}"):
        tab.build(demo)


def run_alone(tab: Tab, argv=None) -> None:
    """Serve one tab by itself (``python -m playground.tabs.<id>``), with the app's languages,
    input guard and queue."""
    import argparse

    from app import resolve_diffusers
    from playground import i18n
    from playground.input_guard import guard_inputs
    from playground.settings import SETTINGS
    from playground.ui import launch_options

    p = argparse.ArgumentParser(prog=f"python -m playground.tabs.{tab.id}", description=f"Serve the {tab.title} tab.")
    p.add_argument("--port", type=int, default=7860)
    args = p.parse_args(argv)
    resolve_diffusers()
    with gr.Blocks(title=tab.title) as demo, gr.Tabs():
        add_tab(demo, tab)
    demo.queue(max_size=SETTINGS.queue_max_size, default_concurrency_limit=SETTINGS.concurrency_limit)
    i18n.install(i18n.translate(guard_inputs(demo))).launch(server_port=args.port, **launch_options())
