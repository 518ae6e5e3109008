"""Text to image in miniature, measured: ``python -m benchmarks.t2i [--n N] [--scales W ...]``.

- class: "a k" (English) and "一个k" (Chinese), N samples each (N/10 a class, seeds 1000+), DDIM-25 at each w of
  ``SCALES``: the share the project's evaluator reads as the class named (on the MNIST-framed sample,
  ``placement.normalise``), the CLIP score against the prompt, digits-FID against the held-out placed digits.
- words: for each attribute word, "a <word> k" over the classes (N/2 samples, English and Chinese): the share of
  samples measured on the prompted side (thickness and slant against the training median; size against the
  16-px line the captions' "small"/"large" come from; a spot: the ink's centre nearest that spot).
- clip: digit-CLIP's text→image retrieval (from its training record) and the CLIP score of the held-out digits
  against their own captions (the ceiling samples are compared with).
- attention: how far each token's aggregated cross-attention map lies on the sample's ink (lift, IoU, mass), the
  start, class and end tokens and the padding, for large digits in the middle and small ones in a corner.
- speed: 8 samples, DDIM-25, attention maps recorded, median of 5 runs.

Writes ``assets/results/t2i.json`` (the tab's recorded curve) and ``benchmarks/results/t2i.md``; the headline
numbers go into the ``t2i`` manifest entry.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import torch

from models.core.results import result_path
from models.diffusion.text.placement import SPOTS

RESULTS = Path(__file__).resolve().parent / "results"  # the Markdown report
JSON = result_path("t2i.json")  # what the tab's guidance view shows, beside the assets
COMMAND = "python -m benchmarks.t2i"
SCALES = (1.0, 2.0, 3.0, 5.0)
STEPS = 25
WORDS_EN = {
    "thick": "a thick {k}",
    "thin": "a thin {k}",
    "leaning right": "a {k} leaning right",
    "leaning left": "a {k} leaning left",
    "small": "a small {k}",
    "large": "a large {k}",
    "top left": "a small {k} in the top left",
    "top right": "a small {k} in the top right",
    "bottom left": "a small {k} in the bottom left",
    "bottom right": "a small {k} in the bottom right",
}
WORDS_ZH = {
    "thick": "一个很粗的{k}",
    "thin": "一个很细的{k}",
    "leaning right": "一个向右倾斜的{k}",
    "leaning left": "一个向左倾斜的{k}",
    "small": "一个小的{k}",
    "large": "一个大的{k}",
    "top left": "左上角一个小的{k}",
    "top right": "右上角一个小的{k}",
    "bottom left": "左下角一个小的{k}",
    "bottom right": "右下角一个小的{k}",
}


def _samples(pipe, prompts: list[str], scale: float, seed: int, batch: int = 100):
    from models.diffusion.text.sampling import prompt_samples

    return torch.cat(
        [prompt_samples(pipe, prompts[i : i + batch], scale, STEPS, seed + i) for i in range(0, len(prompts), batch)]
    )


def _followed(word: str, x: torch.Tensor, words) -> float:
    from models.diffusion.text import captions as C

    if word in ("thick", "thin"):
        t = C.thickness(x)
        hit = t > words.median_thickness if word == "thick" else t < words.median_thickness
    elif word in ("leaning right", "leaning left"):
        s = C.slant(x)
        hit = s > words.median_slant if word == "leaning right" else s < words.median_slant
    elif word in ("small", "large"):
        h = C.size(x)
        hit = h < C.SMALL_BELOW if word == "small" else h > C.SMALL_BELOW
    else:
        hit = [s == word for s in C.spot(x)]
    return float(torch.as_tensor(hit, dtype=torch.float32).mean())


def measure(n: int, scales=SCALES) -> dict:
    from models.core.registry import load_model
    from models.diffusion.text.captions import segment
    from models.diffusion.text.dataset import captioned, words
    from models.diffusion.text.digit_clip import clip_score, image_embeddings, text_embeddings
    from models.diffusion.text.pipeline import load_digit_clip, load_pipeline
    from models.diffusion.text.placement import normalise
    from models.diffusion.text.tokenizer import encode
    from models.diffusion.text.train_t2i import CLIP_DIR, PIPELINE_DIR
    from models.measure.metrics import class_accuracy, digits_fid

    pipe = load_pipeline(str(PIPELINE_DIR))
    evaluator = load_model("evaluator", device="cpu")
    tokenizer, clip = load_digit_clip(CLIP_DIR)
    test = captioned("test")
    labels = torch.arange(n) % 10

    def score(x, prompts):
        ids = encode(tokenizer, [segment(p) for p in prompts])
        return float(clip_score(image_embeddings(clip, x), text_embeddings(clip, ids)).mean())

    res: dict = {"n": n, "steps": STEPS, "class": [], "words": {}}
    for scale in scales:
        row = {"w": scale}
        for lang, template in (("en", "a {k}"), ("zh", "一个{k}")):
            prompts = [template.format(k=int(k)) for k in labels]
            x = _samples(pipe, prompts, scale, 1000)
            row[f"accuracy_{lang}"] = round(class_accuracy(evaluator, normalise(x), labels), 4)
            row[f"clip_score_{lang}"] = round(score(x, prompts), 2)
            if lang == "en":
                row["fid"] = round(digits_fid(evaluator, x, test.x[: 2 * n]), 2)
        res["class"].append(row)
        print(row, flush=True)
    # the recommended w: the lowest at which both languages' prompts read as their class in >= 99% of samples (more
    # guidance costs variety and FID for nothing), else the most accurate
    good = [r for r in res["class"] if min(r["accuracy_en"], r["accuracy_zh"]) >= 0.99]
    best = good[0] if good else max(res["class"], key=lambda r: r["accuracy_en"] + r["accuracy_zh"])
    res["guidance"] = best["w"]
    own = [caps[0] for caps in test.captions[:n]]
    res["clip_score_held_out_own_captions"] = round(score(test.x[:n], own), 2)
    fitted = words()
    half = labels[: n // 2]
    for lang, table in (("en", WORDS_EN), ("zh", WORDS_ZH)):
        for word, template in table.items():
            x = _samples(pipe, [template.format(k=int(k)) for k in half], best["w"], 2000)
            res["words"].setdefault(word, {})[lang] = round(_followed(word, x, fitted), 3)
        print(lang, {w: v[lang] for w, v in res["words"].items()}, flush=True)
    res["attention"] = attention_on_ink(pipe, best["w"])
    res["speed"] = speed(pipe, best["w"])
    return res


ATTENTION_N = 48
ATTENTION_PROMPTS = {  # prompt set -> (prompt of sample i, slot of the class token: [start, "a", (small,) k, ...])
    "a k": (lambda i: f"a {i % 10}", 2),
    "a small k in a corner": (lambda i: f"a small {i % 10} in the {SPOTS[1 + i % 4]}", 3),
}


def attention_on_ink(pipe, scale: float, n: int = ATTENTION_N) -> dict:
    """How far each token's aggregated map (all steps and layers, DAAM) lies on the final sample's ink (> 0.5), for
    the start token, the class token, the end token and the padding (their mean), over two prompt sets (a large digit
    in the middle; a small one in a corner, so a map centred by habit cannot score):

    - lift: the map's mean on the ink over its mean on the whole canvas (1: no preference; > 1: on the ink);
    - IoU: the map stretched to [0, 1] and cut at 0.5, against the ink (the issue's overlap measure);
    - mass: the share of the map on the ink, beside the ink's own share of the canvas (``ink_area``)."""
    from models.diffusion.samplers import drain, keeping
    from models.diffusion.text.sampling import aggregate, contexts, prompt_sampling

    out = {}
    for name, (prompt_of, class_slot) in ATTENTION_PROMPTS.items():
        prompts = [prompt_of(i) for i in range(n)]
        records = []
        x = drain(keeping(prompt_sampling(pipe, prompts, scale, STEPS, 3000, attention=True, preview=False), records))
        steps = [r.attention for r in records]
        ink = (x[:, 0] > 0.5).float()
        ids, _ = contexts(pipe, prompts)
        slots = _token_slots(ids, pipe.tokenizer, class_slot)
        row = _token_measures(_framed(aggregate(steps)), slots, ink)
        row["ink_area"] = round(float(ink.mean()), 3)
        row["per_layer"] = {
            layer.removesuffix(".transformer_blocks.0.attn2"): {
                k: v["lift"]
                for k, v in _token_measures(_framed(aggregate([{layer: s[layer]} for s in steps])), slots, ink).items()
            }
            for layer in steps[0]
        }
        out[name] = row
    return out


def _framed(maps: torch.Tensor) -> torch.Tensor:
    """Aggregated maps (n, L, s, s) -> on the 28 x 28 digit's frame (the 32 x 32 canvas less its padding)."""
    import torch.nn.functional as F

    return F.interpolate(maps, size=(32, 32), mode="bilinear", align_corners=False)[..., 2:-2, 2:-2]


def _token_slots(ids: torch.Tensor, tokenizer, class_slot: int) -> dict[str, torch.Tensor]:
    """Which slot of each prompt (n, L) is which token: start, class, end (n,), padding (n, L) as a mask."""
    n = len(ids)
    return {
        "start": torch.zeros(n, dtype=torch.long),
        "class": torch.full((n,), class_slot),
        "end": torch.stack([(row == tokenizer.eos_token_id).nonzero()[0, 0] for row in ids]),
        "padding": ids == tokenizer.pad_token_id,
    }


def _ink_measures(m: torch.Tensor, ink: torch.Tensor) -> dict[str, float]:
    """Maps (n, 28, 28) and ink masks (n, 28, 28) -> the mean lift, IoU and mass (``attention_on_ink``)."""
    lift = (m * ink).sum((1, 2)) / ink.sum((1, 2)).clamp(min=1) / m.mean((1, 2)).clamp(min=1e-12)
    lo, hi = m.amin((1, 2), keepdim=True), m.amax((1, 2), keepdim=True)
    on = (m - lo) / (hi - lo).clamp(min=1e-12) > 0.5
    iou = (on & (ink > 0)).sum((1, 2)) / (on | (ink > 0)).sum((1, 2)).clamp(min=1)
    mass = (m * ink).sum((1, 2)) / m.sum((1, 2)).clamp(min=1e-12)
    return {k: round(float(v.float().mean()), 3) for k, v in (("lift", lift), ("iou", iou), ("mass", mass))}


def _token_measures(maps: torch.Tensor, slots: dict, ink: torch.Tensor) -> dict[str, dict]:
    """Maps (n, L, 28, 28) -> each token's ink measures (the padding slots' maps averaged first)."""
    r = torch.arange(len(maps))
    picks = {k: maps[r, slots[k]] for k in ("start", "class", "end")}
    picks["padding"] = torch.stack([maps[i, slots["padding"][i]].mean(0) for i in r])
    return {k: _ink_measures(v, ink) for k, v in picks.items()}


def speed(pipe, scale: float, repeats: int = 5) -> dict:
    from models.diffusion.samplers import drain
    from models.diffusion.text.sampling import prompt_sampling

    prompts = [f"a {k}" for k in range(8)]
    drain(prompt_sampling(pipe, prompts, scale, STEPS, 0, attention=True))  # warm
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        drain(prompt_sampling(pipe, prompts, scale, STEPS, r, attention=True))
        times.append(time.perf_counter() - t0)
    return {
        "eight_samples_ddim25_with_attention_s": round(statistics.median(times), 2),
        "threads": torch.get_num_threads(),
    }


def markdown(res: dict, machine: str) -> str:
    scales = " ".join(f"{r['w']:g}" for r in res["class"])
    out = [f"Measured by `{COMMAND} --n {res['n']} --scales {scales}`. Machine: {machine}", ""]
    out += [
        "| w | class read (en) | class read (zh) | CLIP score (en) | CLIP score (zh) | digits-FID |",
        "|---|---|---|---|---|---|",
    ]
    for r in res["class"]:
        out.append(
            f"| {r['w']:g} | {100 * r['accuracy_en']:.1f}% | {100 * r['accuracy_zh']:.1f}% | {r['clip_score_en']:.1f} |"
            f" {r['clip_score_zh']:.1f} | {r['fid']:.1f} |"
        )
    out += [
        "",
        f"Held-out digits against their own captions: CLIP score {res['clip_score_held_out_own_captions']:.1f}.",
        "",
    ]
    out += [f"Attribute words at w = {res['guidance']:g} ({res['n'] // 2} samples each):", ""]
    out += ["| word | followed (en) | followed (zh) |", "|---|---|---|"]
    for word, v in res["words"].items():
        out.append(f"| {word} | {100 * v['en']:.0f}% | {100 * v['zh']:.0f}% |")
    out += [
        "",
        f"Cross-attention on the ink (aggregated over steps and layers, {ATTENTION_N} samples per prompt set):",
        "",
    ]
    out += [
        "| prompts | token | lift (1 = none) | IoU | mass on ink | ink's share of the canvas |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in res["attention"].items():
        for token in ("start", "class", "end", "padding"):
            m = row[token]
            out.append(
                f"| {name} | {token} | {m['lift']:.2f} | {m['iou']:.3f} | {100 * m['mass']:.1f}% |"
                f" {100 * row['ink_area']:.1f}% |"
            )
    out += ["", "Lift per layer (a small k in a corner):", "", "| layer | start | class | end | padding |"]
    out += ["|---|---|---|---|---|"]
    for layer, v in res["attention"]["a small k in a corner"]["per_layer"].items():
        out.append(f"| {layer} | {v['start']:.2f} | {v['class']:.2f} | {v['end']:.2f} | {v['padding']:.2f} |")
    out += [
        "",
        f"8 samples, DDIM-{res['steps']}, attention recorded: {res['speed']['eight_samples_ddim25_with_attention_s']} s"
        f" (median of 5, {res['speed']['threads']} threads).",
    ]
    return "\n".join(out) + "\n"


def main(argv=None) -> None:
    from benchmarks.machine import describe
    from models.core.assets import update_metrics

    parser = argparse.ArgumentParser(description="Text to image in miniature, measured")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--scales", type=float, nargs="+", default=list(SCALES))
    args = parser.parse_args(argv)
    res = measure(args.n, tuple(args.scales))
    RESULTS.mkdir(exist_ok=True)
    JSON.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n")
    (RESULTS / "t2i.md").write_text(markdown(res, describe()))
    best = next(r for r in res["class"] if r["w"] == res["guidance"])
    update_metrics(
        "t2i",
        {
            "guidance": res["guidance"],
            "class_accuracy_en": best["accuracy_en"],
            "class_accuracy_zh": best["accuracy_zh"],
            "n": res["n"],
        },
    )
    print(markdown(res, describe()))


if __name__ == "__main__":
    main()
