"""Classifier-free guidance: ``python -m benchmarks.cfg``.

1. The trade-off over w = 0, 1, 2, 3, 5, 8 (DDIM-25, the grid's default): the evaluator's class
   accuracy and the within-class diversity (mean pairwise distance of the evaluator's 128-D
   features among samples of one class at one scale), from ``--seeds`` samples per class and scale;
   the same seeds (same starting noises) for every scale.
2. Speed: a 10 classes x 6 scales grid at DDIM-25 (one seed per cell), through the tab's handler
   path (``grid_samples``); and the same grid with the conditional and unconditional predictions in
   one batched forward pass against two separate passes, interleaved. Medians of ``--repeats``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch

from benchmarks.summary import record
from benchmarks.timing import interleaved_medians
from models.guidance_grid import GridSpec, grid_samples, seed_noise, tradeoff
from models.samplers import guided_model_fn, make_scheduler, sample

COMMAND = "python -m benchmarks.cfg"
RESULTS = Path(__file__).resolve().parent / "results"
SCALES = (0.0, 1.0, 2.0, 3.0, 5.0, 8.0)


def measure_tradeoff(model, evaluator, seeds: int, steps: int = 25) -> str:
    spec = GridSpec(tuple(range(10)), SCALES, tuple(range(1000, 1000 + seeds)), steps)
    t0 = time.perf_counter()
    m = tradeoff(evaluator, grid_samples(model, spec), spec.labels, model.null_class)
    seconds = time.perf_counter() - t0
    record("Guidance", "class accuracy at w = " + " / ".join(f"{w:g}" for w in SCALES),
           " / ".join(f"{100 * a:.0f}%" for a in m["accuracy"]), "rises with w", COMMAND)  # fmt: skip
    record("Guidance", "within-class diversity at the same w", " / ".join(f"{d:.2f}" for d in m["diversity"]),
           "falls with w", COMMAND)  # fmt: skip
    head = "| w | " + " | ".join(f"{w:g}" for w in SCALES) + " |\n|---|" + "---|" * len(SCALES) + "\n"
    return (
        f"DDIM-{steps}, {10 * seeds} samples per scale ({seeds} per class, the same noises at every scale); "
        f"{seconds:.0f} s in all.\n\n" + head
        + "| class accuracy | " + " | ".join(f"{100 * a:.1f}%" for a in m["accuracy"]) + " |\n"
        + "| within-class diversity | " + " | ".join(f"{d:.2f}" for d in m["diversity"]) + " |\n"
    )  # fmt: skip


def _grid_two_ways(model, batched: bool, steps: int = 25) -> torch.Tensor:
    labels = torch.arange(10).repeat_interleave(len(SCALES))
    scales = torch.tensor(SCALES).repeat(10)
    noise = seed_noise((0,)).expand(len(labels), 1, 32, 32)
    fn = guided_model_fn(model, labels, scales, batched=batched)
    return sample(fn, make_scheduler("DDIM", model.scheduler_config()), noise, steps)


def measure_speed(model, repeats: int) -> str:
    spec = GridSpec(tuple(range(10)), SCALES, (0,), 25)
    variants = {
        "10 x 6 grid, DDIM-25, tab path (`grid_samples`)": lambda: grid_samples(model, spec),
        "same grid, cond + uncond in one batched pass": lambda: _grid_two_ways(model, True),
        "same grid, cond and uncond as two passes": lambda: _grid_two_ways(model, False),
    }
    med = interleaved_medians(variants, repeats)
    rows = [f"| {k} | {v:.2f} |" for k, v in med.items()]
    record("Guidance", "10 x 6 grid, DDIM-25", f"{med[list(med)[0]]:.1f} s", "≤ 8 s", COMMAND)
    ratio = med["same grid, cond and uncond as two passes"] / med["same grid, cond + uncond in one batched pass"]
    return (
        f"{torch.get_num_threads()} threads, bf16 autocast, median of {repeats} interleaved runs.\n\n"
        "| what | seconds |\n|---|---|\n" + "\n".join(rows)
        + f"\n\nTwo passes / one batched pass: **{ratio:.2f}x**.\n"
    )  # fmt: skip


def main(argv=None) -> None:
    from models.registry import load_model

    p = argparse.ArgumentParser(prog="python -m benchmarks.cfg", description=__doc__)
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", default=str(RESULTS / "cfg.md"))
    args = p.parse_args(argv)
    model, evaluator = load_model("diffusion", device="cpu"), load_model("evaluator", device="cpu")
    text = "## Trade-off\n\n" + measure_tradeoff(model, evaluator, args.seeds)
    print(text, flush=True)
    speed = "\n## Speed\n\n" + measure_speed(model, args.repeats)
    print(speed)
    Path(args.out).write_text("Measured by `python -m benchmarks.cfg`.\n\n" + text + speed)


if __name__ == "__main__":
    main()
