"""Measure the shipped digits diffusion model: ``python -m models.diffusion.eval_diffusion``.

1. Guidance sweep (DDIM-50, ``--sweep`` samples per scale, an equal number per class): class
   accuracy by the evaluator, to pick the recommended scale.
2. At the recommended scale: class accuracy over 1,000 DDIM-50 samples (100 per class).
3. digits-FID against the 500 held-out digits for DDPM-1000, DDIM-50 and DDIM-10, each over the
   same ``--fid-n`` starting noises and labels, beside the FID of as many real training digits
   (FID from a few hundred samples is biased upwards, equally for all, so compare them with each
   other, not with other papers). DDPM-1000 is the slow part: 1,000 steps of 2 x 200 images.

Writes the numbers into the manifest entry (``metrics``) and a table to
``benchmarks/results/diffusion_quality.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import torch

from models.core.assets import ROOT, update_metrics
from models.core.data import balanced_labels, digit_split
from models.diffusion.samplers import diffusion_samples as generate
from models.measure.metrics import class_accuracy, digits_fid

RESULTS = ROOT / "benchmarks" / "results"


def main(argv: list[str] | None = None) -> int:
    from models.core.registry import load_model

    p = argparse.ArgumentParser(prog="python -m models.diffusion.eval_diffusion", description=__doc__)
    p.add_argument("--scales", default="1,2,3,5", help="guidance scales for the sweep")
    p.add_argument("--sweep", type=int, default=100, help="samples per scale in the sweep")
    p.add_argument("--scale", type=float, default=None, help="recommended scale (default: best of the sweep)")
    p.add_argument("--acc-n", type=int, default=1000)
    p.add_argument("--fid-n", type=int, default=200)
    p.add_argument("--skip-ddpm", action="store_true")
    args = p.parse_args(argv)
    model = load_model("diffusion", device="cpu")
    evaluator = load_model("evaluator", device="cpu")
    x_test = digit_split().x_test
    metrics, rows = {}, []

    sweep = {}
    for w in [float(s) for s in args.scales.split(",")]:
        t0 = time.time()
        labels = balanced_labels(args.sweep)
        x = generate(model, labels, w, "DDIM", 50, seed=100)
        sweep[w] = round(class_accuracy(evaluator, x, labels), 4)
        print(f"sweep w={w}: accuracy {sweep[w]:.3f} ({time.time() - t0:.0f}s)", flush=True)
    metrics["guidance_sweep_ddim50_accuracy"] = {str(k): v for k, v in sweep.items()}
    scale = (
        args.scale if args.scale is not None else min(w for w, a in sweep.items() if a >= max(sweep.values()) - 0.005)
    )
    metrics["recommended_guidance"] = scale

    # The clip_sample pitfall, on this model: the same samples with x̂₀ clipped to [-1, 1] inside
    # each DDIM step (diffusers' default) and without.
    clip = {}
    labels = balanced_labels(args.sweep)
    for w in (1.0, 3.0):
        for on in (False, True):
            x = generate(model, labels, w, "DDIM", 50, seed=100, clip_sample=on)
            clip[f"w{w:g}_clip_{'on' if on else 'off'}"] = round(class_accuracy(evaluator, x, labels), 4)
    metrics["clip_sample_probe_ddim50_accuracy"] = clip
    print(f"clip probe: {clip}", flush=True)

    labels = balanced_labels(args.acc_n)
    t0 = time.time()
    x = generate(model, labels, scale, "DDIM", 50, seed=0)
    acc = class_accuracy(evaluator, x, labels)
    metrics["ddim50_accuracy"] = round(acc, 4)
    metrics["ddim50_accuracy_n"] = args.acc_n
    rows.append(f"| class accuracy, DDIM-50, w = {scale:g} | {acc:.1%} | {args.acc_n} | {time.time() - t0:.0f} s |")
    print(rows[-1], flush=True)

    fid = {}
    # The floor at this sample size: real training digits against the held-out ones.
    real = digit_split().x_train[torch.randperm(4500, generator=torch.Generator().manual_seed(0))[: args.fid_n]]
    fid["real_train_digits"] = round(digits_fid(evaluator, real, x_test), 2)
    rows.append(
        f"| digits-FID, real training digits (the floor at this n) | {fid['real_train_digits']} | {args.fid_n} | – |"
    )
    print(rows[-1], flush=True)
    labels = balanced_labels(args.fid_n)
    runs = [("DDIM", 10), ("DDIM", 50)] + ([] if args.skip_ddpm else [("DDPM", 1000)])
    for sampler, steps in runs:
        t0 = time.time()
        x = generate(model, labels, scale, sampler, steps, seed=1)
        key = f"{sampler.lower()}{steps}"
        fid[key] = round(digits_fid(evaluator, x, x_test), 2)
        a = class_accuracy(evaluator, x, labels)
        rows.append(
            f"| digits-FID, {sampler}-{steps}, w = {scale:g} | {fid[key]} (accuracy {a:.1%}) | {args.fid_n} "
            f"| {time.time() - t0:.0f} s |"
        )
        print(rows[-1], flush=True)
    metrics["fid"] = fid
    metrics["fid_n"] = args.fid_n
    if "ddpm1000" in fid:
        metrics["fid_ddim50_over_ddpm1000"] = round(fid["ddim50"] / fid["ddpm1000"], 3)
    update_metrics("diffusion", metrics)
    RESULTS.mkdir(exist_ok=True)
    table = "| measure | value | samples | time |\n|---|---|---|---|\n" + "\n".join(rows)
    sweep_table = "| w | " + " | ".join(f"{k:g}" for k in sweep) + " |\n|---|" + "---|" * len(sweep) + "\n"
    sweep_table += "| accuracy (DDIM-50) | " + " | ".join(f"{v:.1%}" for v in sweep.values()) + " |"
    clip_table = "| w | clip x̂₀ off | clip x̂₀ on |\n|---|---|---|\n" + "\n".join(
        f"| {w:g} | {clip[f'w{w:g}_clip_off']:.1%} | {clip[f'w{w:g}_clip_on']:.1%} |" for w in (1.0, 3.0)
    )
    (RESULTS / "diffusion_quality.md").write_text(
        f"Measured by `python -m models.diffusion.eval_diffusion` on 2 CPU cores.\n\n{table}\n\nGuidance sweep "
        f"({args.sweep} samples per scale):\n\n{sweep_table}\n\nclip_sample probe (DDIM-50, {args.sweep} samples, "
        f"class accuracy):\n\n{clip_table}\n"
    )
    print(json.dumps(metrics, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
