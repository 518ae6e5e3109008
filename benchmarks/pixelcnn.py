"""The autoregressive models, measured: ``python -m benchmarks.pixelcnn``.

- likelihood: held-out NLL (nats per digit) of both PixelCNNs and the image transformer on the 500
  test digits, binarized (``models.core.data.binarize``), with their class and without; the same on 500 training digits
  (every 9th, 50 a class: the gap); beside them the VAEs' importance-weighted bound (k = ``--k``)
  on the same binary digits.
- samples: the evaluator's accuracy on ``--n`` conditional samples (balanced classes) per model and
  temperature, and classes covered by as many unconditional ones.
- speed: ms per pixel step (the network on the rows that can reach the current one, and on all 28)
  at batches 1, 4 and 16; seconds for a batch of 16 digits; a streamed 4-digit generation through
  the tab's handler, with its page updates per second.
- ambiguous: the test digits whose top 14 rows the gated model completes both ways (3 or 8, 4 or 9),
  for the tab's guided tour.

Writes ``benchmarks/results/pixelcnn.json`` and ``pixelcnn.md``; records the held-out numbers in the
models' manifest entries and headline rows in the summary.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.summary import record
from models.autoregressive.pixelcnn import (
    NULL_CLASS,
    RECOMMENDED_GUIDANCE,
    RECOMMENDED_TEMPERATURE,
    SIDE,
    nll,
    sample,
    sample_progressive,
)
from models.core.assets import update_metrics
from models.core.data import binarize, digit_split
from models.core.registry import load_model
from models.measure.metrics import class_accuracy, class_histogram

RESULTS = Path(__file__).resolve().parent / "results"
JSON = RESULTS / "pixelcnn.json"
COMMAND = "python -m benchmarks.pixelcnn"
ALL_MODELS = {"gated": "pixelcnn_gated", "plain": "pixelcnn_plain", "transformer": "transformer_ar"}
MODELS = dict(ALL_MODELS)  # --models narrows it (one model can be measured while the other trains)
VAES = ("vae2", "vae16", "vae16_beta4")
PAIRS = ((3, 8), (4, 9))


@torch.inference_mode()
def likelihood(k: int) -> dict:
    from models.vae.model import importance_weighted_bound

    s = digit_split()
    x_test, x_train = binarize(s.x_test), binarize(s.x_train[::9])  # every 9th: 50 of each class
    # What stochastic binarization (pixel = 1 with probability g, the anchor's data) would add: the
    # pixels' Bernoulli entropies, nats of pure noise per digit that no model can predict.
    g = s.x_test.double().clamp(1e-12, 1 - 1e-12)
    noise = float((-(g * g.log() + (1 - g) * (1 - g).log())).flatten(1).sum(1).mean())
    out = {"stochastic_binarization_noise_nats": noise}
    for short, name in MODELS.items():
        m = load_model(name, device="cpu")
        none = torch.full_like(s.y_test, NULL_CLASS)
        out[short] = {
            "test_nll_nats": float(nll(m, x_test, s.y_test).mean()),
            "test_nll_unconditional_nats": float(nll(m, x_test, none).mean()),
            "train_nll_nats": float(nll(m, x_train, s.y_train[::9]).mean()),
            "train_nll_unconditional_nats": float(nll(m, x_train, none).mean()),
        }
        update_metrics(name, {key: round(v, 2) for key, v in out[short].items()})
    for name in VAES:
        vae = load_model(name, device="cpu")
        bound = importance_weighted_bound(vae, x_test, k, torch.Generator().manual_seed(0))
        elbo = importance_weighted_bound(vae, x_test, 1, torch.Generator().manual_seed(0))
        out[name] = {"test_nll_bound_nats": float(-bound.mean()), "test_neg_elbo_nats": float(-elbo.mean()), "k": k}
        update_metrics(name, {"test_nll_binarized_iwae_nats": round(float(-bound.mean()), 2), "iwae_k": k})
    return out


@torch.inference_mode()
def samples(n: int, settings: list[tuple[float, float]], seed: int = 0) -> dict:
    """Per model and (temperature, guidance): the evaluator's accuracy, precision and recall (its
    features against the 500 held-out digits, as the trilemma measures them) on n conditional samples
    (balanced classes) from ``seed``, and the classes n unconditional ones (from seed + 1) cover
    (T only: guidance needs a class)."""
    from models.measure.metrics import measure_samples

    evaluator = load_model("evaluator", device="cpu")
    labels = torch.arange(n) % 10
    out = {}
    for short, name in MODELS.items():
        m = load_model(name, device="cpu")
        free = {}  # unconditional samples per temperature (guidance needs a class)
        for t, w in settings:
            t0 = time.perf_counter()
            x = sample(m, labels, t, seed=seed, guidance=w)
            seconds = time.perf_counter() - t0
            if t not in free:
                free[t] = class_histogram(evaluator, sample(m, torch.full((n,), NULL_CLASS), t, seed=seed + 1))
            counts, entropy = free[t]
            key = f"{short} T={t:g} w={w:g}"
            quality = measure_samples(evaluator, x, digit_split().x_test, labels)
            out[key] = {
                "class_accuracy": class_accuracy(evaluator, x, labels),
                "precision": quality["precision"],
                "recall": quality["recall"],
                "seed": seed,
                "unconditional_classes_covered": int((counts > 0).sum()),
                "unconditional_class_entropy": float(entropy),
                "seconds": seconds,
                "n": n,
            }
            print(key, out[key], flush=True)
            if (t, w) == (RECOMMENDED_TEMPERATURE, RECOMMENDED_GUIDANCE):
                update_metrics(
                    name,
                    {
                        "class_accuracy": round(out[key]["class_accuracy"], 4),
                        "temperature": t,
                        "guidance": w,
                        "class_accuracy_n": n,
                        "class_accuracy_seed": seed,
                        "precision": round(quality["precision"], 3),
                        "recall": round(quality["recall"], 3),
                    },
                )
    return out


@torch.inference_mode()
def speed() -> dict:
    """Seconds for a batch of digits (guided at the recommended w, so 2 x batch rows a call) on each
    sampling path, and the tab's streamed 4 digits. Keyed by the ISA cap, so an AVX2-only run
    (``ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2``) sits beside the native one."""
    from models.core import compute

    out = {}
    for short, name in MODELS.items():
        m = load_model(name, device="cpu")
        for b in (4, 16):
            labels = torch.arange(b) % 10
            paths = ("fast", "window", "full") if hasattr(m, "row_logits") else ("window", "full")
            if hasattr(m, "kv_step"):  # fast = the KV cache; attention has no window (it is the full pass)
                paths = ("fast", "full")
            out[f"{short} b{b}"] = {}
            for p in paths:  # one run each (a whole digit is 784 calls: its own repeat)
                t0 = time.perf_counter()
                list(sample_progressive(m, labels, 1.0, 0, path=p, guidance=RECOMMENDED_GUIDANCE))
                out[f"{short} b{b}"][f"seconds_{p}"] = time.perf_counter() - t0
            print(short, b, out[f"{short} b{b}"], flush=True)
    if "gated" in MODELS:
        out["stream_4_digits"] = streamed()
    if "transformer" in MODELS:
        out["transformer_stream_16_digits"] = streamed("image transformer", 16)
    return {compute.isa_caps() or "native": out}


def streamed(model: str = "Gated PixelCNN", n: int = 4) -> dict:
    """The tab's /ar_sample handler, n digits: wall time and updates per second as the page sees them."""
    from playground.tabs.ar.handlers import ar_sample

    t0, stamps = time.perf_counter(), []
    for _ in ar_sample(model, "3", RECOMMENDED_TEMPERATURE, RECOMMENDED_GUIDANCE, n, 0):
        stamps.append(time.perf_counter() - t0)
    gaps = np.diff([0.0, *stamps])
    return {
        "seconds": stamps[-1],
        "updates": len(stamps),
        "updates_per_second": len(stamps) / stamps[-1],
        "longest_gap_s": float(gaps.max()),
    }


@torch.inference_mode()
def ambiguous(rows: int = 14, completions: int = 8) -> dict:
    """For each pair (a, b): the test digits of class a or b whose top ``rows`` the gated model
    completes (unconditionally) as a and as b most evenly. -> {"3 or 8": [index, counts], ...}."""
    s = digit_split()
    m, evaluator = load_model("pixelcnn_gated", device="cpu"), load_model("evaluator", device="cpu")
    out = {}
    for a, b in PAIRS:
        idx = torch.nonzero((s.y_test == a) | (s.y_test == b)).flatten()
        x = binarize(s.x_test)[idx].repeat_interleave(completions, 0)
        labels = torch.full((len(x),), NULL_CLASS)
        *_, last = sample_progressive(m, labels, 1.0, seed=0, x=x, start=rows * SIDE)
        read = evaluator(last.x).argmax(1).view(len(idx), completions)
        score = torch.minimum((read == a).sum(1), (read == b).sum(1))
        best = int(score.argmax())
        out[f"{a} or {b}"] = {
            "index": int(idx[best]),
            "label": int(s.y_test[idx[best]]),
            f"as {a}": int((read[best] == a).sum()),
            f"as {b}": int((read[best] == b).sum()),
            "of": completions,
        }
        print(out[f"{a} or {b}"], flush=True)
    return out


def report(results: dict, machine: str) -> str:
    lines = [f"Measured by `{COMMAND}`. Machine: {machine}", ""]
    if "likelihood" in results:
        lik = results["likelihood"]
        lines += [
            "| model | held-out −log p(x), nats, class given | unconditional | 500 training digits, given |",
            "|---|---:|---:|---:|",
        ]
        for short in [k for k in ALL_MODELS if k in lik]:
            r = lik[short]
            label = "image transformer" if short == "transformer" else f"PixelCNN ({short})"
            lines.append(
                f"| {label}, exact | {r['test_nll_nats']:.1f} | "
                f"{r['test_nll_unconditional_nats']:.1f} | {r['train_nll_nats']:.1f} |"
            )
        for name in VAES:
            r = lik[name]
            lines.append(
                f"| {name}: importance-weighted bound, k = {r['k']} (−ELBO: {r['test_neg_elbo_nats']:.1f}) | "
                f"– | ≤ {r['test_nll_bound_nats']:.1f} | – |"
            )
        lines += [
            "",
            f"Stochastic binarization (the 81.3-nat anchor's data) would add "
            f"{lik['stochastic_binarization_noise_nats']:.1f} nats of unpredictable noise per held-out digit "
            "(the sum of its pixels' Bernoulli entropies); this app thresholds at half grey instead.",
            "",
        ]
    if "samples" in results:
        lines += [
            "| model, temperature T, guidance w | class accuracy (conditional) | precision / recall | seed, n | "
            "unconditional: classes / entropy |",
            "|---|---:|---:|---:|---:|",
        ]
        for k, r in results["samples"].items():
            pr = f"{r['precision']:.2f} / {r['recall']:.2f}" if "precision" in r else "–"
            free = f"{r['unconditional_classes_covered']} / {r['unconditional_class_entropy']:.2f}"
            lines.append(f"| {k} | {r['class_accuracy']:.1%} | {pr} | {r.get('seed', 0)}, {r['n']} | {free} |")
        lines.append("")
    for caps, sp in results.get("speed", {}).items():
        lines += [
            f"Speed ({'native ISA' if caps == 'native' else f'capped to {caps}'}; guided w = "
            f"{RECOMMENDED_GUIDANCE:g}, so each call runs the class and the null rows): seconds for a batch",
            "",
            "| model, batch | fast (row cache) | window (14 rows) | full (28 rows) |",
            "|---|---:|---:|---:|",
        ]
        for k, r in sp.items():
            if k.startswith(("gated", "plain", "transformer")):
                cells = [f"{r[f'seconds_{p}']:.1f}" if f"seconds_{p}" in r else "–" for p in ("fast", "window", "full")]
                lines.append(f"| {k} | " + " | ".join(cells) + " |")
        if st := sp.get("stream_4_digits"):
            lines += [
                "",
                f"Streamed 4-digit generation (gated, the tab's handler): {st['seconds']:.1f} s, "
                f"{st['updates_per_second']:.1f} page updates a second (longest gap "
                f"{st['longest_gap_s']:.2f} s).",
                "",
            ]
        if st := sp.get("transformer_stream_16_digits"):
            lines += [
                "",
                f"Streamed 16-digit generation (image transformer, the tab's handler): "
                f"{st['seconds']:.1f} s, {st['updates_per_second']:.1f} page updates a second.",
                "",
            ]
    if "ambiguous" in results:
        found = [f"{k}: test digit #{v['index']} (a {v['label']})" for k, v in results["ambiguous"].items()]
        lines += [
            "",
            "Ambiguous tops (14 rows kept, 8 unconditional completions by the gated model): " + "; ".join(found),
        ]
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog=COMMAND, description=__doc__)
    p.add_argument(
        "--only",
        nargs="*",
        default=["likelihood", "samples", "speed", "ambiguous"],
        choices=["likelihood", "samples", "speed", "stream", "ambiguous"],
        help="stream: only the tab's streamed 4 digits (part of speed)",
    )
    p.add_argument("--n", type=int, default=1000, help="samples per model and temperature")
    p.add_argument(
        "--settings",
        nargs="*",
        default=[f"{RECOMMENDED_TEMPERATURE:g},{RECOMMENDED_GUIDANCE:g}", "1,1"],
        help="temperature,guidance pairs; the recommended pair's accuracy goes to the manifest",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the conditional samples (unconditional: seed + 1)")
    p.add_argument("--k", type=int, default=1000, help="importance samples for the VAEs' bound")
    p.add_argument("--models", nargs="*", default=list(ALL_MODELS), choices=list(ALL_MODELS))
    args = p.parse_args(argv)
    MODELS.clear()
    MODELS.update({k: ALL_MODELS[k] for k in args.models})
    from benchmarks.machine import describe

    results = json.loads(JSON.read_text()) if JSON.exists() else {}

    def save():  # after each section: a long run stopped half way keeps what it measured
        JSON.write_text(json.dumps({**results, "machine": describe()}, indent=1) + "\n")

    if "likelihood" in args.only:
        results["likelihood"] = {**results.get("likelihood", {}), **likelihood(args.k)}
        save()
    if "samples" in args.only:
        settings = [tuple(float(v) for v in pair.split(",")) for pair in args.settings]
        results["samples"] = {**results.get("samples", {}), **samples(args.n, settings, args.seed)}
        save()
    if "speed" in args.only:
        results["speed"] = {**results.get("speed", {}), **speed()}  # per ISA cap, and per model within
        save()
    if "stream" in args.only and "speed" not in args.only:
        from models.core.compute import isa_caps

        caps = isa_caps() or "native"
        results.setdefault("speed", {}).setdefault(caps, {})["stream_4_digits"] = streamed()
        save()
    if "ambiguous" in args.only:
        results["ambiguous"] = ambiguous()
    machine = describe()
    results["machine"] = machine
    JSON.write_text(json.dumps(results, indent=1) + "\n")
    text = report(results, machine)
    JSON.with_suffix(".md").write_text(text)
    print(text)
    if "likelihood" in args.only and {"gated", "plain"} <= set(results["likelihood"]):
        lik = results["likelihood"]
        record(
            "PixelCNN",
            "held-out −log p(x), nats (gated / plain; vae16 IWAE bound)",
            f"{lik['gated']['test_nll_nats']:.1f} / {lik['plain']['test_nll_nats']:.1f}; "
            f"≤ {lik['vae16']['test_nll_bound_nats']:.1f}",
            "below the VAE's bound",
            COMMAND,
        )
    from models.core.compute import isa_caps

    if {"speed", "stream"} & set(args.only) and "stream_4_digits" in results["speed"].get(isa_caps() or "native", {}):
        st = results["speed"][isa_caps() or "native"]["stream_4_digits"]
        record(
            "PixelCNN",
            "streamed 4-digit generation",
            f"{st['seconds']:.1f} s, {st['updates_per_second']:.1f} updates/s",
            "≤ 20 s, ≥ 5 updates/s (2 cores, no bf16)",
            COMMAND,
        )


if __name__ == "__main__":
    main()
