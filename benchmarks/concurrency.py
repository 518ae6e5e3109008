"""Two model-running requests at once against one after the other: ``python -m benchmarks.concurrency``.

A request here is the reverse-process tab's work: DDIM-``steps`` for 8 guided samples on the shipped
model, in the chosen precision. Side by side, interleaved, medians over ``--repeats`` rounds:

- one request alone (it gets every core);
- two one after the other (each with every core): when each finishes, and the last;
- two at once sharing the cores (``models.core.compute.sharing_cores``: each gets cores // 2 threads
  while both run, and all of them again once alone) — what the app does;
- two at once, each with every core — what the app did before: torch's threads spin-wait for each
  other, so on 2 cores four threads fight over two.

Each request runs on its own Python thread, as Gradio runs handlers.
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.summary import record
from models.core import compute
from models.diffusion.samplers import guided_model_fn, make_scheduler, sample

RESULTS = Path(__file__).resolve().parent / "results"


def make_request(model, steps: int, n: int = 8):
    labels = torch.arange(n) % 10
    noise = torch.randn(n, 1, 32, 32, generator=torch.Generator().manual_seed(0))

    def request():
        scheduler = make_scheduler("DDIM", model.scheduler_config())
        return sample(guided_model_fn(model, labels, 2.0), scheduler, noise, steps)

    return request


def finish_times(request, starts: int, at_once: bool, share: bool) -> list[float]:
    """Seconds from the start until each of ``starts`` requests finished."""
    cores = compute.usable_cores()
    run = compute.sharing_cores(request) if share else request
    done: list[float] = []
    t0 = time.perf_counter()

    def worker():
        if not share:
            torch.set_num_threads(cores)  # each request takes every core, as torch does by default
        run()
        done.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=worker) for _ in range(starts)]
    if at_once:
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    else:
        for th in threads:
            th.start()
            th.join()
    return sorted(done)


def run(repeats: int = 5, steps: int = 50) -> str:
    from models.core.registry import load_model

    model = load_model("diffusion", device="cpu")
    request = make_request(model, steps)
    variants = {
        "one alone": lambda: finish_times(request, 1, False, True),
        "two one after the other": lambda: finish_times(request, 2, False, True),
        "two at once, sharing the cores (the app)": lambda: finish_times(request, 2, True, True),
        "two at once, each with every core (before)": lambda: finish_times(request, 2, True, False),
    }
    for fn in variants.values():
        fn()  # warm-up
    times = {k: [] for k in variants}
    for _ in range(repeats):
        for k, fn in variants.items():
            times[k].append(fn())
    med = {k: np.median(np.array(v), axis=0) for k, v in times.items()}
    seq_last = med["two one after the other"][-1]
    rows = [f"| {k} | {' / '.join(f'{s:.2f}' for s in v)} | {v[-1] / seq_last:.2f} |" for k, v in med.items()]
    shared = med["two at once, sharing the cores (the app)"]
    cmd = "python -m benchmarks.concurrency"
    record(
        "Concurrency",
        f"two DDIM-{steps} x 8 requests at once: last finishes at (vs one after the other)",
        f"{shared[-1]:.2f} s ({shared[-1] / seq_last:.2f}x)",
        "≤ 1.0x",
        cmd,
    )
    before = med["two at once, each with every core (before)"]
    record(
        "Concurrency",
        "the same two at once, each with every core (before)",
        f"{before[-1]:.2f} s ({before[-1] / seq_last:.2f}x)",
        "",
        cmd,
    )
    plan = compute.compute_plan("cpu")
    return (
        f"DDIM-{steps}, 8 guided samples per request, {compute.usable_cores()} cores, {plan.precision}, "
        f"median of {repeats} interleaved rounds. Seconds from the start until each request finished.\n\n"
        "| scenario | finished at (s) | last / last of two in a row |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.concurrency", description=__doc__)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--out", default=str(RESULTS / "concurrency.md"))
    args = p.parse_args(argv)
    from benchmarks.machine import describe

    table = f"Machine: {describe()}\n\n" + run(args.repeats, args.steps)
    print(table)
    Path(args.out).write_text("Measured by `python -m benchmarks.concurrency`.\n\n" + table)


if __name__ == "__main__":
    main()
