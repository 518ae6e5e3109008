"""Handlers of the PixelCNN tab: generation streamed pixel by pixel, completion of a digit's top
rows, receptive fields, exact likelihoods and the cost of 784 sequential network calls.

API names: /ar_sample (streaming), /ar_complete (streaming), /ar_receptive_field, /ar_likelihood,
/ar_cost. Limits are enforced here (the API bypasses the widgets).
"""

from __future__ import annotations

import statistics
import time

import gradio as gr
import numpy as np
import torch

from models.autoregressive.pixelcnn import NULL_CLASS, SIDE, pixel_log_likelihoods, sample_progressive
from models.core.data import binarize, digit_split
from models.core.registry import default_registry
from playground import validate
from playground.i18n import tr
from playground.inputs import drawing_to_digit
from playground.pictures import enlarge
from playground.replay import evenly_spaced, scrubber, write_gif
from playground.settings import SETTINGS
from playground.tabs.ar import view
from playground.tabs.ar.texts import say

MODELS = {"Gated PixelCNN": "pixelcnn_gated", "plain PixelCNN": "pixelcnn_plain", "image transformer": "transformer_ar"}
CLASSES = (*[str(d) for d in range(10)], "unconditional")
SOURCES = ("test digit", "drawing")
VIEW_PX = 336
PIXELS = SIDE * SIDE
REPLAY_EVERY = 14  # pixels between replay frames: half a row, 57 frames for a whole digit
GIF_FRAMES = 57
SURPRISE_MAX = 5.0  # nats: the colour ramp's top (p = 0.7% for the pixel that came)


def _model(name):
    validate.choice(name, list(MODELS), "model")
    return default_registry().load(MODELS[name])


def _labels(digit, n: int) -> torch.Tensor:
    validate.choice(str(digit), CLASSES, "class")
    return torch.full((n,), NULL_CLASS if str(digit) == "unconditional" else int(digit), dtype=torch.long)


def _temperature(t) -> float:
    return validate.number(t, SETTINGS.ar_temperature_min, SETTINGS.ar_temperature_max, "temperature")


def _guidance(w) -> float:
    return validate.number(w, 0.0, SETTINGS.ar_guidance_max, "guidance scale w")


def _seed(seed) -> int:
    return validate.number(seed, 0, 2**31 - 1, "seed", integer=True)


def _frame(step) -> dict:
    return {"index": step.index, "x": view.drawing_progress(step.x, step.index), "p": view.belief(step.probs)}


def _show(frame: dict) -> tuple:
    return enlarge(frame["x"], VIEW_PX), enlarge(frame["p"], VIEW_PX)


def _gif(frames: list[dict], name: str) -> str:
    pictures = []
    for i in evenly_spaced(len(frames), GIF_FRAMES):
        x, p = frames[i]["x"], frames[i]["p"]
        both = np.concatenate([x, np.full((x.shape[0], 4, 3), 255, np.uint8), p], 1)
        pictures.append(enlarge(both, 2 * VIEW_PX))
    return write_gif(pictures, ms_per_frame=60, name=name)


def _stream(model, labels, temperature, guidance, seed, x=None, start=0):
    """Run the sampler; yield (frame, keep, done, seconds, step) for every ``REPLAY_EVERY``-th pixel
    (keep: the replay's frames), at the end, and in between at most ``ar_stream_fps`` times a second."""
    t0, last = time.perf_counter(), 0.0
    for step in sample_progressive(model, labels, temperature, seed, x=x, start=start, guidance=guidance):
        done = step.index == PIXELS - 1
        keep = (step.index - start) % REPLAY_EVERY == 0 or done
        now = time.perf_counter()
        if keep or done or now - last >= 1.0 / SETTINGS.ar_stream_fps:
            last = now
            yield _frame(step), keep, done, now - t0, step


def ar_sample(model_name, digit, temperature, guidance, n, seed, state=None):
    """API /ar_sample (streaming): draw n digits pixel by pixel in raster order.

    model_name: "Gated PixelCNN", "plain PixelCNN" or "image transformer"; digit: "0".."9" or "unconditional";
    temperature: divides every logit (below 1: surer strokes; above: noisier); guidance: w of
    classifier-free guidance on the logits (1 = the plain conditional, 0 = unconditional); n: 1-16;
    seed. Yields (the digits with the cursor, p(x_i = 1 | x_<i) at every visited pixel, status,
    GIF path, replay scrubber, replay state); the GIF and scrubber arrive with the last update.
    """
    model = _model(model_name)
    temperature, guidance, seed = _temperature(temperature), _guidance(guidance), _seed(seed)
    n = validate.number(n, 1, SETTINGS.ar_batch_max, "number of samples", integer=True)
    labels = _labels(digit, n)
    frames = []
    for frame, keep, done, seconds, _ in _stream(model, labels, temperature, guidance, seed):
        if keep:
            frames.append(frame)
        row, col = divmod(frame["index"], SIDE)
        if done:
            took = dict(pixels=PIXELS, seconds=seconds, ms=1000 * seconds / PIXELS)
            status = say("n_digits_pixels_network", n=n, **took) if n > 1 else say("n1_digit_pixels_network", **took)
            yield (*_show(frame), status, _gif(frames, "pixelcnn_sample.gif"), scrubber(frames), {"frames": frames})
        else:
            status = say("pixel_i_pixels_row", i=frame["index"] + 1, pixels=PIXELS, row=row, col=col, seconds=seconds)
            yield (*_show(frame), status, gr.skip(), gr.skip(), gr.skip())


def ar_replay(index, state):
    """UI: show replay frame ``index`` of the last generation again."""
    if not state or not state.get("frames"):
        raise gr.Error(say("generate_first_then_slider"))
    frames = state["frames"]
    f = frames[validate.number(index, 0, len(frames) - 1, "frame", integer=True)]
    return (*_show(f), say("after_pixel_i_pixels", i=f["index"] + 1, pixels=PIXELS, row=f["index"] // SIDE))


def _source_digit(source, index, drawing, framed: bool = True) -> tuple[np.ndarray, int | None]:
    """(28, 28) grey digit in [0, 1] and its label (None for a drawing): a drawing framed as MNIST frames its digits
    (the likelihood's input), or with ``framed=False`` where it was drawn (a completion keeps the rows the visitor
    drew: re-centred, half a digit moved down to the middle, issue 36)."""
    validate.choice(source, SOURCES, "source")
    if source == "drawing":
        return drawing_to_digit(drawing, framed=framed), None
    s = digit_split()
    i = validate.number(index, 0, len(s.x_test) - 1, "test digit #", integer=True)
    return s.x_test[i, 0].numpy(), int(s.y_test[i])


def _classify(x: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """(B, 1, 28, 28) -> the evaluator's class and its probability for each digit."""
    evaluator = default_registry().load("evaluator")
    with torch.inference_mode():
        p = torch.softmax(evaluator(x.to(next(evaluator.parameters()).device)).float(), 1).cpu()
    conf, cls = p.max(1)
    return cls.numpy(), conf.numpy()


def ar_complete(source, index, drawing, rows, n, model_name, digit, temperature, guidance, seed):
    """API /ar_complete (streaming): keep the top ``rows`` rows of a (binarized) digit and let the
    model draw the rest, n times from different seeds.

    source: "test digit" (index 0-499) or "drawing"; rows: 0-27 kept; n: 1-16 completions; digit:
    the class to condition on or "unconditional" (the model's own guess of what the top is);
    guidance: as in /ar_sample (no effect when unconditional).
    Yields (the kept top with the completions, as one picture; status): every completion is labelled
    with the class the evaluator reads in it, the tally in the status.
    """
    model = _model(model_name)
    rows = validate.number(rows, 0, SIDE - 1, "rows to keep", integer=True)
    n = validate.number(n, 1, SETTINGS.ar_batch_max, "number of completions", integer=True)
    temperature, guidance, seed = _temperature(temperature), _guidance(guidance), _seed(seed)
    labels = _labels(digit, n)
    grey, _ = _source_digit(source, index, drawing, framed=False)
    x = binarize(torch.from_numpy(grey)[None, None]).repeat(n, 1, 1, 1)
    start = rows * SIDE
    given = view.drawing_progress(x[:1], start - 1)  # the kept rows; the rest "not drawn yet"
    for frame, _, done, seconds, step in _stream(model, labels, temperature, guidance, seed, x=x, start=start):
        picture = view.completion_picture(given, frame["x"], rows)
        if not done:
            yield picture, say("completing_row_row_side", row=frame["index"] // SIDE, side=SIDE, seconds=seconds)
            continue
        cls, conf = _classify(step.x.float())
        tally = ", ".join(f"**{c}** ×{k}" for c, k in sorted(_count(cls).items(), key=lambda kv: -kv[1]))
        captions = [f"{c} ({100 * p:.0f}%)" for c, p in zip(cls, conf, strict=True)]
        status = say("top_rows_rows_kept", rows=rows, n=n, seconds=seconds, tally=tally)
        yield view.completion_picture(given, frame["x"], rows, captions), status


def _count(classes: np.ndarray) -> dict[int, int]:
    values, counts = np.unique(classes, return_counts=True)
    return dict(zip(values.tolist(), counts.tolist(), strict=True))


# ---- receptive field ---------------------------------------------------------------------------


def _dependence(model, x: torch.Tensor, row: int, col: int) -> np.ndarray:
    """(28, 28) bool: the input pixels whose value moves the logit of pixel (row, col) — where the
    gradient of that logit is non-zero (for a random digit, every pixel the network reads)."""
    x = x.clone().requires_grad_(True)
    with torch.enable_grad():
        logit = model(x, torch.tensor([NULL_CLASS], device=x.device))[0, 0, row, col]
        (grad,) = torch.autograd.grad(logit, x)
    return (grad[0, 0] != 0).cpu().numpy()


def masks_picture():
    """The kernels both networks use, drawn relative to the output pixel (outlined in red)."""
    from models.autoregressive.pixelcnn import mask

    v_first = np.ones((4, 7))
    v_first[-1] = 0  # the first vertical layer drops the current row
    return view.mask_picture(
        [
            (say("plain_7x7_type_first"), mask(7, "A").numpy(), (3, 3)),
            (say("plain_3x3_type_b"), mask(3, "B").numpy(), (1, 1)),
            (say("gated_vertical_first_layer"), v_first, (3, 3)),
            (say("gated_horizontal_first_layer"), np.array([[1, 1, 1, 0]]), (0, 3)),
            (say("gated_vertical_later_layers"), np.ones((2, 3)), (1, 1)),
            (say("gated_horizontal_later_layers"), np.ones((1, 2)), (0, 1)),
        ]
    )


def ar_receptive_field(row, col, index=0):
    """API /ar_receptive_field: which input pixels the prediction at pixel (row, col) depends on,
    for the plain and the gated PixelCNN and the image transformer, on test digit ``index`` (binarized).

    -> (plain picture, gated picture, transformer picture, Markdown): teal = seen, orange = the
    blind spot (earlier pixels inside the seen region that it cannot see), red = the pixel.
    """
    row = validate.number(row, 0, SIDE - 1, "row", integer=True)
    col = validate.number(col, 0, SIDE - 1, "column", integer=True)
    grey, _ = _source_digit("test digit", index, None)
    x = binarize(torch.from_numpy(grey)[None, None])
    pictures, notes = [], []
    for name in ("plain PixelCNN", "Gated PixelCNN", "image transformer"):
        model = _model(name)
        depends = _dependence(model, x.to(next(model.parameters()).device), row, col)
        pic, seen, blind = view.receptive_field(x[0, 0].numpy(), depends, row, col)
        pictures.append(enlarge(pic, VIEW_PX))
        notes.append(f"| {tr(name)} | {seen} | {blind} |")
    text = (
        say("pixel_row_row_column", row=row, col=col, before=row * SIDE + col)
        + "\n\n"
        + say("model_input_pixels_prediction")
        + "\n|---|---:|---:|\n"
        + "\n".join(notes)
    )
    return (*pictures, text)


# ---- likelihood --------------------------------------------------------------------------------


def ar_likelihood(source, index, drawing, digit):
    """API /ar_likelihood: the exact −log p(x) of a binarized digit under the three models, and where
    the nats go: the per-pixel surprise −log p(x_i | x_<i).

    source: "test digit" (index 0-499) or "drawing"; digit: the class to condition on, or
    "unconditional". -> (binarized digit, surprise maps (gated | plain | transformer), Markdown table).
    """
    grey, label = _source_digit(source, index, drawing)
    c = _labels(digit, 1)
    x = binarize(torch.from_numpy(grey)[None, None])
    maps, rows = [], []
    for name in MODELS:
        model = _model(name)
        with torch.inference_mode():
            ll = pixel_log_likelihoods(model, x.to(next(model.parameters()).device), c.to(x.device))
        nats = -ll[0, 0].cpu().numpy()
        maps.append(view.surprise_map(nats, SURPRISE_MAX))
        worst = np.unravel_index(nats.argmax(), nats.shape)
        where = say("row_row_col_col", row=worst[0], col=worst[1], nats=nats.max())
        rows.append(
            f"| {tr(name)} | **{nats.sum():.1f}** | {nats.sum() / PIXELS / np.log(2):.3f} | "
            f"{_held_out(MODELS[name])} | {where} |"
        )
    gap = np.full((SIDE, 2, 3), 255, np.uint8)
    about = say("drawing") if label is None else say("test_digit_i_label", i=int(index), label=label)
    cond = say("unconditional") if str(digit) == "unconditional" else say("given_class_c", c=digit)
    text = (
        say("about_binarized_cond_log", about=about, cond=cond)
        + "\n\n"
        + say("model_log_p_x")
        + "\n|---|---:|---:|---:|---|\n"
        + "\n".join(rows)
    )
    side_by_side = np.concatenate([m for pair in zip(maps, [gap] * len(maps), strict=True) for m in pair][:-1], 1)
    return enlarge(view.drawing_progress(x, PIXELS - 1), 224), enlarge(side_by_side, len(maps) * VIEW_PX), text


def _held_out(model_name: str) -> str:
    metrics = default_registry().info(model_name)["metrics"]
    nll = metrics.get("test_nll_nats")
    if nll is None:
        return "–"
    return say("nll_1f_class_given", nll=nll, none=metrics["test_nll_unconditional_nats"])


def colour_bar():
    """The surprise maps' colour scale."""
    return view.colour_bar(SURPRISE_MAX)


# ---- cost --------------------------------------------------------------------------------------


def _median_ms(fn, repeats: int = 5) -> float:
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def ar_cost():
    """API /ar_cost: what one digit costs on this machine, measured now: the 784 sequential network
    calls of each autoregressive model (on the whole image; the PixelCNNs on the rows that can reach
    the current one, the gated model with its vertical stack cached per row; the transformer with its
    keys and values cached), one VAE decode and one DCGAN pass. -> Markdown table."""
    from models.generators import GENERATORS

    reg = default_registry()
    c = torch.tensor([3])
    rows = []
    with torch.inference_mode():
        for name in MODELS:
            model = _model(name)
            device = next(model.parameters()).device
            x = torch.zeros(1, 1, SIDE, SIDE, device=device)
            window = model.rows_above + 1
            c = c.to(device)
            ms_window = _median_ms(lambda m=model, x=x[:, :, :window], c=c: m(x, c))
            ms_full = _median_ms(lambda m=model, x=x, c=c: m(x, c))
            rows.append((say("name_one_pixel_whole", name=tr(name)), ms_full, PIXELS))
            if hasattr(model, "kv_step"):  # one token per patch against the cached prefix, a head call per pixel
                rows.append((say("name_one_pixel_kv", name=tr(name)), _kv_ms(model, c), PIXELS))
                continue
            rows.append((say("name_one_pixel_window", name=tr(name), window=window), ms_window, PIXELS))
            if hasattr(model, "row_logits"):  # the vertical stack once per row, the horizontal per pixel
                cache = model.vertical_cache(x[:, :, :window], c)
                ms_row = _median_ms(lambda m=model, x=x[:, :, :window], c=c: m.vertical_cache(x, c))
                ms_pixel = _median_ms(lambda m=model, x=x[:, :, :1], k=cache, c=c: m.row_logits(x, k, c))
                rows.append((say("name_one_pixel_row", name=tr(name)), ms_pixel + ms_row / SIDE, PIXELS))
        vae = GENERATORS["vae16"]
        gan = GENERATORS["DCGAN (64-D z)"]
        rows.append((say("vae_one_decode"), _median_ms(lambda: vae.sample(1, 0, registry=reg)), 1))
        rows.append((say("dcgan_one_generator_pass"), _median_ms(lambda: gan.sample(1, 0, registry=reg)), 1))
    vae_ms = rows[-2][1]
    lines = [
        f"| {what} | {ms:.2f} | {calls} | **{ms * calls:,.{0 if ms * calls >= 10 else 2}f}** | "
        f"{ms * calls / vae_ms:,.{0 if ms * calls >= 10 * vae_ms else 1}f}× |"
        for what, ms, calls in rows
    ]
    from models.core.compute import cpu_name, usable_cores

    return (
        say("measured_just_now_machine", cpu=cpu_name(), cores=usable_cores())
        + "\n\n"
        + say("network_call_ms_per")
        + "\n|---|---:|---:|---:|---:|\n"
        + "\n".join(lines)
        + "\n\n"
        + say("pixelcnn_cannot_skip_calls")
        + " "
        + say("transformer_no_window")
    )


def _kv_ms(model, c: torch.Tensor) -> float:
    """ms per pixel of KV-cached sampling, halfway down the digit: one token through the cached
    layers every ``patch`` pixels, the patch's head on every pixel."""
    device = c.device
    x = torch.zeros(1, 1, SIDE, SIDE, device=device)
    half = PIXELS // model.cfg.patch // 2
    caches, h = model.prefill(x, c, half)
    patch = torch.zeros(1, model.cfg.patch, device=device)

    def token():
        model.kv_step([{k: v[:, :, : half + 1] for k, v in cache.items()} for cache in caches], patch, half + 1)

    ms_token = _median_ms(token)
    ms_head = _median_ms(lambda: model.patch_logits(h, patch))
    return ms_token / model.cfg.patch + ms_head
