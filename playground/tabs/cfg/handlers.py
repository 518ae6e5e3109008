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
        raise gr.Error(f"{what}: {e}") from None
    return [validate.number(v, lo, hi, what, integer=integer) for v in values]


def _labels(classes, null_class: int) -> list[int]:
    if isinstance(classes, str):
        classes = [c for c in classes.replace(",", " ").split() if c]
    if not classes:
        raise gr.Error("Pick at least one class for the rows.")
    out = []
    for c in classes:
        validate.choice(str(c), CLASS_CHOICES, "class")
        out.append(null_class if str(c) == "unconditional" else int(c))
    return out


def _third_axis(axis: str, values: str, steps: int, sampler: str) -> list[tuple[str, int, str]]:
    """-> [(title, steps, sampler)] for each sub-grid."""
    validate.choice(axis, THIRD_AXES, "third axis")
    if axis == "none":
        return [(f"{sampler}, {steps} steps", steps, sampler)]
    if axis == "steps":
        counts = _values(values, "steps values", 1, SETTINGS.cfg_steps_max, SETTINGS.cfg_third_max, integer=True)
        return [(f"{sampler}, {int(n)} steps", int(n), sampler) for n in counts]
    names = [v.strip() for v in str(values).split(",") if v.strip()]
    if not names or len(names) > SETTINGS.cfg_third_max:
        raise gr.Error(f"Give 1 to {SETTINGS.cfg_third_max} samplers separated by commas, from: {', '.join(SAMPLERS)}.")
    return [(f"{validate.choice(n, SAMPLERS, 'sampler')}, {steps} steps", steps, n) for n in names]


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
        raise gr.Error(f"At most {SETTINGS.cfg_rows_max} rows (classes), got {len(labels)}.")
    blocks_spec = _third_axis(third_axis, third_values, steps, sampler)
    n_images = len(labels) * len(w) * len(seed_list) * len(blocks_spec)
    if n_images > SETTINGS.cfg_images_max:
        raise gr.Error(
            f"That grid is {n_images} images (rows x columns x seeds x sub-grids); the limit is "
            f"{SETTINGS.cfg_images_max}. Use fewer classes, scales, seeds or sub-grids."
        )
    t0 = time.perf_counter()
    blocks = [
        grid_samples(model, GridSpec(tuple(labels), tuple(w), tuple(seed_list), n, name, rescale))
        for _, n, name in blocks_spec
    ]
    grid_seconds = time.perf_counter() - t0
    rows = ["uncond." if y == model.null_class else f"class {y}" for y in labels]
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
    lines = ["| w | class accuracy | diversity |", "|---|---|---|"]
    for w, a, d in zip(scales, m["accuracy"], m["diversity"], strict=True):
        lines.append(f"| {w:g} | {'–' if np.isnan(a) else f'{100 * a:.0f}%'} | {'–' if np.isnan(d) else f'{d:.2f}'} |")
    note = (
        f"\n{n_images} images in {seconds:.1f} s. Each scale measured on {n_cond} conditional samples; "
        "**every cell with the same seed starts from the same noise x_T**, so differences along a row are the "
        "guidance scale alone."
    )
    if per_cell < 2:
        note += " Diversity needs at least two samples per cell: add a seed or extra samples."
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
        (c.eps_uncond, "eps_u (unconditional)", 3.0),
        (c.eps_cond, "eps_c (class)", 3.0),
        (c.eps_cond - c.eps_uncond, "eps_c - eps_u (x4)", 0.75),
        (c.eps_guided, f"eps = eps_u + {scale:g}(eps_c - eps_u)", 3.0),
        (c.x0_guided, "x0 from guided eps", 1.0),
    ])  # fmt: skip
    diff = float((c.eps_cond - c.eps_uncond).std())
    md = (
        f"At step {at_step + 1} of {steps} (t = {c.t}): **ε̂ = ε_u + w·(ε_c − ε_u)** with w = {scale:g}. "
        f"The class changes the noise prediction only a little (std of ε_c − ε_u = {diff:.3f}, against "
        f"{float(c.eps_cond.std()):.2f} for ε_c); guidance multiplies that difference by w."
    )
    return strip, md
