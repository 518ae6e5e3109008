"""One table of every benchmark's headline numbers: ``python -m benchmarks.summary`` renders it.

Each benchmark calls ``record`` for its headline results when it runs (``python -m benchmarks``
runs them all); the rows are kept in ``results/summary.json`` with the machine and date of the run
that measured them, and rendered to ``results/summary.md``, the table ``docs/benchmarks.md`` shows.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SUMMARY_JSON = RESULTS / "summary.json"
SUMMARY_MD = RESULTS / "summary.md"
ORDER = [
    "Trilemma",
    "Metrics lab",
    "PixelCNN",
    "VAE",
    "GAN lab",
    "Kernels",
    "Concurrency",
    "Diffusion",
    "Guidance",
    "Latent diffusion",
    "ControlNet",
    "Load",
    "Bad input",
]


def record(benchmark: str, measure: str, result: str, goal: str = "", command: str = "") -> None:
    """Keep one headline number (replacing the previous value of the same benchmark/measure on the
    same machine: a speed measured on another CPU is another row)."""
    from benchmarks.machine import describe

    rows = json.loads(SUMMARY_JSON.read_text()) if SUMMARY_JSON.exists() else {}
    rows[f"{benchmark}|{measure}|{describe()}"] = {
        "benchmark": benchmark,
        "measure": measure,
        "result": result,
        "goal": goal,
        "command": command,
        "machine": describe(),
        "date": datetime.date.today().isoformat(),
    }
    RESULTS.mkdir(exist_ok=True)
    SUMMARY_JSON.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")


def render() -> str:
    rows = list(json.loads(SUMMARY_JSON.read_text()).values()) if SUMMARY_JSON.exists() else []
    rows.sort(key=lambda r: (ORDER.index(r["benchmark"]) if r["benchmark"] in ORDER else len(ORDER), r["benchmark"]))
    machines = sorted({r["machine"] for r in rows})
    lines = [
        "| benchmark | measure | result | goal | command | measured |",
        "|---|---|---|---|---|---|",
        *[
            f"| {r['benchmark']} | {r['measure']} | {r['result']} | {r['goal']} | `{r['command']}` | {r['date']}"
            + (f" ({machines.index(r['machine']) + 1})" if len(machines) > 1 else "")
            + " |"
            for r in rows
        ],
    ]
    legend = (
        [f"Machine: {machines[0]}"]
        if len(machines) == 1
        else ["Machines:", *[f"({k}) {m}" for k, m in enumerate(machines, 1)]]
    )
    text = "\n".join([*legend, "", *lines]) + "\n"
    SUMMARY_MD.write_text(text)
    return text


if __name__ == "__main__":
    print(render())
