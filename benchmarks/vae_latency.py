"""VAE tab latency: ``python -m benchmarks.vae_latency``.

1. the slider handler (decode + latent-map marker), called in-process, vs. the bare decoder forward;
2. ``/vae_decode`` end to end through gradio_client against the running app;
3. the app's cold start: ``python app.py`` to the first 200 of its page.
Medians over many calls (this machine is noisy); p90 beside them.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.summary import record

COMMAND = "python -m benchmarks.vae_latency"
RESULTS = Path(__file__).resolve().parent / "results"


def _times(fn, n: int, warmup: int = 5) -> np.ndarray:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return np.asarray(out) * 1000


def _row(name: str, ms: np.ndarray) -> str:
    return f"| {name} | {np.median(ms):.1f} | {np.percentile(ms, 90):.1f} | {len(ms)} |"


def _in_process_rows(vae, name: str, proj: str, rng, n: int) -> list[str]:
    model = vae.vae_model(name)
    vae.vae_decode(name, [0.0] * model.latent_dim, proj)  # build the cached map first, as the app does at start
    zs = iter(rng.uniform(-2, 2, (n + 10, 16)).tolist())
    z0 = torch.zeros(1, model.latent_dim)

    def bare():
        with torch.inference_mode():
            model.decode(z0)

    handler_ms = _times(lambda: vae.decode_sliders(name, proj, None, *next(zs)), n)
    record(
        "VAE",
        f"slider handler `{name}` (decode + map marker), median",
        f"{np.median(handler_ms):.1f} ms",
        "≤ 20 ms",
        COMMAND,
    )
    return [
        _row(f"slider handler `{name}` (decode + map marker)", handler_ms),
        _row(f"bare decoder forward `{name}`", _times(bare, n)),
    ]


def run(n: int = 200) -> str:
    from benchmarks.app_process import running_app
    from benchmarks.machine import describe
    from models.core.registry import configure
    from playground.tabs.vae import handlers as vae

    configure("cpu")
    rng = np.random.default_rng(0)
    rows = []
    for name, proj in (("vae2", "latent plane"), ("vae16", "UMAP")):
        rows += _in_process_rows(vae, name, proj, rng, n)

    from gradio_client import Client

    with running_app() as (url, cold, _):
        client = Client(url, verbose=False)
        zs = iter(rng.uniform(-2, 2, (60, 2)).tolist())
        e2e = _times(
            lambda: client.predict(
                "vae2", ", ".join(f"{v:.3f}" for v in next(zs)), "latent plane", api_name="/vae_decode"
            ),
            50,
        )
        rows.append(_row("`/vae_decode` through gradio_client (vae2, both images)", e2e))
    starts = [cold]
    for _ in range(2):
        with running_app() as (_, s, _):
            starts.append(s)
    table = "\n".join(
        [
            f"Machine: {describe()}",
            "",
            "| what | median ms | p90 ms | calls |",
            "|---|---|---|---|",
            *rows,
            _row("cold start `python app.py` → first page", 1000 * np.asarray(starts)),
        ]
    )
    record("VAE", "`/vae_decode` through gradio_client, median", f"{np.median(e2e):.0f} ms", "", COMMAND)
    record("VAE", "cold start `python app.py` to first page, median", f"{np.median(starts):.1f} s", "≤ 10 s", COMMAND)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "vae_latency.md").write_text(table + "\n")
    return table


if __name__ == "__main__":
    print(run())
