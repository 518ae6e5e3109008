"""Measurements the app shows, shipped beside the weights they describe: ``assets/results/``.

A benchmark that measures what a tab shows (``python -m benchmarks.trilemma``, ``.fast_sampling``,
``.cascade``) writes its JSON here (``result_path``), and the app reads it back with
``load_result``: one place, found from ``ASSETS_DIR`` (not from the working directory). The
benchmarks' Markdown reports stay in ``benchmarks/results/``: nothing in the app reads them.

    load_result("trilemma")         -> the dict of assets/results/trilemma.json, or None if not shipped
    result_path("trilemma_grids")   -> a file or folder a result names (its sample grids)
"""

from __future__ import annotations

import json
from pathlib import Path

from models.core.assets import ASSETS_DIR

RESULTS_DIR = ASSETS_DIR / "results"


def result_path(name: str) -> Path:
    """assets/results/<name>: a result's JSON (with its ``.json``) or a file it names."""
    return RESULTS_DIR / name


def load_result(name: str) -> dict | None:
    """The shipped result ``name`` (no ``.json``), or None when it was not measured and shipped."""
    path = result_path(f"{name}.json")
    return json.loads(path.read_text()) if path.exists() else None
