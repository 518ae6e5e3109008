"""Handlers of the guidance-grid tab: the grid with its trade-off measures, and one cell's mechanics."""

from __future__ import annotations

import time

import gradio as gr
import numpy as np
import torch

from models.guidance_grid import GridSpec, cell_mechanics, grid_samples, tradeoff
from models.registry import default_registry
from models.samplers import SAMPLERS
from playground import validate
from playground.files import generated_file
from playground.i18n import tr
from playground.ranges import RangeError, parse_values
from playground.settings import SETTINGS
from playground.tabs.cfg.view import grid_image, mechanics_strip, tradeoff_figure

CLASS_CHOICES = (*[str(d) for d in range(10)], "unconditional")
THIRD_AXES = ("none", "steps", "sampler")
MODEL = "diffusion"


def _model():
    return default_registry().load(MODEL)


def _values(text, what: str, lo: float, hi: float, max_values: int, integer: bool = False) -> list[float]:
    try:
        values = parse_values(text, max_values=max_values)
    except RangeError as e:
        raise gr.Error(tr("{what}: {error}", what=tr(what), error=e)) from None
    return [validate.number(v, lo, hi, what, integer=integer) for v in values]


def _labels(classes, null_class: int) -> list[int]:
    if isinstance(classes, str):
        classes = [c for c in classes.replace(",", " ").split() if c]
    if not classes:
        raise gr.Error(tr("Pick at least one class for the rows."))
    out = []
    for c in classes:
        validate.choice(str(c), CLASS_CHOICES, "class")
        out.append(null_class if str(c) == "unconditional" else int(c))
    return out


def _third_axis(axis: str, values: str, steps: int, sampler: str) -> list[tuple[str, int, str]]:
    """-> [(title, steps, sampler)] for each sub-grid."""
    validate.choice(axis, THIRD_AXES, "third axis")
    if axis == "none":
        return [(tr("{sampler}, {steps} steps", sampler=sampler, steps=steps), steps, sampler)]
    if axis == "steps":
        counts = _values(values, "steps values", 1, SETTINGS.cfg_steps_max, SETTINGS.cfg_third_max, integer=True)
        return [(tr("{sampler}, {steps} steps", sampler=sampler, steps=int(n)), int(n), sampler) for n in counts]
    names = [v.strip() for v in str(values).split(",") if v.strip()]
    if not names or len(names) > SETTINGS.cfg_third_max:
        raise gr.Error(tr("Give 1 to {n} samplers separated by commas, from: {names}.", n=SETTINGS.cfg_third_max,
                          names=", ".join(SAMPLERS)))  # fmt: skip
    return [(tr("{sampler}, {steps} steps", sampler=validate.choice(n, SAMPLERS, "sampler"), steps=steps), steps, n)
            for n in names]  # fmt: skip


@torch.inference_mode()
def cfg_grid(classes, scales, seeds, steps, sampler, third_axis, third_values, rescale, extra):
    """API /cfg_grid: rows = classes, columns = guidance scales, several seeds per cell, optional
    sub-grids over steps or sampler. -> (grid PNG, trade-off plot, table Markdown, PNG file path)."""
    model = _model()
    labels = _labels(classes, model.null_class)
    w = _values(scales, "guidance scales", 0, SETTINGS.diffusion_guidance_max, SETTINGS.cfg_cols_max)
    seed_list = [int(s) for s in _values(seeds, "seeds", 0, 2**31 - 1, SETTINGS.cfg_seeds_max, integer=True)]
    steps = validate.number(steps, 1, SETTINGS.cfg_steps_max, "steps", integer=True)
    validate.choice(sampler, SAMPLERS, "sampler")
    rescale = validate.number(rescale, 0.0, 1.0, "CFG-rescale φ")
    extra = validate.number(extra, 0, SETTINGS.cfg_extra_max, "extra samples per cell", integer=True)
    if len(labels) > SETTINGS.cfg_rows_max:
        raise gr.Error(tr("At most {n} rows (classes), got {got}.", n=SETTINGS.cfg_rows_max, got=len(labels)))
    blocks_spec = _third_axis(third_axis, third_values, steps, sampler)
    n_images = len(labels) * len(w) * len(seed_list) * len(blocks_spec)
    if n_images > SETTINGS.cfg_images_max:
        raise gr.Error(
            tr("That grid is {n} images (rows x columns x seeds x sub-grids); the limit is {limit}. Use fewer "
               "classes, scales, seeds or sub-grids.", n=n_images, limit=SETTINGS.cfg_images_max)
        )  # fmt: skip
    t0 = time.perf_counter()
    blocks = [
        grid_samples(model, GridSpec(tuple(labels), tuple(w), tuple(seed_list), n, name, rescale))
        for _, n, name in blocks_spec
    ]
    grid_seconds = time.perf_counter() - t0
    rows = [tr("uncond.") if y == model.null_class else tr("class {y}", y=y) for y in labels]
    image = grid_image(blocks, rows, [f"w = {v:g}" for v in w], [t for t, _, _ in blocks_spec])
    path = str(generated_file("cfg_grid.png"))
    image.save(path)
    # The trade-off, on the first sub-grid plus extra seeds for every cell when asked.
    measured = blocks[0]
    if extra:
        more = tuple(max(seed_list) + 1 + k for k in range(extra))
        _, n, name = blocks_spec[0]
        measured = torch.cat(
            [measured, grid_samples(model, GridSpec(tuple(labels), tuple(w), more, n, name, rescale))], 2
        )
    m = tradeoff(default_registry().load("evaluator"), measured, tuple(labels), model.null_class)
    n_cond = sum(y != model.null_class for y in labels) * measured.shape[2]
    table = _table(w, m, n_cond, grid_seconds, n_images, len(seed_list) + extra)
    return image, tradeoff_figure(w, m["accuracy"], m["diversity"], n_cond), table, path


def _table(scales, m, n_cond: int, seconds: float, n_images: int, per_cell: int) -> str:
    lines = [tr("| w | class accuracy | diversity |"), "|---|---|---|"]
    for w, a, d in zip(scales, m["accuracy"], m["diversity"], strict=True):
        lines.append(f"| {w:g} | {'–' if np.isnan(a) else f'{100 * a:.0f}%'} | {'–' if np.isnan(d) else f'{d:.2f}'} |")
    note = "\n" + tr(
        "{n} images in {seconds:.1f} s. Each scale measured on {n_cond} conditional samples; "
        "**every cell with the same seed starts from the same noise x_T**, so differences along a row are the "
        "guidance scale alone.",
        n=n_images, seconds=seconds, n_cond=n_cond,
    )  # fmt: skip
    if per_cell < 2:
        note += tr(" Diversity needs at least two samples per cell: add a seed or extra samples.")
    return "\n".join(lines) + "\n" + note


@torch.inference_mode()
def cfg_mechanics(digit, scale, seed, steps, at_step, rescale):
    """API /cfg_mechanics: one cell's unconditional and conditional noise predictions and their
    guided combination at one step. -> (picture strip, Markdown with the formula and numbers)."""
    model = _model()
    label = _labels([digit], model.null_class)[0]
    scale = validate.number(scale, 0, SETTINGS.diffusion_guidance_max, "guidance scale")
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    steps = validate.number(steps, 1, SETTINGS.cfg_steps_max, "steps", integer=True)
    at_step = validate.number(at_step, 0, steps - 1, "step to inspect", integer=True)
    rescale = validate.number(rescale, 0.0, 1.0, "CFG-rescale φ")
    c = cell_mechanics(model, label, scale, seed, steps, at_step, rescale=rescale)
    strip = mechanics_strip([
        (c.x_t, "x_t", 3.0),
        (c.eps_uncond, tr("eps_u (unconditional)"), 3.0),
        (c.eps_cond, tr("eps_c (class)"), 3.0),
        (c.eps_cond - c.eps_uncond, tr("eps_c - eps_u (x4)"), 0.75),
        (c.eps_guided, f"eps = eps_u + {scale:g}(eps_c - eps_u)", 3.0),
        (c.x0_guided, tr("x0 from guided eps"), 1.0),
    ])  # fmt: skip
    diff = float((c.eps_cond - c.eps_uncond).std())
    md = tr(
        "At step {at} of {steps} (t = {t}): **ε̂ = ε_u + w·(ε_c − ε_u)** with w = {w:g}. The class changes the "
        "noise prediction only a little (std of ε_c − ε_u = {diff:.3f}, against {std:.2f} for ε_c); guidance "
        "multiplies that difference by w.",
        at=at_step + 1, steps=steps, t=c.t, w=scale, diff=diff, std=float(c.eps_cond.std()),
    )  # fmt: skip
    return strip, md
