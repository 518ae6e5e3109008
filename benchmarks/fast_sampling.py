"""Fast sampling, measured: ``python -m benchmarks.fast_sampling [--only curve student] [--n N]``.

- curve: every sampler of ``models.fast_samplers.FAST_SAMPLERS`` on the shipped digits model at
  each of ``NFE_POINTS`` network evaluations (a guided step = one evaluation of the batched pair),
  w = 2, ``--n`` samples (an equal number per class) from the same noise for every point:
  digits-FID, precision, recall against the 500 held-out digits and class accuracy.
- student: the distilled student (``models.consistency``; weights ``assets/student`` or the latest
  ``runs/student`` checkpoint with ``--checkpoint``) at 1, 2, 4 and 8 LCM steps against DDIM at the
  same evaluations and the teacher at DDIM-50, same ``--n``, labels and noise.

Writes ``benchmarks/results/fast_sampling.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from models.data import digit_split
from models.generators import balanced_labels

RESULTS = Path(__file__).resolve().parent / "results"
JSON = RESULTS / "fast_sampling.json"
CHECKPOINT = Path(__file__).resolve().parent.parent / "runs" / "student" / "checkpoint.pt"


def _measure(evaluator, reference, x, labels) -> dict:
    from models.metrics import measure_samples

    m = measure_samples(evaluator, x, reference, labels)
    return {k: round(float(m[k]), 4) for k in ("fid", "precision", "recall", "class_accuracy")}


def _reference(evaluator):
    from models.metrics import features

    return features(evaluator, digit_split().x_test).numpy()


def curve(n: int) -> list[dict]:
    from models.fast_samplers import FAST_SAMPLERS, NFE_POINTS, fast_samples
    from models.registry import load_model

    teacher, evaluator = load_model("diffusion"), load_model("evaluator")
    reference, labels = _reference(evaluator), balanced_labels(n)
    rows = []
    for name in FAST_SAMPLERS:
        for nfe in NFE_POINTS:
            t0 = time.perf_counter()
            x = fast_samples(teacher, name, labels, nfe, seed=0)
            rows.append({"sampler": name, "nfe": nfe, "n": n, "seconds": round(time.perf_counter() - t0, 1),
                         **_measure(evaluator, reference, x, labels)})  # fmt: skip
            print(rows[-1], flush=True)
    return rows


def _student(checkpoint: bool):
    """-> (the student network, its training step when read from the checkpoint, else None)."""
    from models.consistency import ConsistencyStudent
    from models.registry import load_model

    if not checkpoint:
        return load_model("student"), None
    state = torch.load(CHECKPOINT, map_location="cpu", weights_only=False)
    model = ConsistencyStudent(state["config"])
    model.load_state_dict(state["target"])
    return model.eval().requires_grad_(False), state["step"]


def student(n: int, checkpoint: bool) -> dict:
    from models.fast_samplers import STUDENT, STUDENT_NFE, fast_samples
    from models.registry import load_model

    model, step = _student(checkpoint)
    teacher, evaluator = load_model("diffusion"), load_model("evaluator")
    reference, labels = _reference(evaluator), balanced_labels(n)
    rows = []
    for name, nfe, net in [*[(STUDENT, k, model) for k in STUDENT_NFE], *[("DDIM", k, teacher) for k in STUDENT_NFE],
                           ("DDIM", 50, teacher)]:  # fmt: skip
        t0 = time.perf_counter()
        x = fast_samples(net, name, labels, nfe, seed=0)
        rows.append({"sampler": name, "nfe": nfe, "n": n, "seconds": round(time.perf_counter() - t0, 1),
                     **_measure(evaluator, reference, x, labels)})  # fmt: skip
        print(rows[-1], flush=True)
    return {"checkpoint_step": step, "rows": rows}


def markdown(res: dict, machine: str) -> str:
    out = [f"Machine: {machine}", ""]
    for section in ("curve", "student"):
        if section not in res:
            continue
        rows = res[section] if section == "curve" else res[section]["rows"]
        out += [f"## {section}", "", "| sampler | NFE | n | FID | precision | recall | accuracy | s |",
                "|---|---|---|---|---|---|---|---|"]  # fmt: skip
        out += [f"| {r['sampler']} | {r['nfe']} | {r['n']} | {r['fid']:.2f} | {r['precision']:.3f} | "
                f"{r['recall']:.3f} | {r['class_accuracy']:.1%} | {r['seconds']} |" for r in rows]  # fmt: skip
        out.append("")
    return "\n".join(out)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.fast_sampling", description=__doc__)
    p.add_argument("--only", nargs="*", choices=["curve", "student"], help="sections (default: all)")
    p.add_argument("--n", type=int, default=200, help="samples per point")
    p.add_argument("--checkpoint", action="store_true", help="the student from runs/student/checkpoint.pt")
    args = p.parse_args(argv)
    from benchmarks.machine import describe
    from models.registry import configure

    configure("cpu")
    res = json.loads(JSON.read_text()) if JSON.exists() else {}
    for name in args.only or ("curve", "student"):
        res[name] = curve(args.n) if name == "curve" else student(args.n, args.checkpoint)
        RESULTS.mkdir(exist_ok=True)
        JSON.write_text(json.dumps(res, indent=1) + "\n")
    text = markdown(res, describe())
    JSON.with_suffix(".md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
