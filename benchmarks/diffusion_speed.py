"""Diffusion sampling speed: ``python -m benchmarks.diffusion_speed``.

Side by side in one run, interleaved, on the shipped model, DDIM-50, 16 samples with guidance
(one forward pass of 32 images per step):
1. a plain diffusers loop (``benchmarks.reference``: a for-loop over ``scheduler.step``, nothing
   recorded) in fp32, and in bf16 autocast where the CPU has bf16 units;
2. the step-streaming sampler (``sample_progressive``, copying x_t, x̂₀ and ε̂ to the CPU every
   step) in the precision the app chose (``models.core.compute``);
3. the tab's handler (``diffusion_reverse``: streaming plus the pictures, film strip and GIF), and
   the reverse tab's default (8 samples) — the same choice.
The goal is the tab's handler within 1.1x of the plain loop in fp32 where fp32 is chosen, and no
slower than that loop in bf16 where bf16 is. Each row also gives the physical limit: the loop's
GFLOP and the fraction of this machine's measured matmul peak it reaches. Medians over ``--repeats``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from benchmarks.reference import loop_gflop, peak_note, plain_loop
from benchmarks.summary import record
from benchmarks.timing import interleaved_medians
from models.core import compute
from models.diffusion.samplers import guided_model_fn, make_scheduler, sample_progressive

RESULTS = Path(__file__).resolve().parent / "results"


def streaming(model, labels, scale, noise, steps):
    eps_fn = guided_model_fn(model, labels, scale)
    for rec in sample_progressive(eps_fn, make_scheduler("DDIM", model.scheduler_config()), noise, steps):
        last = rec
    return last.x_prev


def handler(steps, n=16):
    from playground.tabs.diffusion.handlers import diffusion_reverse

    return list(diffusion_reverse("DDIM", steps, 0.0, "3", 2.0, 0, n, False))[-1]


def run(repeats: int = 5, steps: int = 50) -> str:
    from models.core.registry import load_model

    model = load_model("diffusion")
    labels = torch.arange(16) % 10
    scales = torch.full((16,), 2.0)
    noise = torch.randn(16, 1, 32, 32, generator=torch.Generator().manual_seed(0))
    chosen = compute.compute_plan("cpu").precision
    variants = {"plain diffusers loop, fp32": lambda: plain_loop(model, labels, scales, noise, steps, "fp32")}
    if compute.native_bf16(torch.device("cpu")):
        variants["plain diffusers loop, bf16"] = lambda: plain_loop(model, labels, scales, noise, steps, "bf16")
    variants |= {
        f"step-streaming sampler ({chosen}, the app's choice)": lambda: streaming(model, labels, 2.0, noise, steps),
        f"tab handler `diffusion_reverse`, 16 samples ({chosen})": lambda: handler(steps),
        f"tab handler `diffusion_reverse`, 8 samples, the tab's default ({chosen})": lambda: handler(steps, 8),
    }
    med = interleaved_medians(variants, repeats)
    work = loop_gflop(model, labels, scales, noise, steps)
    half = loop_gflop(model, labels[:8], scales[:8], noise[:8], steps)
    fp32 = med["plain diffusers loop, fp32"]
    rows = []
    for k, v in med.items():
        limit = peak_note(half if "8 samples" in k else work, v, "bf16" if "bf16" in k else "fp32")
        rows.append(f"| {k} | {v:.2f} | {v / fp32:.2f} | {limit} |")
    same = f"plain diffusers loop, {chosen}"
    tab = med[f"tab handler `diffusion_reverse`, 16 samples ({chosen})"]
    tab8 = med[f"tab handler `diffusion_reverse`, 8 samples, the tab's default ({chosen})"]
    stream = med[f"step-streaming sampler ({chosen}, the app's choice)"]
    cmd = "python -m benchmarks.diffusion_speed"
    record(
        "Diffusion",
        f"DDIM-{steps} x 16 guided samples, tab handler ({chosen})",
        f"{tab:.2f} s ({tab / fp32:.2f}x a plain fp32 loop, {tab / med[same]:.2f}x a plain {chosen} loop)",
        "≤ 1.1x a plain fp32 loop",
        cmd,
    )
    record("Diffusion", f"reverse tab's default: DDIM-{steps} x 8 samples ({chosen})", f"{tab8:.2f} s", "≤ 5 s", cmd)
    record(
        "Diffusion",
        "streaming sampler / plain diffusers loop, same precision",
        f"{stream / med[same]:.3f}x",
        "≤ 1.05x",
        cmd,
    )
    return (
        f"DDIM-{steps}, guided samples (two images per sample per forward pass), {torch.get_num_threads()} threads, "
        f"median of {repeats} interleaved runs.\n\n| variant | seconds | ratio to plain fp32 loop | physical limit |\n"
        "|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.diffusion_speed", description=__doc__)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--out", default=str(RESULTS / "diffusion_speed.md"))
    args = p.parse_args(argv)
    from benchmarks.machine import describe

    table = f"Machine: {describe()}\n\n" + run(args.repeats, args.steps)
    print(table)
    Path(args.out).write_text("Measured by `python -m benchmarks.diffusion_speed`.\n\n" + table)


if __name__ == "__main__":
    main()
