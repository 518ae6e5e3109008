"""Handlers of the flows tab's 2-D lab: train / reset / replay, the layer scrubber, the density
table of a clicked point, and flow matching beside the discrete flow. A visitor's runs live in
``gr.State`` ({"run": FlowRun, "fm": FlowMatchingRun}); nothing per visitor is global."""

from __future__ import annotations

import time

import gradio as gr
import numpy as np
import torch

from models.core.toy2d import TOY_SETS
from models.core.toy2d_samplers import toy_sampler
from models.flows.flow2d_run import EXTENTS, N_EVAL, FlowRun
from models.flows.flow_matching2d import STEP_COUNTS, FlowMatchingConfig, FlowMatchingRun, straightness
from models.flows.flows2d import FLOWS, Flow2DConfig, layer_name, log_prob_terms, pull_back, push_forward
from models.measure.mode_coverage import mode_coverage
from playground import validate
from playground.events import note
from playground.i18n import tr
from playground.inputs import drawing_to_points
from playground.map2d import MapGeometry
from playground.replay import chunks
from playground.settings import SETTINGS
from playground.tabs.flows import view
from playground.tabs.flows.texts import say

DATASETS = ("ring8", "grid25", "spiral", "moons", "drawn")
DIRECTIONS = ("z → x (sampling)", "x → z (density)")
# Presets: each family at the depth that covers the ring's 8 modes in ~3,000 steps (benchmarks/flows.py).
PRESETS: dict[str, dict] = {
    "RealNVP: 8 affine couplings": dict(flow="RealNVP", depth=8, width=64, lr=2e-3),
    "Glow: 8 steps (actnorm, linear, coupling)": dict(flow="Glow", depth=8, width=64, lr=2e-3),
    "spline: 4 rational-quadratic couplings": dict(flow="spline", depth=4, width=64, lr=2e-3),
}


def preset_knobs(name: str) -> list:
    """(flow, depth, width, learning rate) of a preset; the data set stays as chosen."""
    p = PRESETS[validate.choice(name, list(PRESETS), "preset")]
    return [p["flow"], p["depth"], p["width"], p["lr"]]


def make_config(dataset, flow, depth, width, lr, batch, seed) -> Flow2DConfig:
    """Validate every knob (the API bypasses the widgets) and build the config."""
    s = SETTINGS
    return Flow2DConfig(
        dataset=validate.choice(dataset, DATASETS, "data set"),
        flow=validate.choice(flow, FLOWS, "flow"),
        depth=validate.number(depth, 1, s.flow_depth_max, "depth (layers)", integer=True),
        width=validate.number(width, 8, s.flow_width_max, "width", integer=True),
        lr=validate.number(lr, 1e-5, 1e-1, "learning rate"),
        batch=validate.number(batch, 16, s.flow_batch_max, "batch", integer=True),
        seed=validate.number(seed, 0, 2**31 - 1, "seed", integer=True),
    )


def drawn_points(sketch) -> np.ndarray:
    """The drawn data set; a drawing thinner than the jitter is said to be a line (a flow then
    learns a ridge σ = 0.05 wide: allowed, but the visitor should know why it looks so sharp)."""
    pts = drawing_to_points(sketch, extent=EXTENTS["drawn"] * 0.85)
    minor = np.sqrt(np.linalg.eigvalsh(np.cov(pts.T))[0]) if len(pts) > 2 else 0.0
    if minor < 0.03:
        note(gr.Warning, say("all_your_points_lie"))
    return pts


def _layer_name(layer) -> str:
    """A layer's name as the visitor reads it (``layer_name``'s every value has Chinese in texts.py)."""
    return tr(layer_name(layer))


def _layers(layers) -> list[str]:
    if layers is None:
        return list(view.LAYERS)
    layers = [layers] if isinstance(layers, str) else list(layers)
    for v in layers:
        validate.choice(v, view.LAYERS, "layer")
    return layers


def _run_for(state, cfg: Flow2DConfig, sketch) -> tuple[FlowRun, str]:
    """The visitor's run if the knobs are unchanged, else a new one."""
    run = (state or {}).get("run")
    if run is not None and run.cfg == cfg:
        return run, ""
    drawn = drawn_points(sketch) if cfg.dataset == "drawn" else None
    note = say("started_new_run_knobs") if run is not None else ""
    return FlowRun(cfg, drawn=drawn), note


def _status(run: FlowRun, seconds: float | None = None, note: str = "") -> str:
    m = run.latest()
    parts = [say("step_step", step=m["step"]), say("held_out_nll_nll", nll=m["held_out_nll"])]
    if "kl_gap" in m:
        parts.append(say("true_entropy_h_h", h=m["entropy"], gap=m["kl_gap"]))
    if "modes" in m:
        parts.append(say("modes_covered_modes_n", modes=m["modes"], n_modes=m["n_modes"]))
        parts.append(say("high_quality_hq_1f", hq=100 * m["high_quality"]))
        parts.append(say("between_modes_bridge_1f", bridge=100 * m["bridge"], n=N_EVAL))
    parts.append(say("round_trip_max_f", err=run.invertibility_error()))
    if seconds is not None:
        parts.append(say("seconds_1f_s", seconds=seconds))
    return " · ".join(parts) + (f"\n\n{note}" if note else "")


def _view(run: FlowRun, layers: list[str], index: int = -1, marker=None):
    snap = run.snapshots[index]
    return view.render_view(
        run.extent,
        run.held_out,
        snap.samples,
        snap.log_density,
        run.centres,
        run.sigma,
        layers,
        say("step_step_2", step=snap.step),
        marker,
    )


def _outputs(run: FlowRun, layers: list[str], seconds=None, note: str = "") -> tuple:
    """(view, curves, status, replay scrubber, layer scrubber, state): what every lab event returns."""
    replay = gr.update(maximum=max(1, len(run.snapshots) - 1), value=len(run.snapshots) - 1)
    layer = gr.update(maximum=len(run.flow.flows))
    return _view(run, layers), view.curves_figure(run), _status(run, seconds, note), replay, layer, {"run": run}


@torch.inference_mode(False)  # training needs autograd, even if a caller turned inference mode on
def flow_train(
    dataset: str = "ring8",
    flow: str = "RealNVP",
    depth: int = 8,
    width: int = 64,
    lr: float = 2e-3,
    batch: int = 256,
    seed: int = 0,
    steps: int = 3000,
    layers: list[str] | None = None,
    sketch=None,
    state=None,
):
    """API /flow_train (streaming): train the visitor's flow by maximum likelihood, continuing it when
    the knobs are unchanged. Yields (view, curves, status, replay scrubber, layer scrubber, state)
    about ``flow_frames`` times."""
    cfg = make_config(dataset, flow, depth, width, lr, batch, seed)
    n = validate.number(steps, 1, SETTINGS.flow_steps_max, "training steps", integer=True)
    layers = _layers(layers)
    run, note = _run_for(state, cfg, sketch)
    t0 = time.perf_counter()
    for k in chunks(n, SETTINGS.flow_frames):
        run.advance(k)
        run.record_if_new()
        yield _outputs(run, layers, time.perf_counter() - t0, note)


@torch.inference_mode(False)
def flow_reset(
    dataset: str = "ring8",
    flow: str = "RealNVP",
    depth: int = 8,
    width: int = 64,
    lr: float = 2e-3,
    batch: int = 256,
    seed: int = 0,
    layers: list[str] | None = None,
    sketch=None,
    state=None,
):
    """API /flow_reset: a fresh, untrained flow (the identity map up to its fixed scale)."""
    cfg = make_config(dataset, flow, depth, width, lr, batch, seed)
    drawn = drawn_points(sketch) if cfg.dataset == "drawn" else None
    return _outputs(FlowRun(cfg, drawn=drawn), _layers(layers))


def _need_run(state) -> FlowRun:
    run = (state or {}).get("run")
    if run is None:
        raise gr.Error(say("train_flow_first_press"))
    return run


def flow_replay(index, layers, state):
    """The view at any recorded snapshot of the visitor's run."""
    run = _need_run(state)
    i = validate.number(index, 0, len(run.snapshots) - 1, "snapshot", integer=True)
    return _view(run, _layers(layers), i)


N_LAYER_POINTS, GRID_LINES, LINE_POINTS = 1500, 13, 80


def _grid_lines(lo: float, hi: float) -> np.ndarray:
    """GRID_LINES horizontal and vertical lines over [lo, hi]² -> (2·GRID_LINES, LINE_POINTS, 2)."""
    v, t = np.linspace(lo, hi, GRID_LINES), np.linspace(lo, hi, LINE_POINTS)
    horizontal = np.stack([np.broadcast_to(t, (GRID_LINES, LINE_POINTS)), np.repeat(v[:, None], LINE_POINTS, 1)], -1)
    return np.concatenate([horizontal, horizontal[..., ::-1]]).astype(np.float32)


@torch.no_grad()
def flow_layers(layer, direction: str = DIRECTIONS[0], state=None):
    """API /flow_layers: the points and a grid after ``layer`` layers of the visitor's flow. z → x:
    Gaussian samples (coloured by angle) and a grid over the base, pushed towards the data; x → z:
    held-out data (coloured by nearest mode) and a grid over the view, pulled back to the base.
    -> (picture, caption)."""
    run = _need_run(state)
    direction = validate.choice(direction, DIRECTIONS, "direction")
    n_layers = len(run.flow.flows)
    k = validate.number(layer, 0, n_layers, "layer", integer=True)
    run.flow.eval()
    if direction == DIRECTIONS[0]:
        z = torch.randn(N_LAYER_POINTS, 2, generator=torch.Generator().manual_seed(0))
        lines = torch.from_numpy(_grid_lines(-3, 3))
        points = push_forward(run.flow, z)[k].numpy()
        grid = push_forward(run.flow, lines.reshape(-1, 2))[k].reshape(lines.shape).numpy()
        colours = view.hue_colours(z.numpy())
        space = "z" if k == 0 else ("x" if k == n_layers else "h")
        done = (
            say("after_layer_k_n", k=k, n=n_layers, name=_layer_name(run.flow.flows[k - 1])) if k else say("base_z_n_0")
        )
    else:
        x = torch.from_numpy(run.held_out[:N_LAYER_POINTS])
        lines = torch.from_numpy(_grid_lines(-run.extent, run.extent))
        points = pull_back(run.flow, x)[0][k].numpy()
        grid = pull_back(run.flow, lines.reshape(-1, 2))[0][k].reshape(lines.shape).numpy()
        colours = view.mode_colours(x.numpy(), run.centres)
        space = "x" if k == 0 else ("z" if k == n_layers else "h")
        undone = _layer_name(run.flow.flows[n_layers - k]) if k else ""
        done = say("k_n_layers_undone", k=k, n=n_layers, name=undone) if k else say("data_x")
    if space == "z" and k:
        caption = say("direction_done_base_round", direction=tr(direction), done=done)
    else:
        caption = say("direction_done", direction=tr(direction), done=done)
    return view.render_layer(points, colours, grid, caption, space), caption


@torch.no_grad()
def flow_density(x1, x2, state=None):
    """API /flow_density: log q(x) at x = (x1, x2) of the visitor's flow, as log N(z) + Σ_k
    log|det J_k| with one row per layer (the change of variables). -> (Markdown table, view with a marker)."""
    run = _need_run(state)
    lim = 3 * run.extent
    x = torch.tensor([[validate.number(x1, -lim, lim, "x1"), validate.number(x2, -lim, lim, "x2")]])
    run.flow.eval()
    z, log_n, terms = log_prob_terms(run.flow, x)
    points, _ = pull_back(run.flow, x)
    rows = [say("layer_undone_x_towards"), "|---|---|---|"]
    n = len(run.flow.flows)
    for j, term in enumerate(terms[:, 0].tolist()):
        h = points[j + 1][0].tolist()
        rows.append(f"| {n - j}. {_layer_name(run.flow.flows[n - 1 - j])} | ({h[0]:.3f}, {h[1]:.3f}) | {term:+.3f} |")
    total = float(log_n[0] + terms[:, 0].sum())
    check = float(run.flow.log_prob(x)[0])
    zz = z[0].tolist()
    rows.append(say("log_n_z_0", z1=zz[0], z2=zz[1], log_n=float(log_n[0])))
    rows.append(say("log_q_x_sum", total=total, q=np.exp(total)))
    at = f"({float(x[0, 0]):.3f}, {float(x[0, 1]):.3f})"
    out = "\n".join(rows) + "\n\n" + say("x_normflows_log_prob", at=at, check=check)
    if run.centres is not None:
        truth = float(TOY_SETS[run.cfg.dataset].log_density(x.numpy().astype(np.float64))[0])
        out += say("true_log_p_x", truth=truth)
    return out, _view(run, _layers(None), marker=x[0].numpy())


def flow_pick(state, evt: gr.SelectData):
    """A click on the view -> (x1, x2) in the data's coordinates."""
    run = _need_run(state)
    g = MapGeometry(-run.extent, run.extent, -run.extent, run.extent)
    x1, x2 = g.from_pixel(*evt.index)
    return round(float(x1), 3), round(float(x2), 3)


FM_DATASETS = ("ring8", "grid25", "spiral", "moons")


@torch.inference_mode(False)
def flow_matching(dataset: str = "ring8", steps: int = 3000, reflow: bool = False, seed: int = 0, state=None):
    """API /flow_matching (streaming): train flow matching (rectified flow) on a toy set, continuing
    the visitor's run when the data set and seed are unchanged; ``reflow`` first replaces its
    training pairs by its own (x₀, ODE(x₀)) pairs. Yields (ODE paths, samples at 1, 2, 4, 8, 32
    Euler steps, status, state)."""
    dataset = validate.choice(dataset, FM_DATASETS, "data set")
    n = validate.number(steps, 1, SETTINGS.flow_steps_max, "training steps", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    state = dict(state or {})
    fm = state.get("fm")
    if fm is None or fm.cfg.dataset != dataset or fm.cfg.seed != seed:
        fm = FlowMatchingRun(FlowMatchingConfig(dataset=dataset, seed=seed), toy_sampler(dataset, seed=seed))
    if reflow:
        if fm.steps == 0:
            raise gr.Error(say("train_flow_matching_first"))
        fm.reflow()
    state["fm"] = fm
    t0 = time.perf_counter()
    for k in chunks(n, SETTINGS.flow_frames // 2):
        fm.advance(k)
        yield (*_fm_pictures(fm, dataset, seed), _fm_status(fm, time.perf_counter() - t0), state)


def _fm_pictures(fm: FlowMatchingRun, dataset: str, seed: int):
    extent = EXTENTS[dataset]
    toy = TOY_SETS[dataset]
    real = fm.sample_real(600, torch.Generator().manual_seed(seed + 3)).numpy()
    paths = fm.paths(60, seed=seed + 5).numpy()
    title = say("ode_paths_32_euler", s=straightness(torch.from_numpy(paths)))
    panels = []
    for s in STEP_COUNTS:
        pts = fm.samples(N_EVAL, s, seed=seed + 9)
        label = say("n_steps", n=s) if s > 1 else say("n1_step")
        if toy.centres is not None:
            cov = mode_coverage(pts, toy.centres, toy.sigma)
            label += "\n" + say(
                "modes_covered_n_hq", covered=cov.modes_covered, n=cov.n_modes, hq=100 * cov.high_quality
            )
        panels.append((pts[:600], label))
    return view.render_paths(extent, paths, real, title), view.render_samples_row(extent, panels, real)


def _fm_status(fm: FlowMatchingRun, seconds: float) -> str:
    loss = float(np.mean(fm.losses[-50:]))
    kind = say("reflowed_n_trained_own", n=fm.reflows) if fm.reflows else say("independent_pairs_1_rectified")
    return say("step_steps_loss_loss", steps=fm.steps, loss=loss, kind=kind, seconds=seconds)


def dataset_preview(dataset: str):
    """The data alone, before any training."""
    dataset = validate.choice(dataset, DATASETS, "data set")
    if dataset == "drawn":
        return None
    toy = TOY_SETS[dataset]
    return view.render_view(
        EXTENTS[dataset], toy.sample(600), np.zeros((0, 2)), None, toy.centres, toy.sigma, ["data", "mode centres"]
    )
