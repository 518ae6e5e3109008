"""Handlers of the fast-sampling tab's sampler views: the measured quality-against-evaluations curve,
one point of it run live, and the distilled student beside DDIM at the same evaluations.

API names: /nfe_curve, /fast_sample, /student_compare. Every run starts from the noise of its seed,
so a point and the teacher's DDIM-50 beside it start from the same x_T.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import gradio as gr
import torch

from models.fast_samplers import FAST_SAMPLERS, STUDENT, evaluations, fast_samples, make_fast_scheduler, steps_for
from models.registry import default_registry
from playground import validate
from playground.i18n import tr
from playground.settings import SETTINGS
from playground.tabs.fast.view import METRICS, curve_figure, curve_table, labelled_rows

RESULTS_JSON = Path(__file__).resolve().parents[3] / "benchmarks" / "results" / "fast_sampling.json"
SAMPLERS = (*FAST_SAMPLERS, STUDENT)
DIGITS = tuple(map(str, range(10)))
CLASSES = (*DIGITS, "all ten")
NEEDS = ("diffusion", "student", "evaluator")
GUIDANCE = 2.0  # the scale the curve was measured at and the student was distilled with


def shipped_results() -> dict:
    if not RESULTS_JSON.exists():
        raise gr.Error(tr("No fast-sampling results shipped: run `python -m benchmarks.fast_sampling` first."))
    return json.loads(RESULTS_JSON.read_text())


def nfe_curve(metric="digits-FID"):
    """API /nfe_curve: the shipped measurements (``python -m benchmarks.fast_sampling``), one curve
    per sampler and one for the student. metric: one of METRICS. -> (chart, Markdown table)."""
    metric = validate.choice(metric, METRICS, "measure")
    res = shipped_results()
    return curve_figure(res, metric), curve_table(res, metric)


def class_labels(digit, n: int) -> torch.Tensor:
    validate.choice(str(digit), CLASSES, "class")
    return torch.arange(n) % 10 if str(digit) == "all ten" else torch.full((n,), int(digit))


def _network(sampler: str):
    return default_registry().load("student" if sampler == STUDENT else "diffusion")


def _timed(sampler: str, labels, nfe: int, seed: int):
    """-> (digits (n, 1, 28, 28) in [0, 1], seconds)."""
    net = _network(sampler)
    t0 = time.perf_counter()
    with torch.inference_mode():
        x = fast_samples(net, sampler, labels, nfe, seed, GUIDANCE)
    return x, time.perf_counter() - t0


def read_as_intended(x: torch.Tensor, labels: torch.Tensor) -> str:
    """ "k/n": how many of the digits x (n, 1, 28, 28) the evaluator reads as their ``labels``."""
    from models.metrics import predict

    with torch.inference_mode():
        hits = int((predict(default_registry().load("evaluator"), x) == labels).sum())
    return f"{hits}/{len(labels)}"


def _shipped_point(sampler: str, nfe: int) -> str:
    """The point's shipped measurement (n = 200), if the curve has it."""
    if not RESULTS_JSON.exists():
        return ""
    res = json.loads(RESULTS_JSON.read_text())
    rows = [*res.get("curve", []), *res.get("student", {}).get("rows", [])]
    row = next((r for r in rows if r["sampler"] == sampler and r["nfe"] == nfe), None)
    if row is None:
        return ""
    return " " + tr("Measured over {n} samples (the curve): digits-FID **{fid:.1f}**, recall {recall:.2f}, class "
                    "accuracy {accuracy:.0%}.", n=row["n"], fid=row["fid"], recall=row["recall"],
                    accuracy=row["class_accuracy"])  # fmt: skip


def point_inputs(sampler, nfe, digit, seed, n, nfe_max: int):
    sampler = validate.choice(sampler, SAMPLERS, "sampler")
    nfe = validate.number(nfe, 1, nfe_max, "network evaluations", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    n = validate.number(n, 1, SETTINGS.fast_batch_max, "number of samples", integer=True)
    return sampler, nfe, class_labels(digit, n), seed


def fast_sample(sampler="DDIM", nfe=4, digit="all ten", seed=0, n=10):
    """API /fast_sample: one point of the curve, live: ``sampler`` at ``nfe`` network evaluations
    (the student: LCM steps, at most ``student_steps_max``), beside the teacher's DDIM-50 from the
    same noise. -> (picture: the point's row above the reference row, Markdown)."""
    nfe_max = SETTINGS.student_steps_max if sampler == STUDENT else SETTINGS.fast_nfe_max
    sampler, nfe, labels, seed = point_inputs(sampler, nfe, digit, seed, n, nfe_max)
    used = nfe  # Heun's 2 calls a step (but the last) make odd budgets: it runs the most that fit
    if sampler != STUDENT:
        used = evaluations(make_fast_scheduler(sampler, _network(sampler).scheduler_config()), steps_for(sampler, nfe))
    x, seconds = _timed(sampler, labels, nfe, seed)
    ref, ref_seconds = _timed("DDIM", labels, 50, seed)
    picture = labelled_rows([x, ref], [f"{sampler}, {used} NFE", "DDIM, 50 NFE"])
    budget = tr(" (the most that fit in {nfe})", nfe=nfe) if used != nfe else ""
    text = tr("**{sampler} at {used} network evaluations{budget}: {s:.2f} s** for {n} ({k} read as intended); the "
              "teacher's DDIM-50 from the same noise: {ref_s:.2f} s ({ref_k} read as intended).", sampler=sampler,
              used=used, budget=budget, s=seconds, n=len(labels), k=read_as_intended(x, labels), ref_s=ref_seconds,
              ref_k=read_as_intended(ref, labels)) + _shipped_point(sampler, nfe)  # fmt: skip
    return picture, text


def student_compare(digit="all ten", steps=2, seed=0, n=16):
    """API /student_compare: the student at ``steps`` LCM steps, DDIM at the same number of
    evaluations and the teacher's DDIM-50, one seed, timed now. -> (picture of the three rows,
    Markdown table)."""
    _, steps, labels, seed = point_inputs(STUDENT, steps, digit, seed, n, SETTINGS.student_steps_max)
    rows = [(STUDENT, steps), ("DDIM", steps), ("DDIM", 50)]
    runs = [_timed(name, labels, k, seed) for name, k in rows]
    names = [f"{name}, {k} NFE" for name, k in rows]
    table = [tr("| | seconds (all {n}) | read as intended |", n=len(labels)), "|---|---|---|"]
    table += [f"| {name} | {s:.2f} | {read_as_intended(x, labels)} |"
              for name, (x, s) in zip(names, runs, strict=True)]  # fmt: skip
    speedup = runs[2][1] / runs[0][1]
    table += ["", tr("The student is **{speedup:.0f}× faster** than the teacher's DDIM-50 here, on this machine. A "
                     "student step is one plain call of a UNet of the teacher's size: guidance was folded in when it "
                     "was distilled, so it needs no unconditional pass.", speedup=speedup)]  # fmt: skip
    return labelled_rows([x for x, _ in runs], names), "\n".join(table)
