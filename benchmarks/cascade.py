"""The cascade, measured: ``python -m benchmarks.cascade [--only levels compare] [--n N]``.

- levels: the augmented upsampler on the same ``--n`` base samples (16 x 16, DDIM-50, w = 2) at
  each noise level s of ``LEVELS``: digits-FID, precision, recall and class accuracy at 32 x 32.
- compare: at the chosen level, the cascade against the single-stage 32 x 32 model at the same
  FLOPs and at DDIM-50, the upsampler trained without augmentation, bicubic and the transposed-
  convolution baseline on the same base samples, and both upsamplers on the true 16 x 16 of held-out
  digits (the input they were trained on: the gap to the row above is the base model's artefacts).

FLOPs per sample are counted by ``models.diffusion.cascade.model.step_flops``. Writes
``assets/results/cascade.json`` (the fast tab reads it) and ``benchmarks/results/cascade.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch

from models.core.results import result_path

RESULTS = Path(__file__).resolve().parent / "results"
JSON = result_path("cascade.json")  # what the fast tab shows, beside the assets
LEVELS = (0, 25, 50, 100, 150, 250, 350)
BASE_STEPS, UP_STEPS = 50, 25
CHOSEN_LEVEL = 150  # the app's default: the lowest digits-FID of the levels sweep (n = 200)
SECTIONS = ("levels", "compare")


class Bench:
    """The models, the held-out reference features, the labels and the base samples, loaded once."""

    def __init__(self, n: int):
        from models.core.data import balanced_labels, digit_split
        from models.core.registry import load_model
        from models.diffusion.cascade.model import base_samples, step_flops
        from models.measure.metrics import features

        self.models = {
            k: load_model(k)
            for k in ("base16", "upsampler", "upsampler_noaug", "upsampler_tconv", "diffusion", "evaluator")
        }
        self.reference = features(self.models["evaluator"], digit_split().x_test).numpy()
        self.labels = balanced_labels(n)
        t0 = time.perf_counter()
        self.low = base_samples(self.models["base16"], self.labels, BASE_STEPS, seed=0)
        self.base_seconds = time.perf_counter() - t0
        m = self.models
        self.flops = step_flops(m["base16"].cfg, m["upsampler"].cfg, m["diffusion"].cfg)

    def measure(self, name: str, x32: torch.Tensor, seconds: float, flops: float, **extra) -> dict:
        """x32: (n, 1, 32, 32) in about [-1, 1], measured as the evaluator sees digits (28 x 28)."""
        from models.diffusion.model import to_digit_space
        from models.measure.metrics import measure_samples

        m = measure_samples(self.models["evaluator"], to_digit_space(x32), self.reference, self.labels)
        row = {
            "row": name,
            **extra,
            "n": len(self.labels),
            "seconds": round(seconds, 1),
            "gflops_per_sample": round(flops / 1e9, 2),
            **{k: round(float(m[k]), 4) for k in ("fid", "precision", "recall", "class_accuracy")},
        }
        print(row, flush=True)
        return row

    def cascade_cost(self) -> float:
        return BASE_STEPS * self.flops["base"] + UP_STEPS * self.flops["upsampler"]

    def upsampled(self, name: str, low: torch.Tensor, level: int, **extra) -> dict:
        from models.diffusion.cascade.model import upsample

        t0 = time.perf_counter()
        x = upsample(self.models[name], low, level, UP_STEPS, seed=1)
        return self.measure(
            f"{name} s={level}",
            x,
            self.base_seconds + time.perf_counter() - t0,
            self.cascade_cost(),
            level=level,
            **extra,
        )


def levels(b: Bench) -> list[dict]:
    return [b.upsampled("upsampler", b.low, s) for s in LEVELS]


def _single_stage(b: Bench, steps: int) -> dict:
    from models.diffusion.model import to_model_space
    from models.diffusion.samplers import diffusion_samples

    t0 = time.perf_counter()
    x = to_model_space(diffusion_samples(b.models["diffusion"], b.labels, 2.0, "DDIM", steps, seed=0))
    return b.measure(f"single-stage 32x32 DDIM-{steps}", x, time.perf_counter() - t0, steps * b.flops["pixel"])


def compare(b: Bench) -> list[dict]:
    from models.core.data import digit_split
    from models.diffusion.cascade.model import to_low_res, upsample_bicubic
    from models.diffusion.model import to_model_space

    equal = round(b.cascade_cost() / b.flops["pixel"])
    rows = [_single_stage(b, equal), _single_stage(b, 50)]
    rows.append(b.upsampled("upsampler", b.low, CHOSEN_LEVEL, input="base samples"))
    rows.append(b.upsampled("upsampler_noaug", b.low, 0, input="base samples"))
    base_cost = BASE_STEPS * b.flops["base"]
    rows.append(b.measure("bicubic", upsample_bicubic(b.low), b.base_seconds, base_cost))
    with torch.inference_mode():
        tconv = b.models["upsampler_tconv"](b.low)
    rows.append(b.measure("transposed conv", tconv, b.base_seconds, base_cost))
    real = to_low_res(to_model_space(digit_split().x_test[_balanced_test(b.labels)]))
    rows.append(b.upsampled("upsampler", real, CHOSEN_LEVEL, input="true 16x16"))
    rows.append(b.upsampled("upsampler_noaug", real, 0, input="true 16x16"))
    return rows


def _balanced_test(labels: torch.Tensor) -> torch.Tensor:
    """Indices of held-out digits with the classes of ``labels`` (the test set is 50 per class in order)."""
    count = torch.zeros(10, dtype=torch.long)
    out = []
    for y in labels.tolist():
        out.append(50 * y + int(count[y]) % 50)
        count[y] += 1
    return torch.tensor(out)


def record_summary(res: dict, sections) -> None:
    from benchmarks.summary import record

    if "compare" not in sections:
        return
    rows = {r["row"] + r.get("input", ""): r for r in res["compare"]}
    aug = rows[f"upsampler s={CHOSEN_LEVEL}base samples"]
    noaug = rows["upsampler_noaug s=0base samples"]
    single = res["compare"][0]
    cmd = "python -m benchmarks.cascade"
    record(
        "Cascade",
        f"digits-FID, cascade (s = {CHOSEN_LEVEL}) vs no augmentation (n = {aug['n']})",
        f"{aug['fid']:.2f} vs {noaug['fid']:.2f}",
        "augmentation helps",
        cmd,
    )
    record(
        "Cascade",
        f"digits-FID, cascade vs {single['row']} (same FLOPs)",
        f"{aug['fid']:.2f} vs {single['fid']:.2f}",
        "",
        cmd,
    )
    _manifest(rows)


def _manifest(rows: dict) -> None:
    """The model card's numbers: each shipped stage's row of the comparison."""
    from models.core.assets import update_metrics

    def m(r):
        return {
            "n": r["n"],
            "fid": r["fid"],
            "recall": r["recall"],
            "class_accuracy": r["class_accuracy"],
            "measured_by": "python -m benchmarks.cascade",
        }

    update_metrics(
        "upsampler",
        {
            "noise_level": CHOSEN_LEVEL,
            **m(rows[f"upsampler s={CHOSEN_LEVEL}base samples"]),
            "true_low_res": m(rows[f"upsampler s={CHOSEN_LEVEL}true 16x16"]),
        },
    )
    update_metrics(
        "upsampler_noaug",
        {**m(rows["upsampler_noaug s=0base samples"]), "true_low_res": m(rows["upsampler_noaug s=0true 16x16"])},
    )
    update_metrics("upsampler_tconv", m(rows["transposed conv"]))
    update_metrics("base16", {"bicubic": m(rows["bicubic"])})


def markdown(res: dict, machine: str) -> str:
    out = [
        f"Machine: {machine}",
        "",
        f"Base: 16x16 DDIM-{BASE_STEPS}, w = 2; upsampler: DDIM-{UP_STEPS}. "
        "GFLOPs per sample of the whole generation; seconds for all n.",
        "",
    ]
    for section in SECTIONS:
        if section not in res:
            continue
        out += [
            f"## {section}",
            "",
            "| row | input | n | GFLOPs | FID | precision | recall | accuracy | s |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        out += [
            f"| {r['row']} | {r.get('input', '')} | {r['n']} | {r['gflops_per_sample']} | {r['fid']:.2f} | "
            f"{r['precision']:.3f} | {r['recall']:.3f} | {r['class_accuracy']:.1%} | {r['seconds']} |"
            for r in res[section]
        ]
        out.append("")
    return "\n".join(out)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.cascade", description=__doc__)
    p.add_argument("--only", nargs="*", choices=SECTIONS, help="sections (default: all)")
    p.add_argument("--n", type=int, default=200, help="samples per row")
    args = p.parse_args(argv)
    from benchmarks.sections import SectionResults
    from models.core.registry import configure

    configure("cpu")
    res = SectionResults(JSON)
    b = Bench(args.n)
    for name in args.only or SECTIONS:
        res.save(name, levels(b) if name == "levels" else compare(b))
    res.finish(args.only or SECTIONS, record_summary, markdown)


if __name__ == "__main__":
    main()
