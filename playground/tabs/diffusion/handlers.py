"""Handlers of the reverse-process views: stream a guided sampler step by step, replay it, compare
DDPM-1000 with DDIM-50 from the same noise, and the 2-D point-cloud diffusion.

Models come from the registry; each request gets its own diffusers scheduler; everything random
is seeded on the CPU, so a seed gives the same pictures on CPU and GPU.
"""

from __future__ import annotations

import time

import gradio as gr
import numpy as np
import torch

from models.core.registry import default_registry
from models.core.toy2d import TOY_SETS
from models.diffusion.diffusion2d import DATASETS_2D, Diffusion2D
from models.diffusion.forward_process import q_sample
from models.diffusion.model import DigitDiffusion
from models.diffusion.samplers import SAMPLERS, guided_model_fn, make_scheduler, sample_progressive
from playground import validate
from playground.i18n import tr
from playground.pictures import enlarge, labelled_strip, mosaic
from playground.recorded import Recording, recorded_note, show
from playground.replay import evenly_spaced, write_gif
from playground.settings import SETTINGS
from playground.tabs.diffusion.texts import say
from playground.tabs.diffusion.view import scatter_frame, trajectories_figure

CLASSES = (*[str(d) for d in range(10)], "unconditional")
MODEL = "diffusion"
MODEL_2D = "diffusion2d"
VIEW_PX = 288
STRIP_FRAMES = 10
GIF_FRAMES = 40


def _model() -> DigitDiffusion:
    return default_registry().load(MODEL)


def _labels(digit, n: int, model: DigitDiffusion) -> torch.Tensor:
    validate.choice(str(digit), CLASSES, "class")
    label = model.null_class if str(digit) == "unconditional" else int(digit)
    return torch.full((n,), label, dtype=torch.long)


def _noise(n: int, seed: int, device) -> torch.Tensor:
    """x_T for n samples: drawn on the CPU from the seed, so every device starts from the same noise."""
    return torch.randn(n, 1, 32, 32, generator=torch.Generator().manual_seed(seed)).to(device)


def _frame(rec) -> dict:
    """The sample after ``done`` steps (x_t, entering step done + 1) and that step's predictions, as three uint8
    mosaics (x_t, x̂₀, ε̂), with its time step t. The replay counts in steps done: 0 is x_T, ``steps`` x_0."""
    return {
        "t": rec.t,
        "done": rec.index,
        "x_t": mosaic(rec.x_t),
        "x0": mosaic(rec.x0_hat),
        "eps": mosaic(rec.eps_hat, -3, 3),
    }


def _show(frame: dict) -> tuple:
    return tuple(enlarge(frame[k], VIEW_PX) for k in ("x_t", "x0", "eps"))


def _every(steps: int) -> int:
    """The replay keeps the sample after every k-th step: k = 1 up to the limit, else the smallest that fits."""
    return -(-steps // SETTINGS.diffusion_replay_max)


def _keep(done: int, steps: int) -> bool:
    """Whether the replay keeps the sample after ``done`` steps: every k-th, counted back from x_0 (done =
    steps), so the kept counts are exactly the scrubber's positions (``_scrubber``)."""
    return (steps - done) % _every(steps) == 0


def _scrubber(steps: int) -> gr.Slider:
    """The replay's slider in steps done, at x_0: 0 (x_T) … steps, on the grid of the kept counts."""
    every = _every(steps)
    return gr.Slider(minimum=steps % every, maximum=steps, value=steps, step=every, interactive=True)


def _replay_caption(frame: dict, steps: int) -> str:
    """What the replay shows, in the scrubber's numbers (steps done)."""
    every = _every(steps)
    if frame["t"] < 0:
        text = say("replay_after_all_steps", steps=steps)
    else:
        text = say("replay_after_done_steps", done=frame["done"], steps=steps, t=frame["t"])
    if every > 1:
        text += " " + say("replay_keeps_sample_every", every=every)
    return text


def _film_strip(frames: list[dict]) -> object:
    picks = evenly_spaced(len(frames), STRIP_FRAMES)
    images = [np.concatenate([frames[i]["x_t"], frames[i]["x0"]], 0) for i in picks]
    labels = [say("x_0_final") if frames[i]["t"] < 0 else f"t = {frames[i]['t']}" for i in picks]
    return labelled_strip(images, labels, cell=96)


def _gif(frames: list[dict]) -> str:
    picks = evenly_spaced(len(frames), GIF_FRAMES)
    pictures = [
        enlarge(
            np.concatenate(
                [frames[i]["x_t"], np.full((frames[i]["x_t"].shape[0], 2), 128, np.uint8), frames[i]["x0"]], 1
            ),
            384,
        )
        for i in picks
    ]
    return write_gif(pictures, name="reverse_process.gif")


def _reverse_inputs(sampler, steps, eta, digit, guidance, seed, n):
    validate.choice(sampler, SAMPLERS, "sampler")
    steps = validate.number(steps, 1, SETTINGS.diffusion_steps_max, "steps", integer=True)
    eta = validate.number(eta, 0.0, 1.0, "η (eta)")
    guidance = validate.number(guidance, 0.0, SETTINGS.diffusion_guidance_max, "guidance scale")
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    n = validate.number(n, 1, SETTINGS.diffusion_batch_max, "number of samples", integer=True)
    return sampler, steps, eta, guidance, seed, n


def diffusion_reverse(sampler, steps, eta, digit, guidance, seed, n, clip_x0, state=None):
    """API /diffusion_reverse (streaming): sample n digits of one class with classifier-free guidance.

    Yields, as the steps run: (x_t, predicted x̂₀, predicted noise ε̂, status, film strip, GIF path,
    scrubber, replay state); the strip, GIF and scrubber arrive with the last update (the first clears the
    old run's strip and GIF and locks its scrubber: they would replay another run over this one).
    The status line says what the pictures show; the replay writes it too, so no caption is left from a
    run or a step that is no longer on screen.
    """
    sampler, steps, eta, guidance, seed, n = _reverse_inputs(sampler, steps, eta, digit, guidance, seed, n)
    model = _model()
    device = next(model.parameters()).device
    eps_fn = guided_model_fn(model, _labels(digit, n, model), guidance)
    scheduler = make_scheduler(sampler, model.scheduler_config(), clip_sample=bool(clip_x0))
    noise = _noise(n, seed, device)
    gen = torch.Generator().manual_seed(seed + 1)  # the noise stochastic steps add
    frames, last_yield, t0 = [], 0.0, time.perf_counter()
    for rec in sample_progressive(eps_fn, scheduler, noise, steps, eta=eta, generator=gen):
        frame = _frame(rec)
        if _keep(rec.index, rec.steps):
            frames.append(frame)
        now = time.perf_counter()
        if rec.index == rec.steps - 1:
            # x_0 itself, after the last step
            final = {**frame, "x_t": mosaic(rec.x_prev), "t": -1, "done": rec.steps}
            frames.append(final)
            status = _status(sampler, rec.index + 1, rec.steps, rec.t, now - t0, done=True)
            state = {"frames": frames, "steps": rec.steps}
            yield (*_show(final), status, _film_strip(frames), _gif(frames), _scrubber(rec.steps), state)
        elif now - last_yield >= 1.0 / SETTINGS.diffusion_stream_fps or rec.index == 0:
            last_yield = now
            status = _status(sampler, rec.index + 1, rec.steps, rec.t, now - t0)
            if rec.index == 0:  # the old run's strip, GIF and replay go: they are not this run's
                yield (*_show(frame), status, None, None, gr.Slider(interactive=False), gr.skip())
            else:
                yield (*_show(frame), status, gr.skip(), gr.skip(), gr.skip(), gr.skip())


def _status(sampler: str, step: int, steps: int, t: int, seconds: float, done: bool = False) -> str:
    if done:
        return say("sampler_steps_steps_done", sampler=sampler, steps=steps, seconds=seconds)
    left = seconds / step * (steps - step)
    return say("sampler_step_step_steps", sampler=sampler, step=step, steps=steps, t=t, seconds=seconds, left=left)


def diffusion_replay(done, state):
    """UI: show the last run again after ``done`` steps (the scrubber's number; a typed number between
    two kept ones shows the nearest), with a caption in the same numbers -> (x_t, x̂₀, ε̂, status)."""
    if not state or not state.get("frames"):
        raise gr.Error(say("run_sampler_first_then"))
    frames, steps = state["frames"], state["steps"]
    done = validate.number(done, 0, steps, "step", integer=True)
    frame = min(frames, key=lambda f: abs(f["done"] - done))
    return (*_show(frame), _replay_caption(frame, steps))


def diffusion_compare(digit, guidance, seed, n, clip_x0):
    """API /diffusion_compare (streaming): DDPM with 1,000 steps and DDIM with 50 from the same x_T.

    Yields (gallery of [(picture, caption)], status) as DDPM progresses, then both with wall times.
    """
    guidance = validate.number(guidance, 0.0, SETTINGS.diffusion_guidance_max, "guidance scale")
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    n = validate.number(n, 1, SETTINGS.diffusion_compare_batch_max, "number of samples", integer=True)
    model = _model()
    device = next(model.parameters()).device
    eps_fn = guided_model_fn(model, _labels(digit, n, model), guidance)
    noise = _noise(n, seed, device)
    gallery, times = [], []
    for sampler, steps in (("DDPM", 1000), ("DDIM", 50)):
        scheduler = make_scheduler(sampler, model.scheduler_config(), clip_sample=bool(clip_x0))
        gen = torch.Generator().manual_seed(seed + 1)
        t0, last = time.perf_counter(), 0.0
        x = noise
        for rec in sample_progressive(eps_fn, scheduler, noise, steps, generator=gen, record=False):
            x = rec.x_prev
            now = time.perf_counter()
            if now - last > 1.0:
                last = now
                left = (now - t0) / (rec.index + 1) * (steps - rec.index - 1)
                note = say(
                    "sampler_steps_step_i", sampler=sampler, steps=steps, i=rec.index + 1, seconds=now - t0, left=left
                )
                yield gallery, note
        seconds = time.perf_counter() - t0
        times.append(seconds)
        gallery = [*gallery, (enlarge(mosaic(x), VIEW_PX), f"{sampler}-{steps}: {seconds:.1f} s")]
        yield gallery, say("sampler_steps_done_seconds", sampler=sampler, steps=steps, seconds=seconds)
    ddpm_s, ddim_s = times  # unrounded: a DDIM run under 0.05 s shows as "0.0 s" but is not 0
    yield (
        gallery,
        say(
            "same_x_t_same",
            ddim=ddim_s,
            ddpm=ddpm_s,
            ratio=ddpm_s / ddim_s,
        ),
    )


# ---- 2-D diffusion -----------------------------------------------------------------------------


# DDPM-1000 beside DDIM-50 as the tab starts (class 5, w = 2, 4 samples: about a minute on 2 cores), recorded.
SAMPLERS_COMPARED = Recording("ddpm-vs-ddim", diffusion_compare, ("5", 2.0, 0, 4, False))


def diffusion_compare_recorded():
    """API /diffusion_compare_recorded: DDPM-1000 vs DDIM-50 as recorded (``SAMPLERS_COMPARED``), at once ->
    (its five control values, gallery, status); **Run DDPM-1000 and DDIM-50** runs the same live."""
    gallery, status = show(SAMPLERS_COMPARED)
    return (*SAMPLERS_COMPARED.args, gallery, recorded_note(SAMPLERS_COMPARED) + "\n\n" + status)


def _extent(data: np.ndarray, scale: float) -> float:
    return float(max(np.abs(data).max() * 1.25, 2.5 * scale))


@torch.inference_mode()
def diffusion_2d(dataset, seed):
    """API /diffusion_2d: the forward process dissolving a 2-D point cloud into N(0, σ²I), then the
    learned reverse process (DDIM, 100 steps) bringing fresh noise back.
    -> (GIF path, reverse-trajectories figure, status)."""
    validate.choice(dataset, DATASETS_2D, "data set")
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    bundle: Diffusion2D = default_registry().load(MODEL_2D)
    net, scale = bundle.models[dataset], bundle.scale(dataset)
    device = next(net.parameters()).device
    data = TOY_SETS[dataset].sample(1500, seed=seed)
    extent = _extent(data, scale)
    gen = torch.Generator().manual_seed(seed)
    x0 = torch.from_numpy(data) / scale
    scheduler = make_scheduler("DDPM", bundle.scheduler_config())
    frames = []
    eps = torch.randn(x0.shape, generator=gen)
    T = bundle.cfg.num_train_timesteps
    for t in np.linspace(0, T - 1, 25).round().astype(int):
        pts = q_sample(x0, int(t), scheduler.alphas_cumprod, eps) * scale
        frames.append(scatter_frame(pts.numpy(), extent, title=say("forward_t_t", t=t)))
    noise = torch.randn(1500, 2, generator=gen).to(device)
    # DDIM (η = 0): each point follows a smooth deterministic path from its noise to a sample; DDPM's
    # added noise would scribble over the trajectories.
    scheduler = make_scheduler("DDIM", bundle.scheduler_config())
    steps, paths = 100, []
    for rec in sample_progressive(net, scheduler, noise, steps, generator=gen):
        if rec.index % 2 == 0 or rec.index == steps - 1:
            last = rec.index == steps - 1
            pts = (rec.x_prev if last else rec.x_t).numpy() * scale
            paths.append(pts[:40])
            title = say("reverse_samples_x_0") if last else say("reverse_t_t", t=rec.t)
            frames.append(scatter_frame(pts, extent, colour="red", title=title))
    paths = np.stack(paths)
    return (
        write_gif(frames, ms_per_frame=90, hold_last_ms=2000, name="diffusion_2d.gif"),
        trajectories_figure(paths, data, extent),
        say(
            "dataset_25_forward_frames",
            dataset=tr(dataset),
            steps=steps,
        ),
    )
