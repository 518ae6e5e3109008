"""Handlers of the home tab: the metrics lab, nearest neighbours, the measured trilemma.

API names: /metrics_lab, /nearest_neighbours, /trilemma, /trilemma_speed. Limits are enforced here
(the API bypasses the widgets), so a call stays within seconds on 2 CPU cores.
"""

from __future__ import annotations

import gradio as gr

from models.core.registry import default_registry
from models.core.results import load_result, result_path
from models.generators import GENERATORS, ms_per_sample
from models.measure.metrics_lab import BREAKS, Break, lab, measured_once, nearest_training_digits
from playground import validate
from playground.i18n import tr
from playground.tabs.home.texts import say
from playground.tabs.home.view import measures_table, neighbours_panel, trilemma_figure, trilemma_table

LAB_N = (20, 1000)  # samples in a lab set: FID needs more than its 128 features to be stable
NEIGHBOURS_MAX = 16
# The amount each break reads, with its range and default (the slider's label says which).
AMOUNTS = {"drop classes": (1, 9, 5), "blur": (0.0, 3.0, 1.0), "add noise": (0.0, 0.5, 0.1)}
QUALITY_AXES = ("precision", "FID")

LESSONS = {
    "none": "New digits from the data distribution: the numbers a perfect generator gets at this sample size.",
    "drop classes": "Mode dropping: recall and coverage fall with the classes missing; precision does not "
    "notice (every digit left is a good one). FID rises, mostly through its covariance term.",
    "blur": "Blurry samples (the VAE's failure): precision and density fall — the samples leave the real "
    "digits' neighbourhoods — and FID rises; classes are all still there.",
    "add noise": "Noisy samples: every measure collapses quickly; the evaluator stops recognising digits.",
    "copies of training digits": "Memorisation: FID, precision and recall look as good as real new digits — "
    "better, even. Only the nearest-neighbour panel shows it: each sample sits at distance 0 from a "
    "training digit.",
    "fewer samples": "The same perfect digits, fewer of them: FID rises — it is biased upwards at small "
    "samples — while KID, unbiased, stays near 0. Compare FIDs only at the same sample size.",
}


def default_amount(kind) -> float:
    """The amount a break starts at when chosen (0 for those without one)."""
    return AMOUNTS.get(kind, (0, 0, 0))[2]


def _evaluator():
    return default_registry().load("evaluator")


def metrics_lab(kind, amount, n, seed):
    """API /metrics_lab: break the held-out digits on purpose and measure them (~1 s on 2 cores; the first
    call also measures the reference and the baseline, and says so first).

    kind: one of BREAKS; amount: classes dropped (1-9), blur σ (0-3 px) or noise σ (0-0.5), ignored
    otherwise; n: samples (20-1000); seed. -> (measures table Markdown, the first 8 samples beside
    their nearest training digits, lesson Markdown).
    """
    kind = validate.choice(kind, BREAKS, "break")
    n = validate.number(n, *LAB_N, "samples n", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    if kind in AMOUNTS:
        lo, hi, _ = AMOUNTS[kind]
        amount = validate.number(amount, lo, hi, f"amount ({kind})", integer=kind == "drop classes")
    else:
        amount = 0.0
    b = Break(kind, float(amount), int(n))
    if not measured_once(_evaluator()):
        yield say("measuring_reference_unbroken_digits"), gr.skip(), gr.skip()
    result = lab(_evaluator(), b, seed)
    x = result["samples"]
    idx, dist = nearest_training_digits(x[:8])
    yield (
        measures_table(result["baseline"], result["broken"], kind, n),
        neighbours_panel(x[:8], idx, dist),
        f"**{tr(kind)}**: {tr(LESSONS[kind])}",  # every break and lesson has its Chinese in texts.py
    )


def nearest_neighbours(generator, n, seed):
    """API /nearest_neighbours: n samples of a shipped generator beside their 3 closest training digits
    (pixel L2). -> (panel, caption Markdown)."""
    generator = validate.choice(generator, list(GENERATORS), "generator")
    n = validate.number(n, 1, NEIGHBOURS_MAX, "samples", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    x = GENERATORS[generator].sample(n, seed)
    idx, dist = nearest_training_digits(x)
    closest = float(dist[:, 0].min())
    verdict = say("copy") if closest < 1e-3 else say("no_copy")
    return (
        neighbours_panel(x, idx, dist),
        say(
            "generator_n_samples_closest",
            generator=tr(generator),  # every generator's name has its Chinese in texts.py
            n=n,
            closest=closest,
            verdict=verdict,
        ),
    )


def _results() -> dict:
    data = load_result("trilemma")
    if data is None:
        raise gr.Error(say("no_trilemma_results_shipped"))
    return data


def trilemma(quality):
    """API /trilemma: the shipped measurements (``python -m benchmarks.trilemma``).
    quality: "precision" or "FID" (the chart's y axis). -> (chart, course table Markdown, sample grids)."""
    quality = validate.choice(quality, QUALITY_AXES, "quality axis")
    data = _results()
    grids = [(str(result_path("trilemma_grids") / p), tr(r["name"])) for r in data["rows"] if (p := r.get("grid"))]
    return trilemma_figure(data["rows"], quality), trilemma_table(data), grids


def trilemma_speed(quality):
    """API /trilemma_speed (streaming: the chart redrawn as each generator is timed, ~15 s in all on 2 cores):
    re-measure the cost axis (ms per sample, a batch of 16) on this machine. -> (chart, course table Markdown)."""
    quality = validate.choice(quality, QUALITY_AXES, "quality axis")
    data = _results()
    timed = [r for r in data["rows"] if r["name"] in GENERATORS and GENERATORS[r["name"]].evaluations <= 100]
    for i, r in enumerate(timed):
        r["ms_per_sample"] = ms_per_sample(GENERATORS[r["name"]], repeats=1)
        data["machine"] = say("machine_just_now_i", i=i + 1, n=len(timed))
        yield trilemma_figure(data["rows"], quality), trilemma_table(data)
