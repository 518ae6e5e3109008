"""Handlers of the guidance-grid tab: the grid with its trade-off measures, and one cell's mechanics."""

from __future__ import annotations

import time

import gradio as gr
import numpy as np
import torch

from models.core.registry import default_registry
from models.diffusion.guidance_grid import GridSpec, cell_mechanics, grid_rows, tradeoff
from models.diffusion.samplers import SAMPLERS
from playground import validate
from playground.files import generated_file
from playground.i18n import tr
from playground.progress import Progress
from playground.ranges import RangeError, parse_values
from playground.recorded import Recording, recorded_note, show
from playground.settings import SETTINGS
from playground.tabs.cfg.texts import say
from playground.tabs.cfg.view import grid_image, mechanics_strip, tradeoff_figure

CLASS_CHOICES = (*[str(d) for d in range(10)], "unconditional")
THIRD_AXES = ("none", "steps", "sampler")
THIRD_EXAMPLES = {"steps": "10, 25", "sampler": "DDIM, DPM-Solver++"}  # the values box's example per axis
MODEL = "diffusion"


def _model():
    return default_registry().load(MODEL)


def _values(text, what: str, lo: float, hi: float, max_values: int, integer: bool = False) -> list[float]:
    try:
        values = parse_values(text, max_values=max_values)
    except RangeError as e:
        raise gr.Error(say("what_error", what=tr(what), error=e)) from None
    return [validate.number(v, lo, hi, what, integer=integer) for v in values]


def _labels(classes, null_class: int) -> list[int]:
    if isinstance(classes, str):
        classes = [c for c in classes.replace(",", " ").split() if c]
    if not classes:
        raise gr.Error(say("pick_least_one_class"))
    out = []
    for c in classes:
        validate.choice(str(c), CLASS_CHOICES, "class")
        out.append(null_class if str(c) == "unconditional" else int(c))
    return out


def _third_axis(axis: str, values: str, steps: int, sampler: str) -> list[tuple[str, int, str]]:
    """-> [(title, steps, sampler)] for each sub-grid."""
    validate.choice(axis, THIRD_AXES, "third axis")
    if axis == "none":
        return [(say("sampler_steps_steps", sampler=sampler, steps=steps), steps, sampler)]
    if axis == "steps":
        counts = _values(values, "steps values", 1, SETTINGS.cfg_steps_max, SETTINGS.cfg_third_max, integer=True)
        return [(say("sampler_steps_steps", sampler=sampler, steps=int(n)), int(n), sampler) for n in counts]
    names = [v.strip() for v in str(values).split(",") if v.strip()]
    if not names or len(names) > SETTINGS.cfg_third_max:
        raise gr.Error(say("give_1_n_samplers", n=SETTINGS.cfg_third_max, names=", ".join(SAMPLERS)))
    return [
        (say("sampler_steps_steps", sampler=validate.choice(n, SAMPLERS, "sampler"), steps=steps), steps, n)
        for n in names
    ]


def third_axis_controls(axis, values):
    """UI: the controls the third axis leaves meaningful. Its values box only for an axis (labelled with what
    it takes, and its example when what it holds is not of that kind); the main steps slider not when the
    sub-grids set the steps, the main sampler not when they set the sampler.
    -> (steps update, sampler update, values update)."""
    if axis not in THIRD_AXES:
        return gr.skip(), gr.skip(), gr.skip()
    if axis == "none":
        return gr.update(visible=True), gr.update(visible=True), gr.update(visible=False)
    label = say("steps_each_sub_grid") if axis == "steps" else say("samplers_each_sub_grid")
    box = {"visible": True, "label": label}
    try:
        _third_axis(axis, values, 25, "DDIM")
    except gr.Error:
        box["value"] = THIRD_EXAMPLES[axis]
    return gr.update(visible=axis != "steps"), gr.update(visible=axis != "sampler"), gr.update(**box)


def at_step_range(steps, at_step):
    """UI: the "at step" slider of one cell's mechanics spans the cell's steps (0 … steps − 1)."""
    try:
        steps = validate.number(steps, 1, SETTINGS.cfg_steps_max, "steps", integer=True)
    except gr.Error:
        return gr.skip()
    last = steps - 1
    update = {"maximum": max(last, 1)}  # (a slider needs a range; a 1-step run's step 1 is refused by the check)
    if isinstance(at_step, int | float) and at_step > last:
        update["value"] = last
    return gr.update(**update)


PROGRESS = "▶"  # how a status line in the table's place starts (and a finished table does not)


def cfg_grid(classes, scales, seeds, steps, sampler, third_axis, third_values, rescale, extra):
    """API /cfg_grid (streaming): rows = classes, columns = guidance scales, several seeds per cell, optional
    sub-grids over steps or sampler. Yields the grid as its rows finish (the rest blank), with a status line
    (cells done of all, an ETA) in the table's place, the plot and file cleared; the last yield is
    (grid PNG, trade-off plot, table Markdown, PNG file path), what ``client.predict`` returns."""
    model = _model()
    labels = _labels(classes, model.null_class)
    w = _values(scales, "guidance scales", 0, SETTINGS.diffusion_guidance_max, SETTINGS.cfg_cols_max)
    seed_list = [int(s) for s in _values(seeds, "seeds", 0, 2**31 - 1, SETTINGS.cfg_seeds_max, integer=True)]
    steps = validate.number(steps, 1, SETTINGS.cfg_steps_max, "steps", integer=True)
    validate.choice(sampler, SAMPLERS, "sampler")
    rescale = validate.number(rescale, 0.0, 1.0, "CFG-rescale φ")
    extra = validate.number(extra, 0, SETTINGS.cfg_extra_max, "extra samples per cell", integer=True)
    if len(labels) > SETTINGS.cfg_rows_max:
        raise gr.Error(say("most_n_rows_classes", n=SETTINGS.cfg_rows_max, got=len(labels)))
    blocks_spec = _third_axis(third_axis, third_values, steps, sampler)
    n_images = len(labels) * len(w) * len(seed_list) * len(blocks_spec)
    if n_images > SETTINGS.cfg_images_max:
        raise gr.Error(say("grid_n_images_rows", n=n_images, limit=SETTINGS.cfg_images_max))
    specs = [GridSpec(tuple(labels), tuple(w), tuple(seed_list), n, name, rescale) for _, n, name in blocks_spec]
    if extra:  # the trade-off, on the first sub-grid plus extra seeds for every cell
        more = tuple(max(seed_list) + 1 + k for k in range(extra))
        specs.append(GridSpec(tuple(labels), tuple(w), more, specs[0].steps, specs[0].sampler, rescale))
    rows = [say("uncond") if y == model.null_class else say("class_y", y=y) for y in labels]
    cols, titles = [f"w = {v:g}" for v in w], [t for t, _, _ in blocks_spec]
    blocks = [torch.ones(len(labels), len(w), len(seed_list), 1, 32, 32) for _ in blocks_spec]  # white: to come
    progress, at = Progress(sum(s.n_images * s.steps for s in specs)), _Where(specs, len(blocks_spec))
    yield grid_image(blocks, rows, cols, titles), None, at.line(progress), None  # the old plot, table, file go
    samples = []
    for b, spec in enumerate(specs):
        done = blocks[b] if b < len(blocks) else torch.ones(len(labels), len(w), len(spec.seeds), 1, 32, 32)

        def shown(step, b=b):
            # the grid is drawn again only when a row has finished (a status line alone otherwise)
            drawn = step.samples is not None and b < len(blocks)
            picture = grid_image(blocks, rows, cols, titles) if drawn else gr.skip()
            return picture, gr.skip(), at.line(progress), gr.skip()

        rows_done = at.store(grid_rows(model, spec), b, done)
        yield from progress.follow(rows_done, shown, len(spec.scales) * len(spec.seeds), _row_finished)
        samples.append(done)
    image = grid_image(blocks, rows, cols, titles)
    path = str(generated_file("cfg_grid.png"))
    image.save(path)
    measured = torch.cat([samples[0], samples[-1]], 2) if extra else samples[0]
    m = tradeoff(default_registry().load("evaluator"), measured, tuple(labels), model.null_class)
    n_cond = sum(y != model.null_class for y in labels) * measured.shape[2]
    first = titles[0] if len(titles) > 1 else None
    seconds = time.perf_counter() - progress.t0  # what the visitor waited: a time shown must be the click's
    table = _table(w, m, n_cond, seconds, n_images, len(seed_list) + extra, first)
    yield image, tradeoff_figure(w, m["accuracy"], m["diversity"], n_cond, first), table, path


# The tour's trade-off grid (ten classes, six scales, 180 samples: about half a minute on 2 cores), recorded.
TRADE_OFF = Recording(
    "cfg-trade-off",
    cfg_grid,
    ([str(d) for d in range(10)], "0, 1, 2, 3, 5, 8", "0", 20, "DDIM", "none", "10, 25", 0.0, 2),
)


def cfg_recorded():
    """API /cfg_recorded: the trade-off grid as recorded (``TRADE_OFF``), at once -> (its nine control values,
    grid, plot, table, PNG); **Generate grid** runs the same controls live."""
    grid, plot, table, png = show(TRADE_OFF)
    return (*TRADE_OFF.args, grid, plot, recorded_note(TRADE_OFF) + "\n\n" + table, png)


def cfg_stopped(text):
    """UI, with Stop: a status line left by the stopped grid says it stopped (a finished table stays)."""
    if isinstance(text, str) and text.startswith(PROGRESS):
        return say("stopped_rows_shown_are")
    return gr.skip()


def _row_finished(step) -> bool:
    """A finished row shows at once (its samples, or the extra samples' count), whatever the pace."""
    return step.samples is not None


class _Where:
    """Where a grid's passes (its sub-grids, then the extra samples) have got to: the block and row running,
    the cells done, and the status line that says so beside ``Progress``' time left."""

    def __init__(self, specs: list[GridSpec], n_blocks: int):
        self.specs, self.n_blocks = specs, n_blocks
        self.cells = sum(len(s.labels) * len(s.scales) for s in specs)
        self.cells_done, self.block, self.row = 0, 0, 0

    def store(self, row_steps, block: int, done: torch.Tensor):
        """``row_steps`` (``grid_rows``) of pass ``block``, each finished row written into ``done``."""
        self.block, self.row = block, 0
        for step in row_steps:
            if step.samples is not None:
                done[step.row] = step.samples
                self.cells_done += len(self.specs[block].scales)
                self.row = step.row + 1
            yield step

    def line(self, progress: Progress) -> str:
        rows = len(self.specs[self.block].labels)
        r = min(self.row + 1, rows)
        if self.block >= self.n_blocks:
            part = say("extra_samples_measures_row", r=r, n=rows)
        elif self.n_blocks > 1:
            part = say("sub_grid_b_nb", b=self.block + 1, nb=self.n_blocks, r=r, n=rows)
        else:
            part = say("row_r_n", r=r, n=rows)
        if not progress.done:
            return PROGRESS + " " + say("done_total_cells_done", done=0, total=self.cells, part=part)
        seconds = time.perf_counter() - progress.t0
        line = say(
            "done_total_cells_done_2",
            done=self.cells_done,
            total=self.cells,
            part=part,
            seconds=seconds,
            left=progress.left_s(),
        )
        return PROGRESS + " " + line


def _table(scales, m, n_cond: int, seconds: float, n_images: int, per_cell: int, first: str | None = None) -> str:
    lines = [say("w_class_accuracy_diversity"), "|---|---|---|"]
    for w, a, d in zip(scales, m["accuracy"], m["diversity"], strict=True):
        lines.append(f"| {w:g} | {'–' if np.isnan(a) else f'{100 * a:.0f}%'} | {'–' if np.isnan(d) else f'{d:.2f}'} |")
    note = "\n" + say(
        "n_images_seconds_1f",
        n=n_images,
        seconds=seconds,
        n_cond=n_cond,
    )
    if first:
        note += say("measures_are_first_sub", title=first)
    if per_cell < 2:
        note += say("diversity_needs_least_two")
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
    strip = mechanics_strip(
        [
            (c.x_t, "x_t", 3.0),
            (c.eps_uncond, say("eps_u_unconditional"), 3.0),
            (c.eps_cond, say("eps_c_class"), 3.0),
            (c.eps_cond - c.eps_uncond, say("eps_c_eps_u"), 0.75),
            (c.eps_guided, f"ε̂ = ε̂_u + {scale:g}(ε̂_c − ε̂_u)", 3.0),
            (c.x0_guided, say("x0_guided_eps"), 1.0),
        ]
    )
    diff = float((c.eps_cond - c.eps_uncond).std())
    md = say(
        "step_0_based_steps",
        at=at_step,
        steps=steps,
        t=c.t,
        w=scale,
        diff=diff,
        std=float(c.eps_cond.std()),
    )
    return strip, md
