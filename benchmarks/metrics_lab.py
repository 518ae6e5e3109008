"""What each measure notices: ``python -m benchmarks.metrics_lab``.

Every break of the metrics lab (``models.measure.metrics_lab``) at a few amounts, 500 samples each (50 for
"fewer samples"), measured against 1,000 training digits beside the unbroken 500 held-out digits;
writes ``benchmarks/results/metrics_lab.md``.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.summary import record
from models.core.registry import load_model
from models.measure.metrics_lab import Break, baseline, lab

RESULTS = Path(__file__).resolve().parent / "results"
COMMAND = "python -m benchmarks.metrics_lab"
BREAKS = (
    Break("drop classes", 5, 500),
    Break("drop classes", 8, 500),
    Break("blur", 0.5, 500),
    Break("blur", 1.0, 500),
    Break("add noise", 0.05, 500),
    Break("add noise", 0.1, 500),
    Break("copies of training digits", 0, 500),
    Break("fewer samples", 0, 50),
    Break("fewer samples", 0, 100),
)
KEYS = (
    "fid",
    "fid_mean_term",
    "fid_covariance_term",
    "kid",
    "inception_score",
    "precision",
    "recall",
    "density",
    "coverage",
    "classes_covered",
)


def main() -> None:
    from benchmarks.machine import describe

    evaluator = load_model("evaluator")
    head = "| set | n | " + " | ".join(KEYS) + " |\n|---|---|" + "---|" * len(KEYS) + "\n"
    rows = ["| held-out digits (unbroken) | 500 | " + " | ".join(f"{baseline(evaluator)[k]:.2f}" for k in KEYS) + " |"]
    for b in BREAKS:
        m = lab(evaluator, b)["broken"]
        amount = "" if b.kind in ("copies of training digits", "fewer samples") else f" {b.amount:g}"
        rows.append(f"| {b.kind}{amount} | {b.n} | " + " | ".join(f"{m[k]:.2f}" for k in KEYS) + " |")
        record(
            "Metrics lab",
            f"{b.kind}{amount} (n = {b.n}): precision / recall / FID / KID",
            f"{m['precision']:.2f} / {m['recall']:.2f} / {m['fid']:.1f} / {m['kid']:.2f}",
            "",
            COMMAND,
        )
    text = f"Measured by `{COMMAND}`. Machine: {describe()}\n\n" + head + "\n".join(rows) + "\n"
    (RESULTS / "metrics_lab.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
