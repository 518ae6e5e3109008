"""Load: ``python -m benchmarks.load [--clients 8] [--seconds 60] [--rounds 2]``.

Starts ``python app.py`` and lets N simulated visitors (one ``gradio_client.Client`` each, so one
session and one ``gr.State`` each) use every tab at once for a fixed time, each cycling through the
endpoints in its own order with its own seed. Reports:
- failed requests (must be none) and cross-talk: every visitor's results must be its own — seeded
  outputs equal what the same visitor got alone before the load, and its GAN run counts exactly its
  own training steps;
- latency per endpoint (median, 95th percentile, max) under that load;
- the app's resident memory before the first round and after each, so growth per request shows
  (after the last round it must be within 10% of after the first).
``/diffusion_compare`` (1,000 DDPM steps, ~30 s a call on CPU) is left out: one call would hold
one of the two heavy slots for the whole round.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks.summary import record

RESULTS = Path(__file__).resolve().parent / "results"
GAN_KNOBS = ["ring8", "nonsaturating", False, 0, 1, False, 0, 1, 1e-3, 1e-3, 0, 128, 3, 2, 256]


def _pixels(path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), np.int16)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal pictures (a grey level of slack for CPU kernels' float rounding)."""
    return a.shape == b.shape and int(np.abs(a - b).max()) <= 2


@dataclasses.dataclass
class Call:
    visitor: int
    endpoint: str
    seconds: float
    error: str = ""  # a failed request or a result that is not this visitor's


UNSEEDED = ("/gan_train", "/diffusion_2d")  # actions that keep no reference picture


class Visitor:
    """One person at the app: a client, a seed, and the results they got alone (for cross-talk)."""

    def __init__(self, url: str, index: int, drawing: Path, actions_each: int | None = None):
        """actions_each: None, every action, starting at the visitor's own place in the list; a
        number k, only k of them, from place ``index * k`` on (so n visitors share the actions out,
        each action used by about n * k / 12 visitors at once: the test's short version)."""
        from gradio_client import handle_file

        from benchmarks.app_process import local_client
        from models.diffusion.control.figures import PRESETS
        from playground.tabs.controlnet.handlers import ANGLES

        self.client, self.i = local_client(url), index
        layer = handle_file(str(drawing))
        self.drawing = {"background": None, "layers": [layer], "composite": layer}
        self.angles = [getattr(PRESETS["waving"], n) for n in ANGLES]
        self.gan_steps = 100 + 20 * index  # each visitor's own run length: another's would show in the count
        self.reference: dict[str, np.ndarray] = {}
        actions = [
            ("/vae_decode", self.vae_decode),
            ("/vae_sample", self.vae_sample),
            ("/vae_encode", self.vae_encode),
            ("/gan_train", self.gan_train),
            ("/gan_snapshot", self.gan_snapshot),
            ("/diffusion_forward", self.diffusion_forward),
            ("/diffusion_reverse", self.diffusion_reverse),
            ("/diffusion_2d", self.diffusion_2d),
            ("/cfg_grid", self.cfg_grid),
            ("/cfg_mechanics", self.cfg_mechanics),
            ("/controlnet_edge", self.controlnet_edge),
            ("/controlnet_pose", self.controlnet_pose),
        ]
        if actions_each is None:
            k = index % len(actions)
            self.actions: list[tuple[str, Callable[[], None]]] = actions[k:] + actions[:k]
        else:
            k = index * actions_each
            self.actions = [actions[(k + j) % len(actions)] for j in range(min(actions_each, len(actions)))]
        # the seeded actions, which record a reference result (the GAN run checks its own step count)
        self.seeded = sum(name not in UNSEEDED for name, _ in self.actions)

    def _check(self, key: str, path) -> None:
        """The first result is the reference; later ones must equal it (seeded: same input, same output)."""
        got = _pixels(path)
        if key not in self.reference:
            self.reference[key] = got
        elif not _same(self.reference[key], got):
            raise AssertionError(f"{key}: visitor {self.i} got a different picture for the same seeded request")

    def predict(self, *args, api_name: str):
        return self.client.predict(*args, api_name=api_name)

    def vae_decode(self):
        digit, _ = self.predict("vae2", f"{(self.i - 4) / 2:.2f}, 0.5", "latent plane", api_name="/vae_decode")
        self._check("vae_decode", digit)

    def vae_sample(self):
        out = self.predict("vae16", "PCA", 1.0, self.i, api_name="/vae_sample")
        self._check("vae_sample", out[-2])  # sliders, z text, then the decoded image

    def vae_encode(self):
        out = self.predict("vae16", self.drawing, 4, self.i, api_name="/vae_encode")
        self._check("vae_encode", out[1])

    def gan_train(self):
        knobs = [*GAN_KNOBS, self.i]
        self.predict(*knobs, [], None, api_name="/gan_reset")
        first = self.predict(*knobs, self.gan_steps, [], None, api_name="/gan_train")[2]
        second = self.predict(*knobs, self.gan_steps, [], None, api_name="/gan_train")[2]
        want = (f"step {self.gan_steps:,}**", f"step {2 * self.gan_steps:,}**")
        if not (want[0] in first and want[1] in second):
            raise AssertionError(f"GAN run of visitor {self.i}: expected {want}, got {first[:40]!r}, {second[:40]!r}")

    def gan_snapshot(self):
        out = self.predict("vanilla (collapsing)", "1000", self.i, api_name="/gan_snapshot")
        self._check("gan_snapshot", out[0])

    def diffusion_forward(self):
        out = self.predict(
            "test digit", self.i, "camera", None, None, "cosine", 1000, 500, self.i, api_name="/diffusion_forward"
        )
        self._check("diffusion_forward", out[0])

    def diffusion_reverse(self):
        out = self.predict("DDIM", 10, 0, str(self.i), 2, self.i, 2, False, api_name="/diffusion_reverse")
        self._check("diffusion_reverse", out[4])  # the film strip

    def diffusion_2d(self):
        self.predict("ring8", self.i, api_name="/diffusion_2d")

    def cfg_grid(self):
        out = self.predict(["3", "7"], "0, 2", str(self.i), 10, "DDIM", "none", "", 0, 0, api_name="/cfg_grid")
        self._check("cfg_grid", out[0])

    def cfg_mechanics(self):
        out = self.predict("3", 3, self.i, 10, 2, 0, api_name="/cfg_mechanics")
        self._check("cfg_mechanics", out[0])

    def controlnet_edge(self):
        out = self.predict(
            "test digit",
            self.i,
            "camera",
            None,
            None,
            "Canny",
            0.1,
            0.2,
            "figure",
            2,
            1,
            0,
            1,
            5,
            self.i,
            api_name="/controlnet_edge",
        )
        self._check("controlnet_edge", out[1])  # the strip over scales

    def controlnet_pose(self):
        out = self.predict(
            "angles", "custom", "", "figure", 2, 1, 0, 1, 5, self.i, *self.angles, api_name="/controlnet_pose"
        )
        self._check("controlnet_pose", out[1])

    def warm_up(self) -> None:
        """Each action once: loads the models and records this visitor's reference results."""
        for _, action in self.actions:
            action()

    def run_until(self, deadline: float, calls: list[Call], min_calls: int = 0) -> None:
        """Calls this visitor's actions in turn until the deadline, and at least ``min_calls`` times."""
        k = 0
        while k < min_calls or time.perf_counter() < deadline:
            endpoint, action = self.actions[k % len(self.actions)]
            t0 = time.perf_counter()
            try:
                action()
                error = ""
            except Exception as e:  # noqa: BLE001 - every failure is recorded and reported
                error = f"{type(e).__name__}: {str(e)[:200]}"
            calls.append(Call(self.i, endpoint, time.perf_counter() - t0, error))
            k += 1


def drawing_file(folder: Path) -> Path:
    """A hand-drawn-like '3' as an RGBA layer (black strokes on transparency), the sketchpad's format."""
    from PIL import ImageDraw

    im = Image.new("RGBA", (280, 280), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.arc((80, 40, 200, 140), 200, 90, fill=(0, 0, 0, 255), width=18)
    d.arc((80, 130, 200, 240), 270, 160, fill=(0, 0, 0, 255), width=18)
    path = folder / "three.png"
    im.save(path)
    return path


def load_round(visitors: list[Visitor], seconds: float, min_calls: int = 0) -> list[Call]:
    """All visitors at once for ``seconds``, each making at least ``min_calls`` calls (a round that
    does not depend on the machine's speed: the test's short round uses it)."""
    calls: list[Call] = []
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=v.run_until, args=(deadline, calls, min_calls)) for v in visitors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return calls


def make_visitors(url: str, n: int, folder: Path, actions_each: int | None = None) -> list[Visitor]:
    """n visitors, warmed up all at once (each of its actions once); ``actions_each``: see ``Visitor``."""
    drawing = drawing_file(folder)
    visitors = [Visitor(url, i, drawing, actions_each) for i in range(n)]
    # All at once: a reference that another visitor's request had crossed into would not match the
    # same visitor's later results either, so the check holds without a quiet warm-up.
    threads = [threading.Thread(target=v.warm_up) for v in visitors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if not all(len(v.reference) == v.seeded for v in visitors):  # one per seeded action
        raise RuntimeError("a visitor's warm-up failed: see the exception above")
    return visitors


def latency_table(calls: list[Call]) -> str:
    lines = ["| endpoint | calls | failed | median s | p95 s | max s |", "|---|---|---|---|---|---|"]
    for ep in sorted({c.endpoint for c in calls}):
        t = np.array([c.seconds for c in calls if c.endpoint == ep])
        failed = sum(1 for c in calls if c.endpoint == ep and c.error)
        stats = f"{np.median(t):.2f} | {np.percentile(t, 95):.2f} | {t.max():.2f}"
        lines.append(f"| `{ep}` | {len(t)} | {failed} | {stats} |")
    t = np.array([c.seconds for c in calls])
    lines.append(
        f"| all | {len(t)} | {sum(1 for c in calls if c.error)} | {np.median(t):.2f} | "
        f"{np.percentile(t, 95):.2f} | {t.max():.2f} |"
    )
    return "\n".join(lines)


def main(argv=None) -> None:
    import argparse
    import tempfile

    from benchmarks.app_process import rss_mib, running_app
    from benchmarks.machine import describe

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--rounds", type=int, default=2)
    a = p.parse_args(argv)
    log = Path(tempfile.gettempdir()) / "playground_load_app.log"
    print(f"app log: {log}", flush=True)
    with running_app(log_path=log) as app, tempfile.TemporaryDirectory() as tmp:
        visitors = make_visitors(app.url, a.clients, Path(tmp))
        time.sleep(3)
        memory = [rss_mib(app.pid)]
        rounds = []
        for r in range(a.rounds):
            rounds.append(load_round(visitors, a.seconds))
            time.sleep(3)
            memory.append(rss_mib(app.pid))
            print(f"round {r + 1}: {len(rounds[-1])} calls, memory {memory[-1]:.0f} MiB", flush=True)
    calls = [c for r in rounds for c in r]
    failures = [c for c in calls if c.error]
    growth = memory[-1] / memory[1] - 1
    text = "\n".join(
        [
            f"Machine: {describe()}",
            "",
            f"{a.clients} visitors at once for {a.seconds:.0f} s, {a.rounds} rounds, every tab's endpoints; "
            f"{len(calls)} requests, **{len(failures)} failed or crossed**.",
            "",
            latency_table(calls),
            "",
            "| app memory (RSS) | MiB |",
            "|---|---|",
            f"| after warm-up (each visitor's calls once) | {memory[0]:.0f} |",
            *[f"| after round {k} | {m:.0f} |" for k, m in enumerate(memory[1:], 1)],
            f"| growth from round 1 to round {a.rounds} | {100 * growth:+.1f}% (limit +10%) |",
        ]
    )
    if failures:
        text += "\n\nFailures:\n" + "\n".join(f"- visitor {c.visitor} {c.endpoint}: {c.error}" for c in failures[:20])
    cmd = "python -m benchmarks.load"
    p95 = np.percentile([c.seconds for c in calls], 95)
    record(
        "Load",
        f"{a.clients} visitors x {a.seconds:.0f} s x {a.rounds} rounds: failed or crossed requests",
        f"{len(failures)} of {len(calls)}",
        "0",
        cmd,
    )
    record(
        "Load",
        "latency under that load, median / p95 / max (all endpoints)",
        f"{np.median([c.seconds for c in calls]):.1f} / {p95:.1f} / {max(c.seconds for c in calls):.1f} s",
        "",
        cmd,
    )
    record("Load", "app memory growth from round 1 to the last", f"{100 * growth:+.1f}%", "≤ +10%", cmd)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.md").write_text(text + "\n")
    print(text)
    if failures or growth > 0.10:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
