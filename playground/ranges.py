"""Axis values written the way grid tools write them (A1111's X/Y/Z plot):

- a list: ``0, 1, 2.5`` (commas or spaces);
- a range with a step: ``0-8 (+2)`` -> 0, 2, 4, 6, 8 (the end is included when the steps reach it);
- a range with a count: ``0-8 [5]`` -> 5 evenly spaced values from 0 to 8, ends included;
- one value: ``3``.
"""

from __future__ import annotations

import math
import re

from playground.i18n import tr

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)"
STEP_RANGE = re.compile(rf"^\s*({NUMBER})\s*-\s*({NUMBER})\s*\(\s*\+\s*({NUMBER})\s*\)\s*$")
COUNT_RANGE = re.compile(rf"^\s*({NUMBER})\s*-\s*({NUMBER})\s*\[\s*(\d+)\s*\]\s*$")


def _forms() -> str:
    return tr("a list like '0, 1, 2.5', a range with a step like '0-8 (+2)', or a range with a count like '0-8 [5]'")


class RangeError(ValueError):
    """A string that is none of the accepted forms; the message lists them."""


def parse_values(text: str, max_values: int = 64) -> list[float]:
    """``text`` in one of the forms above -> the values, in order. Raises RangeError."""
    if not isinstance(text, str) or not text.strip():
        raise RangeError(tr("Give the values as {forms}.", forms=_forms()))
    if m := STEP_RANGE.match(text):
        start, end, step = (float(g) for g in m.groups())
        if step <= 0:
            raise RangeError(tr("The step in {text!r} must be positive. Use {forms}.", text=text, forms=_forms()))
        if end < start:
            raise RangeError(tr("The range {text!r} must go up (start ≤ end). Use {forms}.", text=text, forms=_forms()))
        n = math.floor((end - start) / step + 1e-9) + 1
        _check_count(n, max_values, text)
        return [_tidy(start + i * step) for i in range(n)]
    if m := COUNT_RANGE.match(text):
        start, end, count = float(m.group(1)), float(m.group(2)), int(m.group(3))
        if count < 1:
            raise RangeError(tr("The count in {text!r} must be at least 1. Use {forms}.", text=text, forms=_forms()))
        _check_count(count, max_values, text)
        if count == 1:
            return [_tidy(start)]
        return [_tidy(start + i * (end - start) / (count - 1)) for i in range(count)]
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if not all(re.fullmatch(NUMBER, p) for p in parts):
        raise RangeError(tr("Could not read {text!r}. Use {forms}.", text=text, forms=_forms()))
    _check_count(len(parts), max_values, text)
    return [_tidy(float(p)) for p in parts]


def _check_count(n: int, max_values: int, text: str) -> None:
    if n > max_values:
        raise RangeError(
            tr(
                "{text!r} gives {n} values; at most {max_values} are allowed here.",
                text=text,
                n=n,
                max_values=max_values,
            )
        )


def _tidy(x: float) -> float:
    """0.30000000000000004 -> 0.3, so labels and comparisons read as typed."""
    return round(x, 10) + 0.0
