"""One command per shipped model: ``python -m models.train <name>`` (or ``accelerate launch -m models.train <name>``
on a GPU: the loops run through ``models.core.training``).

The names and their trainers come from the registry's table (``models.core.registry.KINDS``: each kind's trainer
module lists the models it trains in ``NAMES``). Each run is seeded, resumable, writes ``assets/<name>.safetensors``
and ``.json`` and records its measured metrics in ``assets/manifest.json``. ``python -m models.train all`` trains
them in the table's order (a model after those its training reads: the evaluator first).
"""

from __future__ import annotations

import argparse
import sys

import torch

from models.core.registry import trainers


def main(argv: list[str] | None = None) -> int:
    by_name = trainers()
    parser = argparse.ArgumentParser(prog="python -m models.train", description=__doc__)
    parser.add_argument("target", choices=[*by_name, "all"])
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    for name in list(by_name) if args.target == "all" else [args.target]:
        by_name[name].main(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
