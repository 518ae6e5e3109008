"""The seam every family plugs into: any shipped model asked for n digits the same way.

    gen = GENERATORS["diffusion DDIM-50"]
    x = gen.sample(n, seed)          # (n, 1, 28, 28) in [0, 1], the same for the same seed
    gen.evaluations                  # network evaluations per sample (the trilemma's cost axis)

A family joins by naming its ``seam`` module in its kind's row of ``models.core.registry.KINDS`` (its
``generators()`` makes the rows, ``models.core.seam.Generator``); whatever compares the families (metrics, the
trilemma) reads ``GENERATORS`` and needs no change.
"""

from __future__ import annotations

import importlib

from models.core.registry import KINDS
from models.core.seam import Generator, ms_per_sample

__all__ = ["GENERATORS", "Generator", "ms_per_sample", "shipped_generators"]


def shipped_generators() -> dict[str, Generator]:
    """Every generator the shipped weights make, by name, in the kinds' order."""
    rows = [
        g for kind in KINDS.values() if kind.generators for g in importlib.import_module(kind.generators).generators()
    ]
    return {g.name: g for g in rows}


GENERATORS = shipped_generators()
