"""The finished runs the GAN lab shows at once (``/gan_recorded``): every preset at its own length
(``PRESET_STEPS``), seed 0, with its refinement steps, trained by the lab's own ``train_streamed``.
``python -m scripts.record_runs [preset ...]`` -> ``assets/runs/gan/<preset>.safetensors``; one thread,
so a rerun on the same machine writes the same run. Resumable: a preset whose file exists is skipped
(``--force`` redoes it)."""

from __future__ import annotations

import argparse
import time

import torch

from models.compute import cpu_flags, cpu_name
from models.gan2d_record import save_run
from models.gan2d_run import GAN2DRun
from playground.tabs.gan import handlers as gan


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
    save_run(run, path, about)
    return run, path, seconds


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m scripts.record_runs", description=__doc__.split("\n")[0])
    p.add_argument("presets", nargs="*", help="preset names (default: all)")
    p.add_argument("--force", action="store_true", help="redo presets whose file exists")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    for name in args.presets or list(gan.PRESETS):
        if gan.recorded_path(name).exists() and not args.force:
            print(f"{name}: kept {gan.recorded_path(name).name}", flush=True)
            continue
        run, path, seconds = record(name)
        m = run.latest_metrics()
        print(f"{name}: {run.steps} steps in {seconds:.0f} s -> {path.name} ({path.stat().st_size / 1e6:.2f} MB); "
              f"modes {m.get('modes')}, refined {m.get('refined_modes')}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
