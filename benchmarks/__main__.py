"""Run every benchmark, then write the one summary table: ``python -m benchmarks [--only NAME ...]``.

Each benchmark also writes its own detailed table under ``benchmarks/results/``; the headline
numbers go to ``results/summary.md`` (the table in ``docs/benchmarks.md``) with the machine and date.
All of them take about two hours on a 2-core CPU, most of it the GAN presets' full-length runs and
the ControlNet fidelity; ``--only`` runs a subset and keeps the other rows from their last run.
"""

import argparse

from benchmarks import (
    bad_input,
    cascade,
    cfg,
    concurrency,
    controlnet,
    diffusion_speed,
    fast_sampling,
    flows,
    gan_lab,
    kernels,
    latent,
    load,
    metrics_lab,
    pixelcnn,
    recorded,
    summary,
    trilemma,
    vae_latency,
)

BENCHMARKS = {
    "vae": lambda: print(vae_latency.run()),
    "gan": lambda: print(gan_lab.run()),
    "kernels": lambda: kernels.main([]),
    "metrics-lab": metrics_lab.main,
    "pixelcnn": lambda: pixelcnn.main([]),  # before the trilemma: it writes the likelihoods the trilemma shows
    "flows": lambda: flows.main([]),
    "trilemma": lambda: trilemma.main([]),
    "concurrency": lambda: concurrency.main([]),
    "diffusion": lambda: diffusion_speed.main([]),
    "cfg": lambda: cfg.main([]),
    "latent": lambda: latent.main([]),
    "fast-sampling": lambda: fast_sampling.main([]),  # the curve: ~45 min of one core (run it pinned: its docstring)
    "cascade": lambda: cascade.main([]),
    "controlnet": lambda: controlnet.main([]),
    "load": lambda: load.main([]),
    "recorded": lambda: recorded.main([]),
    "bad-input": bad_input.main,
}

if __name__ == "__main__":
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--only", nargs="*", choices=list(BENCHMARKS), help="run only these (default: all)")
    args = p.parse_args()
    for name in args.only or BENCHMARKS:
        print(f"\n## {name}\n", flush=True)
        BENCHMARKS[name]()
    print("\n## Summary\n")
    print(summary.render())
