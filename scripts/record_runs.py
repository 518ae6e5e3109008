"""What the app shows at once instead of computing for minutes, made by the app's own code:

- the GAN lab's finished runs (``/gan_recorded``): every preset at its own length (``PRESET_STEPS``), seed 0,
  with its refinement steps, trained by the lab's ``train_streamed`` -> ``assets/runs/gan/<preset>.safetensors``;
- recorded results (``playground.recorded``): the guidance tab's trade-off grid (``/cfg_recorded``) and
  DDPM-1000 beside DDIM-50 (``/diffusion_compare_recorded``), in English and Chinese -> ``assets/runs/results/``.

``python -m scripts.record_runs [name ...]`` (a preset or a recording's name; default: all). GAN runs use one
thread, so a rerun on the same machine writes the same run. Resumable: what exists is kept (``--force``
redoes it)."""

from __future__ import annotations

import argparse
import time

import torch

from benchmarks.machine import describe
from models.core.compute import cpu_flags, cpu_name
from models.gan.gan2d_record import save_run
from models.gan.gan2d_run import GAN2DRun
from playground import recorded
from playground.replay import evenly_spaced
from playground.tabs.gan import handlers as gan

# 51 snapshots keep a 16,000-step run's replay (one every ~320 steps) in about 0.7 MB; the curves keep every step.
KEPT_SNAPSHOTS = 51


def record(name: str, steps: int | None = None, path=None):
    """Train preset ``name`` as the lab does and write it; ``steps``: its own length unless given."""
    steps = steps or gan.PRESET_STEPS[name]
    path = path or gan.recorded_path(name)
    t0 = time.perf_counter()
    run = GAN2DRun(gan.preset_config(name), refine_steps=gan.PRESET_REFINE[name])
    for _ in gan.train_streamed(run, steps):
        pass
    seconds = time.perf_counter() - t0
    machine = f"{cpu_name()} [{', '.join(cpu_flags())}], 1 thread"
    about = {"machine": machine, "seconds": round(seconds, 1), "command": "python -m scripts.record_runs"}
    save_run(run, path, about, keep=evenly_spaced(len(run.snapshots), KEPT_SNAPSHOTS))
    return run, path, seconds


def recordings() -> dict:
    from playground.tabs.cfg.handlers import TRADE_OFF
    from playground.tabs.diffusion.handlers import SAMPLERS_COMPARED

    return {r.name: r for r in (TRADE_OFF, SAMPLERS_COMPARED)}


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m scripts.record_runs", description=__doc__.split("\n")[0])
    p.add_argument("names", nargs="*", help="presets or recordings (default: all)")
    p.add_argument("--force", action="store_true", help="redo what exists")
    args = p.parse_args(argv)
    from models.core.registry import configure

    configure("cpu")
    results = recordings()
    for name in [n for n in args.names or results if n in results]:
        rec = results[name]
        if recorded.available(rec) and not args.force:
            print(f"{name}: kept", flush=True)
            continue
        folder = recorded.record(rec, {"machine": describe(), "command": "python -m scripts.record_runs"})
        print(f"{name}: {recorded.about(rec)['seconds']:.0f} s -> {folder}", flush=True)
    torch.set_num_threads(1)
    for name in [n for n in args.names or gan.PRESETS if n in gan.PRESETS]:
        if gan.recorded_path(name).exists() and not args.force:
            print(f"{name}: kept {gan.recorded_path(name).name}", flush=True)
            continue
        run, path, seconds = record(name)
        m = run.latest_metrics()
        print(
            f"{name}: {run.steps} steps in {seconds:.0f} s -> {path.name} ({path.stat().st_size / 1e6:.2f} MB); "
            f"modes {m.get('modes')}, refined {m.get('refined_modes')}",
            flush=True,
        )


if __name__ == "__main__":
    main()
