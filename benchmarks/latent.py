"""Latent diffusion, measured: ``python -m benchmarks.latent [--only ae quality speed img2img inpaint negative]``.

- ae: the factor table — per autoencoder: PSNR and the evaluator's accuracy on the 500 held-out
  digits' reconstructions, the compression ratio, the training time (from the manifest).
- quality: the latent model's guidance sweep (100 DDIM-50 samples per w), class accuracy of 1,000
  DDIM-50 samples at the recommended w, and digits-FID / precision / recall against the 500
  held-out digits beside the pixel model's, both over the same ``FID_N`` labels and seeds.
- speed: pixel vs latent in one run, DDIM-50, 16 guided samples: ms per step and per sample
  (decode included), the median of 5 runs each, interleaved; FLOPs per step counted.
- img2img: 100 held-out digits (10 a class), each turned into the class (y + 5) mod 10, at
  strength 0, 0.1, …, 1 (DDIM-50, w = 3, seed 0): faithfulness (mean |Δ| per pixel to the input)
  and the evaluator's p(target) and accuracy — to pick the recommended strength.
- inpaint: the same 100 digits with the bottom half filled as (y + 5) mod 10, latent blending
  and RePaint: accuracy, the kept pixels' largest error, seconds.
- negative: 200 samples each of "any digit, not a 1", "a 7, not a 1" and "a 4, not a 9" at
  w = 3 (DDIM-50), with and without the negative class: how often the negative class is read.

Writes ``benchmarks/results/latent.json`` and ``latent.md``; the measured numbers go into the
``ldm`` manifest entry, headline rows to the summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.summary import record
from models.core.data import balanced_labels, digit_split

RESULTS = Path(__file__).resolve().parent / "results"
JSON = RESULTS / "latent.json"
COMMAND = "python -m benchmarks.latent"
FID_N = 500
STRENGTHS = [round(s, 1) for s in np.linspace(0, 1, 11)]


def _models():
    from models.core.registry import load_model

    ldm = load_model("ldm")
    return ldm, load_model(ldm.cfg.autoencoder), load_model("diffusion"), load_model("evaluator")


def _probs(evaluator, x: torch.Tensor) -> torch.Tensor:
    with torch.inference_mode():
        return torch.softmax(evaluator(x).float(), 1)


def autoencoders() -> list[dict]:
    from models.core.registry import load_model, model_info
    from models.diffusion.latent.train_autoencoder import evaluate_autoencoder

    s = digit_split()
    rows = []
    for f in (2, 4, 8):
        name = f"autoencoder_f{f}"
        m = model_info(name)["metrics"]
        rows.append(
            {
                "factor": f,
                **evaluate_autoencoder(load_model(name), s.x_test, s.y_test),
                "latent_shape": m["latent_shape"],
                "values_ratio": m["values_ratio"],
                "scaling_factor": m["scaling_factor"],
                "parameters": m["parameters"],
                "train_seconds": m["train_seconds"],
            }
        )
        print(rows[-1], flush=True)
    return rows


def quality() -> dict:
    from models.core.registry import model_info
    from models.diffusion.latent.latent_diffusion import latent_samples
    from models.diffusion.samplers import diffusion_samples
    from models.measure.metrics import class_accuracy, measure_samples

    ldm, ae, pixel, evaluator = _models()
    sweep = {}
    for w in (1.0, 2.0, 3.0, 5.0):
        labels = balanced_labels(100)
        sweep[w] = class_accuracy(evaluator, latent_samples(ldm, ae, labels, w, "DDIM", 50, seed=100), labels)
    scale = min(w for w, a in sweep.items() if a >= max(sweep.values()) - 0.005)
    labels = balanced_labels(1000)
    t0 = time.perf_counter()
    acc = class_accuracy(evaluator, latent_samples(ldm, ae, labels, scale, "DDIM", 50, seed=0), labels)
    acc_s = time.perf_counter() - t0
    reference = digit_split().x_test
    labels = balanced_labels(FID_N)
    sets = {
        "latent DDIM-50": latent_samples(ldm, ae, labels, scale, "DDIM", 50, seed=1),
        "pixel DDIM-50": diffusion_samples(pixel, labels, 2.0, "DDIM", 50, seed=1),
        "real training digits": digit_split().x_train[
            torch.randperm(4500, generator=torch.Generator().manual_seed(0))[:FID_N]
        ],
    }
    measured = {}
    for name, x in sets.items():
        m = measure_samples(evaluator, x, reference, labels if "DDIM" in name else None)
        measured[name] = {k: m[k] for k in ("fid", "precision", "recall", "density", "coverage")}
        if "class_accuracy" in m:
            measured[name]["class_accuracy"] = m["class_accuracy"]
        print(name, measured[name], flush=True)
    return {
        "sweep": sweep,
        "recommended_guidance": scale,
        "accuracy_ddim50": acc,
        "accuracy_n": 1000,
        "accuracy_seconds": acc_s,
        "sets": measured,
        "fid_n": FID_N,
        "train_seconds": {
            k: model_info(k)["metrics"]["train_seconds"] for k in ("ldm", "diffusion", ldm.cfg.autoencoder)
        },
    }


def speed(n: int = 16, steps: int = 50, repeats: int = 5) -> dict:
    from models.diffusion.latent.latent_diffusion import decode_latents, forward_flops, latent_noise
    from models.diffusion.model import to_digit_space
    from models.diffusion.samplers import guided_model_fn, make_scheduler, sample

    ldm, ae, pixel, _ = _models()
    labels = balanced_labels(n)

    def run(model, noise, decode):
        t0 = time.perf_counter()
        x0 = sample(guided_model_fn(model, labels, 2.0), make_scheduler("DDIM", model.scheduler_config()), noise, steps)
        t1 = time.perf_counter()
        decode(x0)
        return (t1 - t0) * 1000, (time.perf_counter() - t1) * 1000

    runs = {"pixel": [], "latent": []}
    pixel_noise = torch.randn(n, 1, 32, 32, generator=torch.Generator().manual_seed(0))
    for r in range(repeats + 1):  # interleaved, the first of each a warm-up
        p = run(pixel, pixel_noise, lambda x: to_digit_space(x))
        q = run(ldm, latent_noise(ldm, n, 0), lambda z: decode_latents(ae, z))
        if r:
            runs["pixel"].append(p)
            runs["latent"].append(q)
    out = {"n": n, "steps": steps, "repeats": repeats, "threads": torch.get_num_threads()}
    for k, v in runs.items():
        step_ms = statistics.median(a for a, _ in v) / steps
        decode_ms = statistics.median(b for _, b in v)
        out[k] = {
            "ms_per_step": step_ms,
            "decode_ms": decode_ms,
            "ms_per_sample": statistics.median(a + b for a, b in v) / n,
            "parameters": sum(p.numel() for p in (pixel if k == "pixel" else ldm).parameters()),
        }
    out["flops"] = forward_flops(pixel.cfg, ldm.cfg, ae.cfg)
    print(out, flush=True)
    return out


def _hundred() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    s = digit_split()
    idx = torch.arange(0, 500, 5)  # 10 a class (the test digits are ordered by class)
    return s.x_test[idx], s.y_test[idx], (s.y_test[idx] + 5) % 10


def img2img_curve(guidance: float = 3.0) -> list[dict]:
    from models.diffusion.latent.latent_diffusion import img2img

    ldm, ae, _, evaluator = _models()
    x, _, target = _hundred()
    rows = []
    for s in STRENGTHS:
        out = img2img(ldm, ae, x, target, s, guidance, "DDIM", 50, seed=0)
        p = _probs(evaluator, out)
        rows.append(
            {
                "strength": s,
                "distance": float((out - x).abs().flatten(1).mean(1).mean()),
                "p_target": float(p[torch.arange(len(x)), target].mean()),
                "accuracy": float((p.argmax(1) == target).float().mean()),
            }
        )
        print(rows[-1], flush=True)
    return rows


def inpaint() -> dict:
    from models.diffusion.inpainting import preset_fill, repaint_pixels
    from models.diffusion.latent.latent_diffusion import inpaint_latent
    from models.diffusion.model import PAD

    ldm, ae, pixel, evaluator = _models()
    x, _, target = _hundred()
    fill = preset_fill("bottom half")
    keep28 = 1 - fill[..., PAD:-PAD, PAD:-PAD]
    out = {}
    for name, fn in (
        ("latent blending", lambda: inpaint_latent(ldm, ae, x, fill, target, 2.0, "DDIM", 50, 0)),
        ("RePaint", lambda: repaint_pixels(pixel, x, fill, target, 2.0, 50, 0, 5, 2)),
    ):
        t0 = time.perf_counter()
        y = fn()
        out[name] = {
            "accuracy": float((_probs(evaluator, y).argmax(1) == target).float().mean()),
            "kept_max_error": float(((y - x).abs() * keep28).max()),
            "seconds": time.perf_counter() - t0,
        }
        print(name, out[name], flush=True)
    return out


NEGATIVE_CASES = (("any digit", None, 1), ("a 7", 7, 1), ("a 4", 4, 9))


def negative(n: int = 200, guidance: float = 3.0) -> list[dict]:
    from models.diffusion.latent.latent_diffusion import latent_samples

    ldm, ae, _, evaluator = _models()
    rows = []
    for name, c, neg in NEGATIVE_CASES:
        labels = torch.full((n,), ldm.null_class if c is None else c)
        row = {"case": f"{name}, not a {neg}", "w": guidance, "n": n}
        for key, negative_labels in (("without", None), ("with", torch.full((n,), neg))):
            p = _probs(evaluator, latent_samples(ldm, ae, labels, guidance, "DDIM", 50, 3, negative=negative_labels))
            row[f"negative_rate_{key}"] = float((p.argmax(1) == neg).float().mean())
            row[f"p_negative_{key}"] = float(p[:, neg].mean())
            if c is not None:
                row[f"accuracy_{key}"] = float((p.argmax(1) == c).float().mean())
        rows.append(row)
        print(row, flush=True)
    return rows


def markdown(res: dict, machine: str) -> str:
    out = [f"Measured by `{COMMAND}`. Machine: {machine}", ""]
    if "ae" in res:
        out += [
            "**Autoencoders** (diffusers AutoencoderKL, L1 + β·KL with β = 1e-6; 500 held-out digits)",
            "",
            "| f | latent | values in / out | PSNR | evaluator accuracy on reconstructions | scale factor | "
            "parameters | train s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in res["ae"]:
            out.append(
                f"| {r['factor']} | {'×'.join(map(str, r['latent_shape']))} | {r['values_ratio']:g}× | "
                f"{r['psnr_db']:.1f} dB | {100 * r['reconstruction_accuracy']:.1f}% | {r['scaling_factor']:.3f} "
                f"| {r['parameters']:,} | {r['train_seconds']:.0f} |"
            )
        out.append("")
    if "quality" in res:
        q = res["quality"]
        sweep = ", ".join(f"w = {w}: {100 * a:.0f}%" for w, a in q["sweep"].items())
        out += [
            f"**Latent model quality**: class accuracy of {q['accuracy_n']:,} DDIM-50 samples at w = "
            f"{q['recommended_guidance']:g}: **{100 * q['accuracy_ddim50']:.1f}%** (sweep, 100 each: {sweep}). "
            f"Against the 500 held-out digits, {q['fid_n']} samples each (the same labels):",
            "",
            "| samples | digits-FID | precision | recall | density | coverage | class accuracy |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, m in q["sets"].items():
            acc = f"{100 * m['class_accuracy']:.1f}%" if "class_accuracy" in m else "–"
            out.append(
                f"| {name} | {m['fid']:.2f} | {m['precision']:.3f} | {m['recall']:.3f} | {m['density']:.3f} "
                f"| {m['coverage']:.3f} | {acc} |"
            )
        t = q["train_seconds"]
        out += [
            "",
            f"Training: latent UNet {t['ldm']:.0f} s (+ its autoencoder {t['autoencoder_f4']:.0f} s), pixel "
            f"UNet {t['diffusion']:.0f} s (its trainer's own number; the two trainings ran on different sessions' "
            "machines and thread counts).",
            "",
        ]
    if "speed" in res:
        s, f = res["speed"], res["speed"]["flops"]
        p, q = s["pixel"], s["latent"]
        out += [
            f"**Speed** (DDIM-{s['steps']}, {s['n']} guided samples, median of {s['repeats']} interleaved runs, "
            f"{s['threads']} threads)",
            "",
            "| | pixel | latent | pixel / latent |",
            "|---|---|---|---|",
            f"| ms per step | {p['ms_per_step']:.1f} | {q['ms_per_step']:.1f} | "
            f"**{p['ms_per_step'] / q['ms_per_step']:.2f}×** |",
            f"| decode, ms for all {s['n']} | – | {q['decode_ms']:.1f} | |",
            f"| ms per sample, decode included | {p['ms_per_sample']:.1f} | {q['ms_per_sample']:.1f} | "
            f"**{p['ms_per_sample'] / q['ms_per_sample']:.2f}×** |",
            f"| UNet parameters | {p['parameters']:,} | {q['parameters']:,} | |",
            f"| MFLOPs per guided step per sample | {f['pixel_32'] / 1e6:.0f} | {f['latent_32'] / 1e6:.0f} | "
            f"{f['pixel_32'] / f['latent_32']:.1f}× |",
            f"| the same UNets at 512×512: GFLOPs per step | {f['pixel_512'] / 1e9:.0f} | f = 4: "
            f"{f['latent_512'] / 1e9:.0f}; f = 8: {f['latent_512_f8'] / 1e9:.0f} | "
            f"{f['pixel_512'] / f['latent_512']:.1f}×; {f['pixel_512'] / f['latent_512_f8']:.0f}× |",
            "",
        ]
    if "img2img" in res:
        out += [
            "**img2img** (100 held-out digits, each to (y + 5) mod 10; DDIM-50, w = 3): faithfulness = mean "
            "|Δ| per pixel to the input",
            "",
            "| strength | faithfulness | mean p(target) | read as the target |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {r['strength']:.1f} | {r['distance']:.3f} | {r['p_target']:.3f} | {100 * r['accuracy']:.0f}% |"
            for r in res["img2img"]
        ]
        out.append("")
    if "inpaint" in res:
        out += [
            "**Inpainting** (the same 100 digits, bottom half filled as (y + 5) mod 10, 50 steps, w = 2)",
            "",
            "| method | read as the target | kept pixels' largest error | seconds |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {k} | {100 * v['accuracy']:.0f}% | {v['kept_max_error']:.1e} | {v['seconds']:.1f} |"
            for k, v in res["inpaint"].items()
        ]
        out.append("")
    if "negative" in res:
        out += [
            "**Negative class** (200 samples each, DDIM-50, w = 3, the same seeds with and without)",
            "",
            "| case | read as the negative, without | with | mean p(negative), without | with |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {r['case']} | {100 * r['negative_rate_without']:.1f}% | **{100 * r['negative_rate_with']:.1f}%** "
            f"| {r['p_negative_without']:.3f} | {r['p_negative_with']:.3f} |"
            for r in res["negative"]
        ]
        out.append("")
    return "\n".join(out)


def _record(res: dict) -> None:
    from models.core.assets import update_metrics

    metrics = {}
    if "quality" in res:
        q = res["quality"]
        metrics.update(
            recommended_guidance=q["recommended_guidance"],
            ddim50_accuracy=round(q["accuracy_ddim50"], 4),
            ddim50_accuracy_n=q["accuracy_n"],
            fid_n=q["fid_n"],
            fid_ddim50=round(q["sets"]["latent DDIM-50"]["fid"], 2),
        )
        record(
            "Latent diffusion",
            f"class accuracy, {q['accuracy_n']:,} DDIM-50 samples",
            f"{100 * q['accuracy_ddim50']:.1f}%",
            "≥ 97%",
            COMMAND,
        )
        record(
            "Latent diffusion",
            f"digits-FID latent / pixel (n = {q['fid_n']})",
            f"{q['sets']['latent DDIM-50']['fid']:.2f} / {q['sets']['pixel DDIM-50']['fid']:.2f}",
            "",
            COMMAND,
        )
    if "speed" in res:
        s = res["speed"]
        record(
            "Latent diffusion",
            "ms per sample pixel / latent (DDIM-50, 16 guided, decode included)",
            f"{s['pixel']['ms_per_sample']:.0f} / {s['latent']['ms_per_sample']:.0f}",
            "",
            COMMAND,
        )
    if "negative" in res:
        r = res["negative"][0]
        metrics["negative_any_not_1_rate"] = [r["negative_rate_without"], r["negative_rate_with"]]
        record(
            "Latent diffusion",
            "ones among 200 unconditional samples, without / with negative class 1",
            f"{100 * r['negative_rate_without']:.1f}% / {100 * r['negative_rate_with']:.1f}%",
            "",
            COMMAND,
        )
    if metrics:
        update_metrics("ldm", metrics)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog=COMMAND, description=__doc__)
    sections = {
        "ae": autoencoders,
        "quality": quality,
        "speed": speed,
        "img2img": img2img_curve,
        "inpaint": inpaint,
        "negative": negative,
    }
    p.add_argument("--only", nargs="*", choices=list(sections), help="sections (default: all)")
    args = p.parse_args(argv)
    from benchmarks.machine import describe
    from models.core.registry import configure

    configure("cpu")
    res = json.loads(JSON.read_text()) if JSON.exists() else {}
    for name in args.only or sections:
        res[name] = sections[name]()
        RESULTS.mkdir(exist_ok=True)
        JSON.write_text(json.dumps(res, indent=1, default=float) + "\n")  # saved after each section
    text = markdown(res, describe())
    JSON.with_suffix(".md").write_text(text + "\n")
    print(text)
    _record(res)


if __name__ == "__main__":
    main()
