"""Handler of the fast-sampling tab's cascade view: a 16 x 16 base sample, then the diffusion
upsampler's steps streamed, beside bicubic, the transposed-convolution baseline and the upsampler
trained without noise augmentation, all from the same base samples.

API name: /upsample (streaming). The shipped measurements come from ``python -m benchmarks.cascade``.
"""

from __future__ import annotations

import time

import gradio as gr
import torch

from models.core.registry import default_registry
from models.core.results import load_result
from models.diffusion.cascade.model import (
    MAX_NOISE_LEVEL,
    base_samples,
    noised_condition,
    upsample,
    upsample_bicubic,
    upsample_progressive,
)
from models.diffusion.model import to_digit_space
from playground import validate
from playground.compute_note import machine_line
from playground.i18n import tr
from playground.settings import SETTINGS
from playground.tabs.fast.handlers import class_labels, read_as_intended
from playground.tabs.fast.texts import say
from playground.tabs.fast.view import labelled_rows

NEEDS = ("base16", "upsampler", "upsampler_noaug", "upsampler_tconv", "evaluator")
DEFAULT_LEVEL = 150  # benchmarks.cascade.CHOSEN_LEVEL: the lowest digits-FID of its sweep
GUIDANCE = 2.0


def _shown(x: torch.Tensor) -> torch.Tensor:
    """(n, 1, h, w) in about [-1, 1] -> [0, 1], the whole frame (the base's 16 x 16 is shown as it is)."""
    return ((x.float().cpu() + 1) / 2).clamp(0, 1)


def _live(rec) -> object:
    return labelled_rows([_shown(rec.x_t), _shown(rec.x0_hat)], ["x_t", say("x0_hat_predicted")])


def upsample_view(digit="all ten", noise_level=DEFAULT_LEVEL, base_steps=50, up_steps=25, seed=0, n=8):
    """API /upsample (streaming): n base samples (16 x 16, guided DDIM), then the upsampler's DDIM
    steps at 32 x 32 with the condition noised to ``noise_level`` (0..350). Yields (base samples,
    the upsampler's x_t and x̂₀ at the latest step, the comparison rows, Markdown status); the last
    two complete with the last update."""
    level = validate.number(noise_level, 0, MAX_NOISE_LEVEL, "noise level s", integer=True)
    base_steps = validate.number(base_steps, 1, SETTINGS.cascade_steps_max, "base steps", integer=True)
    up_steps = validate.number(up_steps, 1, SETTINGS.cascade_steps_max, "upsampler steps", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    n = validate.number(n, 1, SETTINGS.cascade_batch_max, "number of samples", integer=True)
    labels = class_labels(digit, n)
    reg = default_registry()
    t0 = time.perf_counter()
    low = base_samples(reg.load("base16"), labels, base_steps, seed, GUIDANCE)
    base_s = time.perf_counter() - t0
    base_picture = labelled_rows([_shown(low)], [say("n16x16_base")], cell=48)
    yield (
        base_picture,
        gr.skip(),
        gr.skip(),
        say("base_steps_ddim_steps", steps=base_steps, s=base_s),
    )
    last, t1 = 0.0, time.perf_counter()
    for rec in upsample_progressive(reg.load("upsampler"), low, level, up_steps, seed + 1):
        now = time.perf_counter()
        if rec.index == rec.steps - 1 or now - last >= 1.0 / SETTINGS.cascade_stream_fps:
            last = now
            if rec.index < rec.steps - 1:
                yield (
                    gr.skip(),
                    _live(rec),
                    gr.skip(),
                    say(
                        "upsampler_step_i_steps",
                        i=rec.index + 1,
                        steps=rec.steps,
                        t=rec.t,
                        level=level,
                    ),
                )
    up_s = time.perf_counter() - t1
    x = rec.x_prev.float().cpu().clamp(-1, 1)
    rows = _comparison(low, x, level, up_steps, seed)
    yield (
        base_picture,
        _live(rec),
        labelled_rows([_shown(v) for _, _, v in rows], [label for _, label, _ in rows]),
        (_status(rows, labels, base_s, up_s)),
    )


def _comparison(low, x, level: int, up_steps: int, seed: int) -> list[tuple[str, str, torch.Tensor]]:
    """(kind, label, (n, 1, 32, 32) in [-1, 1]) per way of going from the base samples to 32 x 32; the
    label in the visitor's language."""
    reg = default_registry()
    cond = noised_condition(low, level, torch.Generator().manual_seed(seed + 1))  # as the upsampler saw it
    with torch.inference_mode():
        tconv = reg.load("upsampler_tconv")(low).clamp(-1, 1)
    noaug = upsample(reg.load("upsampler_noaug"), low, 0, up_steps, seed + 1).clamp(-1, 1)
    big = lambda v: torch.nn.functional.interpolate(v, scale_factor=2, mode="nearest")  # noqa: E731
    return [
        ("base", say("base_nearest"), big(low)),
        ("condition", say("condition_s_level", level=level), big(cond.clamp(-1, 1))),
        ("bicubic", say("bicubic"), upsample_bicubic(low)),
        ("tconv", say("transposed_conv"), tconv),
        ("diffusion", say("diffusion_s_level", level=level), x),
        ("noaug", say("diffusion_no_aug"), noaug),
    ]


def _status(rows, labels, base_s: float, up_s: float) -> str:
    lines = [say("cascade_base_base_s", base_s=base_s, up_s=up_s, n=len(labels)), "", say("n16_16_32_32"), "|---|---|"]
    for kind, name, v in rows:
        if kind != "condition":
            lines.append(f"| {name} | {read_as_intended(to_digit_space(v), labels)} |")
    return "\n".join(lines)


def cascade_table() -> str:
    """The shipped measurements as Markdown, or how to make them."""
    res = load_result("cascade")
    if res is None:
        return say("no_cascade_measurements_shipped")
    out = [say("measured_python_m_benchmarks"), "", say("n16_16_32_32_2"), "|---|---|---|---|---|---|"]
    for r in res.get("compare", []):
        # the rows' names and inputs are the benchmark's own words: each has its Chinese in texts.py
        out.append(
            f"| {tr(r['row'])} | {tr(r['input']) if r.get('input') else ''} | {r['gflops_per_sample']} | "
            f"{r['fid']:.2f} | {r['recall']:.2f} | {r['class_accuracy']:.1%} |"
        )
    if res.get("levels"):
        out += [
            "",
            say("noise_level_s_augmented"),
            "",
            "| s | " + " | ".join(str(r["level"]) for r in res["levels"]) + " |",
            "|---|" + "---|" * len(res["levels"]),
            "| digits-FID | " + " | ".join(f"{r['fid']:.2f}" for r in res["levels"]) + " |",
        ]
    where = machine_line(res["machine"]) if res.get("machine") else say("unrecorded_machine")
    return "\n".join(out + ["", say("measured_machine", machine=where)])
