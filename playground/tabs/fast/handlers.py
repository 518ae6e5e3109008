"""Handlers of the fast-sampling tab's sampler views: the measured quality-against-evaluations curve,
one point of it run live, and the distilled student beside DDIM at the same evaluations. The live runs
stream (the rows' x̂₀ and the steps done with the time left), so Stop or a closed page ends them.

API names: /nfe_curve, /fast_sample, /student_compare. Every run starts from the noise of its seed,
so a point and the teacher's DDIM-50 beside it start from the same x_T.
"""

from __future__ import annotations

import gradio as gr
import torch

from models.core.registry import default_registry
from models.core.results import load_result
from models.diffusion.fast_samplers import (
    FAST_SAMPLERS,
    STUDENT,
    evaluations,
    fast_samples_progressive,
    fast_steps,
    make_fast_scheduler,
    steps_for,
)
from models.diffusion.model import to_digit_space
from playground import validate
from playground.progress import Progress
from playground.settings import SETTINGS
from playground.tabs.fast.texts import say
from playground.tabs.fast.view import METRICS, curve_figure, curve_table, labelled_rows, shown, text_width

SAMPLERS = (*FAST_SAMPLERS, STUDENT)
DIGITS = tuple(map(str, range(10)))
CLASSES = (*DIGITS, "all ten")
NEEDS = ("diffusion", "student", "evaluator")
GUIDANCE = 2.0  # the scale the curve was measured at and the student was distilled with


def shipped_results() -> dict:
    res = load_result("fast_sampling")
    if res is None:
        raise gr.Error(say("no_fast_sampling_results"))
    return res


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


def _running(row: str, i: int) -> str:
    """The label of the row being sampled while it streams."""
    return say("row_x_step_i", row=row, i=i)


def _rows(runs: list[tuple[str, int, str]], labels, seed: int, what: str):
    """Stream the runs (sampler, nfe, row label) one after another, from the noise of ``seed``, under one
    ``Progress`` over all their steps: yields (picture, status) — the rows finished so far and the running
    row's x̂₀ — when an update is due; returns [(digits (n, 1, 28, 28) in [0, 1], seconds)], the seconds
    the samplers' own (``Progress.run_s``), not the updates drawn between their steps."""
    nets = [_network(name) for name, _, _ in runs]
    progress = Progress(sum(fast_steps(net, name, nfe) for net, (name, nfe, _) in zip(nets, runs, strict=True)))
    done = []
    for net, (name, nfe, row) in zip(nets, runs, strict=True):

        def update(rec, row=row):
            rows = [x for x, _ in done] + [to_digit_space(rec.x0_hat.float().cpu())]
            names = [label for _, _, label in runs[: len(done)]] + [_running(row, rec.index + 1)]
            steady = text_width(_running(row, rec.steps)) + 12  # one label column the whole run
            return labelled_rows(rows, names, left=max(150, steady)), progress.status(what)

        x = yield from progress.follow(fast_samples_progressive(net, name, labels, nfe, seed, GUIDANCE), update)
        done.append((x, progress.run_s))
    return done


def read_as_intended(x: torch.Tensor, labels: torch.Tensor) -> str:
    """ "k/n": how many of the digits x (n, 1, 28, 28) the evaluator reads as their ``labels``."""
    from models.measure.metrics import predict

    with torch.inference_mode():
        hits = int((predict(default_registry().load("evaluator"), x) == labels).sum())
    return f"{hits}/{len(labels)}"


def _shipped_point(sampler: str, nfe: int) -> str:
    """The point's shipped measurement (n = 200), if the curve has it."""
    res = load_result("fast_sampling")
    if res is None:
        return ""
    rows = [*res.get("curve", []), *res.get("student", {}).get("rows", [])]
    row = next((r for r in rows if r["sampler"] == sampler and r["nfe"] == nfe), None)
    if row is None:
        return ""
    return " " + say(
        "measured_over_n_samples", n=row["n"], fid=row["fid"], recall=row["recall"], accuracy=row["class_accuracy"]
    )


def point_inputs(sampler, nfe, digit, seed, n, nfe_max: int):
    sampler = validate.choice(sampler, SAMPLERS, "sampler")
    nfe = validate.number(nfe, 1, nfe_max, "network evaluations", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    n = validate.number(n, 1, SETTINGS.fast_batch_max, "number of samples", integer=True)
    return sampler, nfe, class_labels(digit, n), seed


def fast_sample(sampler="DDIM", nfe=4, digit="all ten", seed=0, n=10):
    """API /fast_sample (streaming: the rows' x̂₀ and the steps done while it samples): one point of the
    curve, live: ``sampler`` at ``nfe`` network evaluations (the student: LCM steps, at most
    ``student_steps_max``), beside the teacher's DDIM-50 from the same noise. -> (picture: the point's row
    above the reference row, Markdown)."""
    nfe_max = SETTINGS.student_steps_max if sampler == STUDENT else SETTINGS.fast_nfe_max
    sampler, nfe, labels, seed = point_inputs(sampler, nfe, digit, seed, n, nfe_max)
    used = nfe  # Heun's 2 calls a step (but the last) make odd budgets: it runs the most that fit
    steps = nfe if sampler == STUDENT else steps_for(sampler, nfe)
    if sampler != STUDENT:
        used = evaluations(make_fast_scheduler(sampler, _network(sampler).scheduler_config()), steps)
    runs = [(sampler, nfe, f"{shown(sampler)}, {used} NFE"), ("DDIM", 50, "DDIM, 50 NFE")]
    what = say("n_samples_sampler_steps", n=len(labels), sampler=sampler, steps=steps)
    (x, seconds), (ref, ref_seconds) = yield from _rows(runs, labels, seed, what)
    picture = labelled_rows([x, ref], [label for _, _, label in runs])
    budget = say("most_fit_nfe", nfe=nfe) if used != nfe else ""
    text = say(
        "sampler_used_network_evaluations",
        sampler=sampler,
        used=used,
        budget=budget,
        s=seconds,
        n=len(labels),
        k=read_as_intended(x, labels),
        ref_s=ref_seconds,
        ref_k=read_as_intended(ref, labels),
    ) + _shipped_point(sampler, nfe)
    yield picture, text


def student_compare(digit="all ten", steps=2, seed=0, n=16):
    """API /student_compare (streaming: the rows' x̂₀ and the steps done while it samples): the student at
    ``steps`` LCM steps, DDIM at the same number of evaluations and the teacher's DDIM-50, one seed, timed
    now. -> (picture of the three rows, Markdown table)."""
    _, steps, labels, seed = point_inputs(STUDENT, steps, digit, seed, n, SETTINGS.student_steps_max)
    runs = [(name, k, f"{shown(name)}, {k} NFE") for name, k in [(STUDENT, steps), ("DDIM", steps), ("DDIM", 50)]]
    what = say("n_samples_student_steps", n=len(labels), steps=steps)
    done = yield from _rows(runs, labels, seed, what)
    names = [label for _, _, label in runs]
    table = [say("seconds_all_n_read", n=len(labels)), "|---|---|---|"]
    table += [f"| {name} | {s:.2f} | {read_as_intended(x, labels)} |" for name, (x, s) in zip(names, done, strict=True)]
    speedup = done[2][1] / done[0][1]
    table += ["", say("student_speedup_0f_faster", speedup=speedup)]
    yield labelled_rows([x for x, _ in done], names), "\n".join(table)
