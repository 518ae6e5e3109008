"""Progress of a long handler: steps done of a known total, the time left at the pace so far, and
when to show it.

A handler that runs samplers is a generator: it advances each sampler's progressive generator with
``Progress.follow`` and yields its outputs when an update is due. Between two updates it computes,
so a Stop (or a closed page: Gradio then closes the generator) ends it within a step and frees its
slot; a handler that returned in one piece would compute to its end for nobody.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from typing import TypeVar

import gradio as gr

from playground.i18n import tr

STOP_HINT = "**Stop** ends it."
EVERY_S = 0.5  # an update at most this often: each one sends the pictures shown so far to the page

Record = TypeVar("Record")
Result = TypeVar("Result")


class Progress:
    """``total`` steps over all of a handler's runs; ``follow`` counts them and times the runs."""

    def __init__(self, total: int, every_s: float | None = None):
        self.total, self.done = max(1, total), 0
        self.every_s = EVERY_S if every_s is None else every_s  # read at each start, so a test can set it to 0
        self.t0 = self.shown = time.perf_counter()
        self.run_s = 0.0  # the sampler's own time in the last run followed: what "ms per step" reports

    def due(self) -> bool:
        """An update is due: ``every_s`` passed since the last, and steps remain (the result follows the last)."""
        now = time.perf_counter()
        if self.done >= self.total or now - self.shown < self.every_s:
            return False
        self.shown = now
        return True

    def left_s(self) -> float:
        return (time.perf_counter() - self.t0) / max(1, self.done) * (self.total - self.done)

    def status(self, what: str) -> str:
        """The status line of an update: what runs, the steps done and the time left."""
        line = tr(
            "{what}: step {i} of {n}, about {left:.0f} s left.",
            what=what,
            i=self.done,
            n=self.total,
            left=self.left_s(),
        )
        return f"{line} {tr(STOP_HINT)}"

    def follow(
        self,
        run: Iterator[Record] | Generator[Record, None, Result],
        update: Callable[[Record], tuple],
        weight: int = 1,
        always: Callable[[Record], bool] | None = None,
    ) -> Generator[tuple, None, Result | Record | None]:
        """Advance a progressive run to its end, ``weight`` steps of ``total`` per record (a record that
        stands for a batch of images counts them all), yielding ``update(record)`` when an update is due,
        or whatever the pace for a record ``always`` picks (a finished row of a grid).
        Returns the run's return value, or its last record when it has none. Only the run's own time
        counts in ``run_s``, not the updates drawn between its steps."""
        self.run_s, last = 0.0, None
        while True:
            start = time.perf_counter()
            try:
                record = next(run)
            except StopIteration as end:
                self.run_s += time.perf_counter() - start
                return last if end.value is None else end.value
            self.run_s += time.perf_counter() - start
            self.done, last = self.done + weight, record
            if self.due() or (always is not None and always(record)):
                self.shown = time.perf_counter()
                yield update(record)


def stopped(text=None):
    """UI, after Stop: a status line still showing a run's progress says it stopped (the pictures keep
    the last update); a finished run's text stays."""
    if isinstance(text, str) and tr(STOP_HINT) not in text:
        return gr.skip()
    return tr("Stopped. Press the button again to generate.")
