"""Diffusion sampling speed: ``python -m benchmarks.diffusion_speed``.

Side by side in one run, interleaved, on the shipped model, DDIM-50, 16 samples with guidance
(one forward pass of 32 images per step):
1. the step-streaming sampler (``sample_progressive``, copying x_t, x̂₀ and ε̂ to the CPU every
   step) against a plain diffusers loop (``scheduler.step`` in a for-loop, nothing recorded);
2. the same plain loop in fp32 instead of bf16 autocast;
3. the tab's handler (``diffusion_reverse``: streaming plus the pictures, film strip and GIF).
Medians over ``--repeats`` runs; this machine is noisy.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from benchmarks.summary import record
from benchmarks.timing import interleaved_medians
from models.samplers import guided_model_fn, make_scheduler, sample_progressive

RESULTS = Path(__file__).resolve().parent / "results"


def plain_loop(model, labels, scale, noise, steps, autocast=True):
    """What a diffusers user writes: no records, no copies."""
    scheduler = make_scheduler("DDIM", model.scheduler_config())
    scheduler.set_timesteps(steps)
    both = torch.cat([labels, torch.full_like(labels, model.null_class)])
    x = noise
    with torch.inference_mode():
        for t in scheduler.timesteps:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
                eps = model(torch.cat([x, x]), t, both).float()
            cond, uncond = eps.chunk(2)
            x = scheduler.step(uncond + scale * (cond - uncond), t, x).prev_sample
    return x


def streaming(model, labels, scale, noise, steps):
    eps_fn = guided_model_fn(model, labels, scale)
    for rec in sample_progressive(eps_fn, make_scheduler("DDIM", model.scheduler_config()), noise, steps):
        last = rec
    return last.x_prev


def handler(steps):
    from playground.diffusion_handlers import diffusion_reverse

    return list(diffusion_reverse("DDIM", steps, 0.0, "3", 2.0, 0, 16, False))[-1]


def run(repeats: int = 5, steps: int = 50) -> str:
    from models.registry import load_model

    model = load_model("diffusion", device="cpu")
    labels = torch.arange(16) % 10
    noise = torch.randn(16, 1, 32, 32, generator=torch.Generator().manual_seed(0))
    variants = {
        "plain diffusers loop (bf16 autocast)": lambda: plain_loop(model, labels, 2.0, noise, steps),
        "step-streaming sampler (bf16 autocast)": lambda: streaming(model, labels, 2.0, noise, steps),
        "plain diffusers loop (fp32)": lambda: plain_loop(model, labels, 2.0, noise, steps, autocast=False),
        "tab handler `diffusion_reverse` (streaming + pictures + GIF)": lambda: handler(steps),
    }
    med = interleaved_medians(variants, repeats)
    base = med["plain diffusers loop (bf16 autocast)"]
    rows = [f"| {k} | {v:.2f} | {v / base:.3f} |" for k, v in med.items()]
    streamed = torch.allclose(
        variants["plain diffusers loop (bf16 autocast)"](),
        variants["step-streaming sampler (bf16 autocast)"](),
        atol=1e-4,
    )
    cmd = "python -m benchmarks.diffusion_speed"
    stream = med["step-streaming sampler (bf16 autocast)"]
    record("Diffusion", f"DDIM-{steps} x 16 guided samples, tab handler", f"{med[list(med)[-1]]:.2f} s", "≤ 3 s", cmd)
    record("Diffusion", "streaming sampler / plain diffusers loop", f"{stream / base:.3f}x", "≤ 1.05x", cmd)
    return (
        f"DDIM-{steps}, 16 samples with guidance (32 images per forward pass), {torch.get_num_threads()} threads, "
        f"median of {repeats} interleaved runs.\n\n| variant | seconds | ratio to plain loop |\n|---|---|---|\n"
        + "\n".join(rows)
        + f"\n\nStreaming and plain loop give the same samples: {streamed}.\n"
    )


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.diffusion_speed", description=__doc__)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--out", default=str(RESULTS / "diffusion_speed.md"))
    args = p.parse_args(argv)
    table = run(args.repeats, args.steps)
    print(table)
    Path(args.out).write_text("Measured by `python -m benchmarks.diffusion_speed`.\n\n" + table)


if __name__ == "__main__":
    main()
