"""The generative trilemma, measured: ``python -m benchmarks.trilemma``.

Every generator of the seam (``models.generators.GENERATORS``): ``--n`` samples from fixed seeds,
measured against the 500 held-out digits by the evaluator's features — quality (precision, FID and
its terms, KID, IS), coverage (recall, coverage, classes covered, class entropy), cost (network
evaluations per sample, and ms per sample on this machine for a batch of 16, median of 3), and
likelihood where the family has one, from the manifest, on the binarized held-out digits
(``models.core.data.binarize``; ``python -m benchmarks.pixelcnn`` measures it): exact for the
autoregressive models, the importance-weighted bound for the VAEs. Also the same measures for
``--n`` real training digits (the ceiling a perfect generator reaches at this sample size: FID from
samples is biased upwards).

Writes ``assets/results/trilemma.json`` (the home tab reads it: it opens in a second) and
``trilemma.md``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.summary import record
from models.core.data import balanced_labels, digit_split
from models.core.registry import load_model, model_info
from models.core.results import result_path
from models.generators import GENERATORS, Generator, ms_per_sample
from models.measure.metrics import measure_samples

RESULTS = Path(__file__).resolve().parent / "results"  # the Markdown report
JSON = result_path("trilemma.json")  # what the home tab shows, beside the assets
GRIDS = result_path("trilemma_grids")
COMMAND = "python -m benchmarks.trilemma"


LIKELIHOOD_NOTE = (
    "−log p(x) in nats per binarized held-out digit: exact for the PixelCNNs, the importance-weighted "
    "bound (k = 1,000) for the VAEs, the dequantization bound of the flow's binary twin "
    "(flow_binary)"
)
# The grey-level flow's likelihood is of 8-bit digits; on the binarized digits its twin trained on them answers.
LIKELIHOOD_FROM = {"flow_digits": "flow_binary"}


def likelihood_nats(gen: Generator) -> float | None:
    """−log p(x) per binarized held-out digit in nats where the family defines one."""
    metrics = model_info(LIKELIHOOD_FROM.get(gen.model, gen.model)).get("metrics", {})
    value = metrics.get("test_nll_nats", metrics.get("test_nll_binarized_iwae_nats"))
    return None if value is None else float(value)


def grid_path(name: str) -> Path:
    """Where the home tab finds a generator's shipped sample grid."""
    slug = "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_")
    return GRIDS / f"{slug}.png"


def save_grid(name: str, x: torch.Tensor) -> None:
    """The first 32 samples as a 4 x 8 grid (28 px a digit), shipped beside the numbers."""
    from PIL import Image

    tiles = (x[:32, 0].numpy() * 255).round().astype(np.uint8).reshape(4, 8, 28, 28)
    GRIDS.mkdir(parents=True, exist_ok=True)
    Image.fromarray(tiles.transpose(0, 2, 1, 3).reshape(4 * 28, 8 * 28)).save(grid_path(name))


def measure(gen: Generator, n: int, seed: int = 0) -> dict:
    evaluator, split = load_model("evaluator"), digit_split()
    t0 = time.perf_counter()
    x = gen.sample(n, seed)
    seconds = time.perf_counter() - t0
    labels = balanced_labels(n) if gen.conditional else None
    row = measure_samples(evaluator, x, split.x_test, labels)
    save_grid(gen.name, x[:32])
    return {
        "name": gen.name,
        "family": gen.family,
        "evaluations": gen.evaluations,
        "n": n,
        "ms_per_sample": ms_per_sample(gen),
        "generate_seconds": seconds,
        "nll_nats": likelihood_nats(gen),
        "grid": grid_path(gen.name).name,
        **row,
    }


def real_digits(n: int, seed: int = 0) -> dict:
    split = digit_split()
    idx = torch.randperm(len(split.x_train), generator=torch.Generator().manual_seed(seed))[:n]
    row = measure_samples(load_model("evaluator"), split.x_train[idx], split.x_test)
    return {
        "name": f"real training digits (n = {n})",
        "family": "data",
        "evaluations": 0,
        "n": n,
        "ms_per_sample": None,
        "nll_nats": None,
        **row,
    }


def table(rows: list[dict]) -> str:
    def f(v, fmt):
        return "–" if v is None else format(v, fmt)

    lines = [
        "| generator | family | evaluations / sample | ms / sample | precision | recall | FID (mean + cov.) | "
        "KID | classes covered | class acc. | −log p(x) nats |",
        "|---|" + "---|" * 10,
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['family']} | {r['evaluations']} | {f(r['ms_per_sample'], '.2f')} | "
            f"{r['precision']:.2f} | {r['recall']:.2f} | {r['fid']:.1f} ({r['fid_mean_term']:.1f} + "
            f"{r['fid_covariance_term']:.1f}) | {r['kid']:.2f} | {r['classes_covered']} | "
            f"{f(r.get('class_accuracy'), '.0%')} | {f(r['nll_nats'], '.1f')} |"
        )
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog=COMMAND, description=__doc__)
    p.add_argument("--n", type=int, default=1000, help="samples per generator")
    p.add_argument("--only", nargs="*", help="generator names (default: all)")
    p.add_argument("--out", default=str(JSON))
    p.add_argument(
        "--speed-only",
        action="store_true",
        help="re-measure only the ms per sample of --only's generators (on a quiet machine)",
    )
    args = p.parse_args(argv)
    from benchmarks.machine import describe

    # DDPM-1000 at 1,000 samples is ~45 min of CPU; it is measured only when named in --only.
    names = args.only or [n for n, g in GENERATORS.items() if g.evaluations <= 100]
    out = Path(args.out)
    previous = json.loads(out.read_text())["rows"] if out.exists() else []
    rows = {r["name"]: r for r in previous}
    if not args.speed_only:
        rows["real"] = real_digits(args.n)
    for name in names:
        print(f"measuring {name} ...", flush=True)
        if args.speed_only:
            rows[name]["ms_per_sample"] = ms_per_sample(GENERATORS[name])
        else:
            rows[name] = measure(GENERATORS[name], args.n)
    ordered = [rows[k] for k in [*GENERATORS, "real"] if k in rows]
    machine = describe()
    for r in ordered:  # the likelihoods can change without re-sampling (benchmarks.pixelcnn writes them)
        if r["name"] in GENERATORS:
            r["nll_nats"] = likelihood_nats(GENERATORS[r["name"]])
    out.write_text(
        json.dumps({"machine": machine, "command": COMMAND, "likelihood": LIKELIHOOD_NOTE, "rows": ordered}, indent=1)
        + "\n"
    )
    text = f"Measured by `{COMMAND}`. Machine: {machine}\n\n" + table(ordered)
    (RESULTS / "trilemma.md").write_text(text)
    print(text)
    for r in ordered:  # the rows measured now, labelled with this machine
        if r["family"] != "data" and r["name"] in names:
            record(
                "Trilemma",
                f"{r['name']}: precision / recall / FID / ms per sample",
                f"{r['precision']:.2f} / {r['recall']:.2f} / {r['fid']:.1f} / {r['ms_per_sample']:.1f} ms",
                "",
                COMMAND,
            )


if __name__ == "__main__":
    main()
