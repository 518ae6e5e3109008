"""Handlers of the GAN tab: the live 2-D lab (train / step / reset / replay / compare) and the
digit DCGAN snapshots. A visitor's run lives in ``gr.State``; nothing per visitor is global."""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import gradio as gr
import numpy as np
import torch

from models.core.assets import ASSETS_DIR
from models.core.toy2d import TOY_SETS
from models.gan.gan2d import OBJECTIVES, GAN2DConfig
from models.gan.gan2d_record import load_run
from models.gan.gan2d_run import EXTENTS, GAN2DRun
from playground import validate
from playground.compute_note import machine_line
from playground.i18n import tr
from playground.inputs import drawing_to_points
from playground.replay import chunks
from playground.settings import SETTINGS
from playground.tabs.gan.texts import say
from playground.tabs.gan.view import LAYERS, curves_figure, render_frame

DATASETS = ("ring8", "grid25", "spiral", "moons", "drawn")
KNOBS = (
    "dataset",
    "objective",
    "spectral_norm",
    "r1",
    "pack",
    "minibatch_std",
    "unrolled",
    "d_steps",
    "lr_g",
    "lr_d",
    "lr_drop_every",
    "width",
    "depth",
    "latent",
    "batch",
    "seed",
)

# Presets, and the run length at which benchmarks/gan_lab.py checks each one's claim (README).
PRESETS: dict[str, dict] = {
    # G's learning rate 10x D's: G jumps to wherever D is currently fooled, faster than D can follow,
    # so all its samples sit in one blob that hops around the ring.
    "collapse and mode hopping (G outruns D)": dict(dataset="ring8", objective="nonsaturating", lr_g=1e-3, lr_d=1e-4),
    # The saturating loss of the original paper: weak gradients for G where D is confident. Its
    # outcome depends on the seed (collapse onto one mode, hopping, or a blurry spread): see README.
    "saturating minimax loss (unstable)": dict(dataset="ring8", objective="minimax"),
    # R1 keeps D's gradient on real data small, so G settles on the modes; the rate drop sharpens them.
    "fix: R1 penalty + rate drop": dict(objective="nonsaturating", r1=1.0, lr_drop_every=8000),
    # The least-squares loss (Mao 2017) keeps pulling samples that D already calls real towards the
    # data, instead of letting their gradient vanish; with R1 and the rate drop it covers every mode too.
    "fix: least-squares loss + R1 + rate drop": dict(objective="lsgan", r1=1.0, lr_drop_every=8000),
    # D judges 4 samples at once and so sees a lack of diversity.
    "fix: PacGAN (pack 4) + rate drop": dict(objective="nonsaturating", pack=4, r1=1.0, lr_drop_every=8000),
    "fix: WGAN-GP": dict(objective="wgan-gp", d_steps=5, lr_g=1e-4, lr_d=1e-4),
    "fix: unrolled D (5 steps)": dict(objective="nonsaturating", unrolled=5),
}
PRESET_STEPS = {
    "collapse and mode hopping (G outruns D)": 5000,
    "saturating minimax loss (unstable)": 5000,
    "fix: R1 penalty + rate drop": 16000,
    "fix: least-squares loss + R1 + rate drop": 16000,
    "fix: PacGAN (pack 4) + rate drop": 16000,
    "fix: WGAN-GP": 5000,
    "fix: unrolled D (5 steps)": 5000,
}
# D-guided refinement steps each preset samples with (0 = G's raw samples). The R1 fixes set it: their
# G covers every mode but, being continuous, leaves ~10% of its samples on bridges between grid modes;
# their D knows where the modes are, and 10 steps up D's logit move those samples onto them.
REFINED_FIXES = ("fix: R1 penalty + rate drop", "fix: least-squares loss + R1 + rate drop")
PRESET_REFINE = {name: 10 if name in REFINED_FIXES else 0 for name in PRESETS}


# Each preset's finished run at its own length, seed 0, on its data set (the ring where it does not fix one):
# written by ``python -m scripts.record_runs`` with ``train_streamed``, shown by /gan_recorded at once.
RECORDED_DIR = ASSETS_DIR / "runs" / "gan"


def recorded_path(preset: str) -> Path:
    return RECORDED_DIR / (re.sub(r"[^a-z0-9]+", "-", preset.lower()).strip("-") + ".safetensors")


@functools.lru_cache(maxsize=len(PRESETS))
def recorded_run(preset: str) -> GAN2DRun:
    """The preset's shipped finished run, read once (a recorded run is only shown, never trained on: Train
    starts a new run, so every visitor can share it)."""
    return load_run(recorded_path(preset))


def preset_config(name: str, dataset: str | None = None, seed: int = 0) -> GAN2DConfig:
    validate.choice(name, list(PRESETS), "preset")
    kw = dict(PRESETS[name])
    if dataset is not None:
        kw["dataset"] = dataset
    return GAN2DConfig(seed=seed, **kw)


def preset_knobs(name: str) -> list:
    """Knob values of a preset, then its run length and refinement steps (the data set is kept as
    the user chose it, unless the preset fixes it)."""
    cfg = dataclasses.asdict(preset_config(name))
    knobs = [gr.update() if k == "dataset" and "dataset" not in PRESETS[name] else cfg[k] for k in KNOBS]
    return [*knobs, PRESET_STEPS[name], PRESET_REFINE[name]]


def make_config(*knobs, **named) -> GAN2DConfig:
    """Validate every knob (the API bypasses the widgets) and build the config; knobs in ``KNOBS``
    order, or by name."""
    k = dict(zip(KNOBS, knobs, strict=True)) if knobs else named
    s = SETTINGS
    return GAN2DConfig(
        dataset=validate.choice(k["dataset"], DATASETS, "data set"),
        objective=validate.choice(k["objective"], OBJECTIVES, "objective"),
        spectral_norm=bool(k["spectral_norm"]),
        r1=validate.number(k["r1"], 0, 100, "R1 weight γ"),
        pack=validate.number(k["pack"], 1, s.gan_pack_max, "PacGAN packing", integer=True),
        minibatch_std=bool(k["minibatch_std"]),
        unrolled=validate.number(k["unrolled"], 0, s.gan_unrolled_max, "unrolled D steps", integer=True),
        d_steps=validate.number(k["d_steps"], 1, s.gan_d_steps_max, "D steps per G step", integer=True),
        lr_g=validate.number(k["lr_g"], 1e-6, 1e-1, "G learning rate"),
        lr_d=validate.number(k["lr_d"], 1e-6, 1e-1, "D learning rate"),
        lr_drop_every=validate.number(k["lr_drop_every"], 0, 10**6, "learning-rate drop interval", integer=True),
        width=validate.number(k["width"], 4, s.gan_width_max, "width", integer=True),
        depth=validate.number(k["depth"], 1, s.gan_depth_max, "depth", integer=True),
        latent=validate.number(k["latent"], 1, s.gan_latent_max, "latent size", integer=True),
        batch=validate.number(k["batch"], 8, s.gan_batch_max, "batch", integer=True),
        seed=validate.number(k["seed"], 0, 2**31 - 1, "seed", integer=True),
    )


def _status(run: GAN2DRun, note: str = "") -> str:
    m = run.latest_metrics()
    parts = [say("step_step", step=m["step"])]
    if "modes" in m:
        parts.append(say("modes_covered_modes_n", modes=m["modes"], n=m["n_modes"]))
        parts.append(say("high_quality_hq_1f", hq=100 * m["high_quality"]))
    parts.append(say("grid_kl_kl_2f", kl=m["kl"], js=m["js"]))
    if "refined_modes" in m:
        parts.append(
            say(
                "after_k_steps_d",
                k=run.refine_steps,
                modes=m["refined_modes"],
                n=m["n_modes"],
                hq=100 * m["refined_high_quality"],
            )
        )
    return " · ".join(parts) + (f"\n\n{note}" if note else "")


def _frame(run: GAN2DRun, layers, index: int = -1):
    snap = run.snapshots[index]
    title = say("step_step_2", step=snap.step)
    return render_frame(
        run.extent,
        run.real_eval,
        snap.fake,
        snap.surface,
        snap.arrows,
        run.centres,
        run.sigma,
        layers,
        title,
        refined=snap.refined,
    )


def _layers(layers) -> list[str]:
    if layers is None:
        return list(LAYERS)
    if isinstance(layers, str):
        layers = [layers]
    for v in layers:
        validate.choice(v, LAYERS, "layer")
    return list(layers)


def _refine_steps(value) -> int:
    return validate.number(value, 0, SETTINGS.gan_refine_max, "D-guided refinement steps", integer=True)


def _run_for(state, cfg: GAN2DConfig, sketch, refine: int) -> tuple[GAN2DRun, str]:
    """The visitor's run if the knobs are unchanged (refinement is a way of sampling: changing it
    keeps the run), else a new one."""
    run = (state or {}).get("run")
    if run is not None and run.cfg == cfg and run.recorded is None:  # a recorded run is shown, not trained on
        if run.refine_steps != refine:
            run.set_refine(refine)
        return run, ""
    drawn = drawing_to_points(sketch) if cfg.dataset == "drawn" else None
    if run is not None and run.recorded is not None:
        note = say("started_live_run_recorded")
    else:
        note = say("started_new_run_knobs") if run is not None else ""
    return GAN2DRun(cfg, drawn=drawn, refine_steps=refine), note


_D = GAN2DConfig  # the knobs' defaults, for API callers that name only what they change


@torch.inference_mode(False)  # training needs autograd, even if a caller turned inference mode on
def gan_train(
    dataset=_D.dataset,
    objective=_D.objective,
    spectral_norm=_D.spectral_norm,
    r1=_D.r1,
    pack=_D.pack,
    minibatch_std=_D.minibatch_std,
    unrolled=_D.unrolled,
    d_steps=_D.d_steps,
    lr_g=_D.lr_g,
    lr_d=_D.lr_d,
    lr_drop_every=_D.lr_drop_every,
    width=_D.width,
    depth=_D.depth,
    latent=_D.latent,
    batch=_D.batch,
    seed=_D.seed,
    steps=5000,
    layers=None,
    drawing=None,
    refine=0,
    state=None,
):
    """API /gan_train (streaming): the knobs (``KNOBS``, named), steps, layers, drawing, refine ->
    frames of (view, curves, status, scrubber, state). Continues the visitor's run when the knobs
    are unchanged."""
    cfg, sketch = make_config(**{k: v for k, v in locals().items() if k in KNOBS}), drawing
    n = validate.number(steps, 1, SETTINGS.gan_steps_max, "training steps", integer=True)
    layers = _layers(layers)
    run, note = _run_for(state, cfg, sketch, _refine_steps(refine))
    for _ in train_streamed(run, n):
        yield _outputs(run, layers, note)


def train_streamed(run: GAN2DRun, n: int):
    """n steps in ``gan_frames`` chunks, a snapshot at the end of each (one streamed view update after
    each): the live lab's training, and the recorded runs' (``scripts/record_runs.py``)."""
    for k in chunks(n, SETTINGS.gan_frames):
        run.advance(k)
        run.record_if_new()
        yield run


def _outputs(run: GAN2DRun, layers: list[str], note: str = "") -> tuple:
    """(view, curves, status, scrubber, state): what every lab event returns."""
    return _frame(run, layers), curves_figure({"run": run}), _status(run, note), _scrubber(run), {"run": run}


def _scrubber(run: GAN2DRun):
    return gr.update(maximum=max(1, len(run.snapshots) - 1), value=len(run.snapshots) - 1)


@torch.inference_mode(False)
def gan_step(*args):
    """One G step (after its D steps) on the visitor's run."""
    *knobs, layers, sketch, refine, state = args
    cfg = make_config(*knobs)
    run, note = _run_for(state, cfg, sketch, _refine_steps(refine))
    run.advance(1)
    run.record_if_new()
    return _outputs(run, _layers(layers), note)


@torch.inference_mode(False)
def gan_reset(
    dataset=_D.dataset,
    objective=_D.objective,
    spectral_norm=_D.spectral_norm,
    r1=_D.r1,
    pack=_D.pack,
    minibatch_std=_D.minibatch_std,
    unrolled=_D.unrolled,
    d_steps=_D.d_steps,
    lr_g=_D.lr_g,
    lr_d=_D.lr_d,
    lr_drop_every=_D.lr_drop_every,
    width=_D.width,
    depth=_D.depth,
    latent=_D.latent,
    batch=_D.batch,
    seed=_D.seed,
    layers=None,
    drawing=None,
    refine=0,
    state=None,
):
    """API /gan_reset: a fresh run of these knobs (named, as /gan_train's) -> (view, curves, status,
    scrubber, state)."""
    cfg, sketch = make_config(**{k: v for k, v in locals().items() if k in KNOBS}), drawing
    refine = _refine_steps(refine)
    run = GAN2DRun(cfg, drawn=drawing_to_points(sketch) if cfg.dataset == "drawn" else None, refine_steps=refine)
    return _outputs(run, _layers(layers))


def check_recorded_preset(preset) -> None:
    """UI, before showing a recorded run: with no preset chosen (the page starts so) or one without a recording,
    say so once, on no output (the lab's outputs each showed an error badge for it: issue 36)."""
    if not preset:
        raise gr.Error(say("choose_preset_first_finished"))
    if not recorded_path(validate.choice(preset, list(PRESETS), "preset")).exists():
        raise gr.Error(say("no_recorded_run_preset"))


def gan_recorded(preset="fix: R1 penalty + rate drop", layers=None, state=None):
    """API /gan_recorded: the preset's finished run as recorded (``RECORDED_DIR``: its own length, seed 0)
    -> (view, curves, status, scrubber, state), at once. Train then runs the same knobs live, from step 0."""
    if not preset:  # the page starts with no preset chosen
        raise gr.Error(say("choose_preset_first_finished"))
    name = validate.choice(preset, list(PRESETS), "preset")
    path = recorded_path(name)
    if not path.exists():
        raise gr.Error(say("no_recorded_run_preset"))
    run = recorded_run(name)
    meta, about = run.recorded, run.recorded["about"]
    note = say(
        "recorded_run_name_steps",
        name=tr(name),
        steps=meta["steps"],
        seed=run.cfg.seed,
        dataset=run.cfg.dataset,
        minutes=about["seconds"] / 60,
        machine=machine_line(about["machine"]),
        kept=len(run.snapshots),
        n=meta["snapshots"],
    )
    return _outputs(run, _layers(layers), note)


def gan_replay(index, layers, state):
    """Scrubber: the view at any recorded snapshot of the visitor's run (as a number is typed into its box
    too: an emptied box leaves the view as it is)."""
    run = (state or {}).get("run")
    if run is None:
        raise gr.Error(say("train_run_first_scrubber"))
    if index is None or (isinstance(index, str) and not index.strip()):
        return gr.skip()
    i = validate.number(index, 0, len(run.snapshots) - 1, "snapshot", integer=True)
    return _frame(run, _layers(layers), i)


def _variants(variants) -> list[str]:
    if not variants:
        raise gr.Error(say("tick_least_one_variant"))
    variants = [variants] if isinstance(variants, str) else list(variants)
    if len(variants) > SETTINGS.gan_compare_max:
        raise gr.Error(say("compare_most_n_variants", n=SETTINGS.gan_compare_max))
    for name in variants:
        validate.choice(name, list(PRESETS), "preset")
    return variants


COMPARE_HEAD = "| variant | steps | modes covered | high quality | after D-guided refinement | grid JS |"


def _compare_row(shown: str, run: GAN2DRun) -> str:
    """The table's row of one variant's finished run."""
    m = run.latest_metrics()
    modes = f"{m['modes']}/{m['n_modes']}" if "modes" in m else "–"
    hq = f"{100 * m['high_quality']:.1f}%" if "modes" in m else "–"
    refined = (
        say(
            "modes_n_hq_1f",
            modes=m["refined_modes"],
            n=m["n_modes"],
            hq=100 * m["refined_high_quality"],
            k=run.refine_steps,
        )
        if "refined_modes" in m
        else "–"
    )
    return f"| {shown} | {run.steps:,} | {modes} | {hq} | {refined} | {m['js']:.3f} |"


def gan_compare(variants, dataset="ring8", steps=0, seed=0):
    """API /gan_compare (streaming): several presets trained on the same data and seed, one after
    another, each for ``steps`` (0: each for its own length, ``PRESET_STEPS``, where its claim holds).
    -> (gallery of final views, overlaid curves, table of final metrics)."""
    variants = _variants(variants)
    dataset = validate.choice(dataset, [d for d in DATASETS if d != "drawn"], "data set")
    n = validate.number(steps, 0, SETTINGS.gan_steps_max, "training steps", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    runs, gallery, rows = {}, [], [tr(COMPARE_HEAD), "|---|---|---|---|---|---|"]
    for name in variants:
        run = GAN2DRun(preset_config(name, dataset, seed), refine_steps=PRESET_REFINE[name])
        runs[name] = run
        shown = tr(name)  # the preset's name as the visitor reads it
        for k in chunks(n or PRESET_STEPS[name], 10):
            run.advance(k)
            training = say("name_training", name=shown)
            yield gallery + [(_frame(run, list(LAYERS)), training)], curves_figure(runs), "\n".join(rows)
        run.record_if_new()
        gallery.append((_frame(run, list(LAYERS)), shown))
        rows.append(_compare_row(shown, run))
        yield gallery, curves_figure(runs), "\n".join(rows)


def gan_compare_recorded(variants):
    """API /gan_compare_recorded: the ticked presets' recorded finished runs side by side (each its own
    length, seed 0, on the ring where the preset does not fix its data) -> (gallery, curves, table), at once."""
    variants = _variants(variants)
    if not all(recorded_path(name).exists() for name in variants):
        raise gr.Error(say("no_recorded_run_preset"))
    runs = {name: recorded_run(name) for name in variants}
    gallery = [(_frame(run, list(LAYERS)), tr(name)) for name, run in runs.items()]
    rows = [tr(COMPARE_HEAD), "|---|---|---|---|---|---|", *(_compare_row(tr(n), r) for n, r in runs.items())]
    note = say("recorded_runs_python_m")
    return gallery, curves_figure(runs), "\n".join(rows) + "\n\n" + note


def dataset_preview(dataset: str):
    """The real data alone, before any training."""
    dataset = validate.choice(dataset, DATASETS, "data set")
    if dataset == "drawn":
        return None
    toy = TOY_SETS[dataset]
    return render_frame(
        EXTENTS[dataset],
        toy.sample(600),
        np.zeros((0, 2)),
        None,
        None,
        toy.centres,
        toy.sigma,
        ["real", "mode centres"],
    )
