"""Print the model card's table (docs/model-card.md) from ``assets/manifest.json``: ``python -m scripts.model_card``.

Each row's "what" and "measured" come from the trainer of that model (its ``card``), found through the registry's
table, so a new family's row needs no change here.
"""

from __future__ import annotations

import json

from models.core.assets import ASSETS_DIR, read_manifest
from models.core.registry import trainers

HEADER = [
    "| model | what | held-out metrics (500 test digits) | train time (2-core CPU) | files | command |",
    "|---|---|---|---|---|---|",
]


def rows() -> list[str]:
    by_name = trainers()
    out = list(HEADER)
    for name, entry in read_manifest().items():
        config_file = ASSETS_DIR / f"{name}.json"  # a save_pretrained folder keeps its own configs
        cfg = json.loads(config_file.read_text())["config"] if config_file.exists() else {}
        m = entry["metrics"]
        what, metric = by_name[name].card(name, cfg, m)
        size, seconds = sum(entry["files"].values()) / 1e6, m["train_seconds"]
        out.append(f"| `{name}` | {what} | {metric} | {seconds:.0f} s | {size:.1f} MB | `{entry['command']}` |")
    return out


if __name__ == "__main__":
    print("\n".join(rows()))
