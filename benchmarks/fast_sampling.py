"""Fast sampling, measured: ``python -m benchmarks.fast_sampling [--only curve student speed] [--n N]``.

- curve: every sampler of ``models.diffusion.fast_samplers.FAST_SAMPLERS`` on the shipped digits model at
  each of ``NFE_POINTS`` network evaluations (a guided step = one evaluation of the batched pair),
  w = 2, ``--n`` samples (an equal number per class) from the same noise for every point:
  digits-FID, precision, recall against the 500 held-out digits and class accuracy.
- student: the distilled student (``models.diffusion.distill.consistency``; weights ``assets/student`` or the latest
  ``runs/student`` checkpoint with ``--checkpoint``) at 1, 2, 4 and 8 LCM steps against DDIM at the
  same evaluations and the teacher at DDIM-50, same ``--n``, labels and noise.
- speed: 16 guided samples (an interactive request), seconds, the median of 5 interleaved rounds:
  the student at 1, 2 and 4 steps beside the teacher at DDIM-50 and DDIM at 2 and 4 steps.

ms per sample in the curve and the student section is the point's wall time over ``--n``
(batches of ``BATCH``, the measuring included): run both pinned to one core (``taskset -c 1``)
for comparable rows, as the shipped results were. The speed section, on the whole machine, is the
one to quote.

Writes ``assets/results/fast_sampling.json`` (the fast tab reads it) and ``benchmarks/results/fast_sampling.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch

from models.core.data import balanced_labels, digit_split
from models.core.results import result_path

RESULTS = Path(__file__).resolve().parent / "results"
JSON = result_path("fast_sampling.json")  # what the fast tab shows, beside the assets
SECTIONS = ("curve", "student", "speed")
BATCH = 32  # samples per run: on 1-2 CPU cores a guided pair of 32 runs ~1.5x faster per sample than of 100


def _measure(evaluator, reference, x, labels) -> dict:
    from models.measure.metrics import measure_samples

    m = measure_samples(evaluator, x, reference, labels)
    return {k: round(float(m[k]), 4) for k in ("fid", "precision", "recall", "class_accuracy")}


def _reference(evaluator):
    from models.measure.metrics import features

    return features(evaluator, digit_split().x_test).numpy()


def curve(n: int, done: list[dict], save) -> list[dict]:
    """Every (sampler, NFE) point; resumable: points already in ``done`` at this n are kept, and
    ``save(rows)`` runs after each new one (the whole curve is an hour of one core)."""
    from models.core.registry import load_model
    from models.diffusion.fast_samplers import FAST_SAMPLERS, NFE_POINTS, fast_samples

    teacher, evaluator = load_model("diffusion"), load_model("evaluator")
    reference, labels = _reference(evaluator), balanced_labels(n)
    rows = [r for r in done if r["n"] == n]
    for name in FAST_SAMPLERS:
        for nfe in NFE_POINTS:
            if any(r["sampler"] == name and r["nfe"] == nfe for r in rows):
                continue
            t0 = time.perf_counter()
            x = fast_samples(teacher, name, labels, nfe, seed=0, batch=BATCH)
            rows.append(
                {
                    "sampler": name,
                    "nfe": nfe,
                    "n": n,
                    "seconds": round(time.perf_counter() - t0, 1),
                    **_measure(evaluator, reference, x, labels),
                }
            )
            print(rows[-1], flush=True)
            rows.sort(key=lambda r: (FAST_SAMPLERS.index(r["sampler"]), r["nfe"]))
            save(rows)
    return rows


def _student(checkpoint: bool):
    """-> (the student network, its training step when read from the checkpoint, else None)."""
    from models.core.registry import load_model

    if not checkpoint:
        return load_model("student"), None
    from models.diffusion.distill.train_student import student_from_checkpoint

    return student_from_checkpoint()


def student(n: int, checkpoint: bool) -> dict:
    from models.core.registry import load_model
    from models.diffusion.fast_samplers import STUDENT, STUDENT_NFE, fast_samples

    model, step = _student(checkpoint)
    teacher, evaluator = load_model("diffusion"), load_model("evaluator")
    reference, labels = _reference(evaluator), balanced_labels(n)
    rows = []
    for name, nfe, net in [
        *[(STUDENT, k, model) for k in STUDENT_NFE],
        *[("DDIM", k, teacher) for k in STUDENT_NFE],
        ("DDIM", 50, teacher),
    ]:
        t0 = time.perf_counter()
        x = fast_samples(net, name, labels, nfe, seed=0, batch=BATCH)
        rows.append(
            {
                "sampler": name,
                "nfe": nfe,
                "n": n,
                "seconds": round(time.perf_counter() - t0, 1),
                **_measure(evaluator, reference, x, labels),
            }
        )
        print(rows[-1], flush=True)
    return {"checkpoint_step": step, "rows": rows}


SPEED_BATCH = 16


def speed(repeats: int = 5) -> dict:
    from benchmarks.timing import interleaved_medians
    from models.core.registry import load_model
    from models.diffusion.fast_samplers import STUDENT, fast_samples

    student_net, teacher = load_model("student"), load_model("diffusion")
    labels = torch.arange(SPEED_BATCH) % 10
    points = [
        (STUDENT, 1, student_net),
        (STUDENT, 2, student_net),
        (STUDENT, 4, student_net),
        ("DDIM", 2, teacher),
        ("DDIM", 4, teacher),
        ("DDIM", 50, teacher),
    ]
    variants = {
        (name, nfe): (lambda name=name, nfe=nfe, net=net: fast_samples(net, name, labels, nfe, seed=0))
        for name, nfe, net in points
    }
    with torch.inference_mode():
        medians = interleaved_medians(variants, repeats)
    rows = [{"sampler": name, "nfe": nfe, "seconds": round(v, 4)} for (name, nfe), v in medians.items()]
    return {"batch": SPEED_BATCH, "repeats": repeats, "threads": torch.get_num_threads(), "rows": rows}


def _row(rows: list[dict], sampler: str, nfe: int) -> dict:
    return next(r for r in rows if r["sampler"] == sampler and r["nfe"] == nfe)


def record_summary(res: dict, sections) -> None:
    """Headline rows (and the student's manifest metrics) of the sections measured in this run, so
    each is labelled with the machine it ran on."""
    from benchmarks.summary import record
    from models.diffusion.fast_samplers import STUDENT

    cmd = "python -m benchmarks.fast_sampling"
    if "student" in sections:
        rows = res["student"]["rows"]
        two, teacher = _row(rows, STUDENT, 2), _row(rows, "DDIM", 50)
        record(
            "Fast sampling",
            f"student 2-step class accuracy (n = {two['n']})",
            f"{two['class_accuracy']:.1%}",
            "≥ 95%",
            cmd + " --only student",
        )
        record(
            "Fast sampling",
            f"student 2-step digits-FID vs teacher DDIM-50 (n = {two['n']})",
            f"{two['fid']:.2f} vs {teacher['fid']:.2f} ({two['fid'] / teacher['fid'] - 1:+.0%})",
            "within 25%",
            cmd + " --only student",
        )
        from models.core.assets import update_metrics

        update_metrics(
            "student",
            {
                "n": two["n"],
                "teacher_fid_ddim50": teacher["fid"],
                "teacher_fid_ddim2": _row(rows, "DDIM", 2)["fid"],
                "accuracy_2step": two["class_accuracy"],
                **{f"fid_{k}step": _row(rows, STUDENT, k)["fid"] for k in (1, 2, 4)},
                "measured_by": cmd + " --only student",
            },
        )
    if "speed" in sections:
        rows = res["speed"]["rows"]
        best = min(_row(rows, STUDENT, k)["seconds"] for k in (2, 4))
        ddim50 = _row(rows, "DDIM", 50)["seconds"]
        record(
            "Fast sampling",
            "16 guided samples, student 2-4 steps vs DDIM-50 (median of 5)",
            f"{best:.2f} s vs {ddim50:.2f} s ({ddim50 / best:.0f}x)",
            "≤ 0.5 s",
            cmd + " --only speed",
        )


def markdown(res: dict, machine: str) -> str:
    out = [f"Machine: {machine}", ""]
    for section in ("curve", "student"):
        if section not in res:
            continue
        rows = res[section] if section == "curve" else res[section]["rows"]
        out += [
            f"## {section}",
            "",
            "| sampler | NFE | n | FID | precision | recall | accuracy | s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        out += [
            f"| {r['sampler']} | {r['nfe']} | {r['n']} | {r['fid']:.2f} | {r['precision']:.3f} | "
            f"{r['recall']:.3f} | {r['class_accuracy']:.1%} | {r['seconds']} |"
            for r in rows
        ]
        out.append("")
    if "speed" in res:
        sp = res["speed"]
        out += [
            f"## speed: {sp['batch']} guided samples, median of {sp['repeats']} interleaved rounds, "
            f"{sp['threads']} threads",
            "",
            "| sampler | NFE | seconds |",
            "|---|---|---|",
        ]
        out += [f"| {r['sampler']} | {r['nfe']} | {r['seconds']:.3f} |" for r in sp["rows"]]
        out.append("")
    return "\n".join(out)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.fast_sampling", description=__doc__)
    p.add_argument("--only", nargs="*", choices=SECTIONS, help="sections (default: all)")
    p.add_argument("--n", type=int, default=200, help="samples per point")
    p.add_argument("--checkpoint", action="store_true", help="the student of the training run in runs/student/")
    args = p.parse_args(argv)
    from benchmarks.sections import SectionResults
    from models.core.registry import configure

    configure("cpu")
    res = SectionResults(JSON)
    for name in args.only or SECTIONS:
        if name == "curve":
            res.save(name, curve(args.n, res.data.get("curve", []), lambda rows: res.save("curve", rows)))
        else:
            res.save(name, student(args.n, args.checkpoint) if name == "student" else speed())
    res.finish(args.only or SECTIONS, record_summary, markdown)


if __name__ == "__main__":
    main()
