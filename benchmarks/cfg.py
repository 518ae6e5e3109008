"""Classifier-free guidance: ``python -m benchmarks.cfg``.

1. The trade-off over w = 0, 1, 2, 3, 5, 8 (DDIM-25, the grid's default): the evaluator's class
   accuracy and the within-class diversity (mean pairwise distance of the evaluator's 128-D
   features among samples of one class at one scale), from ``--seeds`` samples per class and scale,
   drawn through the generator seam (``models.generators``) with the same noises at every scale.
2. Speed: a 10 classes x 6 scales grid at DDIM-25 (one seed per cell), through the tab's handler
   path (``grid_samples``); and the same grid with the conditional and unconditional predictions in
   one batched forward pass against two separate passes, interleaved. Medians of ``--repeats``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.reference import loop_gflop, peak_note, plain_loop
from benchmarks.summary import record
from benchmarks.timing import interleaved_medians
from models.core import compute
from models.diffusion.guidance_grid import GridSpec, grid_samples, mean_pairwise_distance, seed_noise
from models.diffusion.samplers import guided_model_fn, make_scheduler, sample
from models.diffusion.seam import diffusion_generator
from models.measure.metrics import class_accuracy, features

COMMAND = "python -m benchmarks.cfg"
RESULTS = Path(__file__).resolve().parent / "results"
SCALES = (0.0, 1.0, 2.0, 3.0, 5.0, 8.0)


def measure_tradeoff(evaluator, seeds: int, steps: int = 25) -> str:
    """Through the generator seam: at every w the same labels and the same seed, so sample i starts
    from the same x_T at every scale."""
    labels = torch.arange(10).repeat(seeds)
    t0 = time.perf_counter()
    accuracy, diversity = [], []
    for w in SCALES:
        x = diffusion_generator("DDIM", steps, w).sample(len(labels), seed=1000, labels=labels)
        accuracy.append(class_accuracy(evaluator, x, labels))
        f = features(evaluator, x)
        diversity.append(float(np.mean([mean_pairwise_distance(f[labels == c]) for c in range(10)])))
    seconds = time.perf_counter() - t0
    m = {"accuracy": accuracy, "diversity": diversity}
    record(
        "Guidance",
        "class accuracy at w = " + " / ".join(f"{w:g}" for w in SCALES),
        " / ".join(f"{100 * a:.0f}%" for a in m["accuracy"]),
        "rises with w",
        COMMAND,
    )
    record(
        "Guidance",
        "within-class diversity at the same w",
        " / ".join(f"{d:.2f}" for d in m["diversity"]),
        "falls with w",
        COMMAND,
    )
    head = "| w | " + " | ".join(f"{w:g}" for w in SCALES) + " |\n|---|" + "---|" * len(SCALES) + "\n"
    return (
        f"DDIM-{steps}, {10 * seeds} samples per scale ({seeds} per class, the same noises at every scale); "
        f"{seconds:.0f} s in all.\n\n"
        + head
        + "| class accuracy | "
        + " | ".join(f"{100 * a:.1f}%" for a in m["accuracy"])
        + " |\n"
        + "| within-class diversity | "
        + " | ".join(f"{d:.2f}" for d in m["diversity"])
        + " |\n"
    )


def _grid_two_ways(model, batched: bool, steps: int = 25) -> torch.Tensor:
    labels = torch.arange(10).repeat_interleave(len(SCALES))
    scales = torch.tensor(SCALES).repeat(10)
    noise = seed_noise((0,)).expand(len(labels), 1, 32, 32)
    fn = guided_model_fn(model, labels, scales, batched=batched)
    return sample(fn, make_scheduler("DDIM", model.scheduler_config()), noise, steps)


def measure_speed(model, repeats: int) -> str:
    spec = GridSpec(tuple(range(10)), SCALES, (0,), 25)
    chosen = compute.compute_plan("cpu").precision
    labels = torch.arange(10).repeat_interleave(len(SCALES))
    scales = torch.tensor(SCALES).repeat(10)
    noise = seed_noise((0,)).expand(len(labels), 1, 32, 32)
    tab = f"10 x 6 grid, DDIM-25, tab path (`grid_samples`, {chosen})"
    variants = {
        tab: lambda: grid_samples(model, spec),
        "same grid, plain diffusers loop, fp32": lambda: plain_loop(model, labels, scales, noise, 25, "fp32"),
        f"same grid, cond + uncond in one batched pass ({chosen})": lambda: _grid_two_ways(model, True),
        f"same grid, cond and uncond as two passes ({chosen})": lambda: _grid_two_ways(model, False),
    }
    med = interleaved_medians(variants, repeats)
    work = loop_gflop(model, labels, scales, noise, 25)
    fp32 = med["same grid, plain diffusers loop, fp32"]
    rows = [
        f"| {k} | {v:.2f} | {v / fp32:.2f} | {peak_note(work, v, 'fp32' if 'fp32' in k else chosen)} |"
        for k, v in med.items()
    ]
    result = f"{med[tab]:.1f} s ({med[tab] / fp32:.2f}x a plain fp32 loop)"
    record("Guidance", f"10 x 6 grid, DDIM-25 ({chosen})", result, "≤ 8 s; ≤ 1.1x a plain fp32 loop", COMMAND)
    ratio = (
        med[f"same grid, cond and uncond as two passes ({chosen})"]
        / med[f"same grid, cond + uncond in one batched pass ({chosen})"]
    )
    return (
        f"{torch.get_num_threads()} threads, median of {repeats} interleaved runs.\n\n"
        "| what | seconds | ratio to plain fp32 loop | physical limit |\n|---|---|---|---|\n"
        + "\n".join(rows)
        + f"\n\nTwo passes / one batched pass: **{ratio:.2f}x**.\n"
    )


def main(argv=None) -> None:
    from models.core.registry import load_model

    p = argparse.ArgumentParser(prog="python -m benchmarks.cfg", description=__doc__)
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", default=str(RESULTS / "cfg.md"))
    p.add_argument("--speed-only", action="store_true", help="skip the trade-off (another CPU's speed only)")
    p.add_argument("--tradeoff-only", action="store_true", help="skip the speed")
    args = p.parse_args(argv)
    model, evaluator = load_model("diffusion"), load_model("evaluator")
    if args.speed_only:
        from benchmarks.machine import describe

        print(f"Measured by `{COMMAND} --speed-only`. Machine: {describe()}\n\n" + measure_speed(model, args.repeats))
        return
    text = "## Trade-off\n\n" + measure_tradeoff(evaluator, args.seeds)
    print(text, flush=True)
    if args.tradeoff_only:
        (RESULTS / "cfg_tradeoff.md").write_text(f"Measured by `{COMMAND} --tradeoff-only`.\n\n" + text)
        return
    from benchmarks.machine import describe

    speed = f"\n## Speed\n\nMachine: {describe()}\n\n" + measure_speed(model, args.repeats)
    print(speed)
    Path(args.out).write_text("Measured by `python -m benchmarks.cfg`.\n\n" + text + speed)


if __name__ == "__main__":
    main()
