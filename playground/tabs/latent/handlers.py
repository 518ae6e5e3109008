"""Handlers of the latent-diffusion tab's sampling views: the pipeline viewer (streamed), pixel vs
latent from the same seed, and the negative class.

Models come from the registry; each request gets its own diffusers scheduler; every noise is drawn
on the CPU from the seed, so a seed gives the same pictures on CPU and GPU.
"""

from __future__ import annotations

import functools
import time

import gradio as gr
import numpy as np
import torch

from models.core.registry import default_registry
from models.diffusion.latent.latent_diffusion import decode_latents, latent_noise, latent_sampling
from models.diffusion.samplers import SAMPLERS, guided_model_fn, make_scheduler, sample_progressive
from playground import validate
from playground.i18n import tr
from playground.pictures import digit_strip, mosaic_columns
from playground.progress import Progress
from playground.settings import SETTINGS
from playground.tabs.latent.texts import say
from playground.tabs.latent.view import pipeline_picture

CLASSES = (*map(str, range(10)), "unconditional")
DIGITS = tuple(map(str, range(10)))
MODEL, PIXEL_MODEL = "ldm", "diffusion"
NEEDS = (MODEL, PIXEL_MODEL, "evaluator", "autoencoder_f2", "autoencoder_f4", "autoencoder_f8")
VIEWER_ROWS = 4  # samples whose latent channels the viewer draws (all n are decoded below)
STRIP_STEPS = 8  # rows of the finished run's strip


def ldm():
    return default_registry().load(MODEL)


def autoencoder(name: str | None = None):
    return default_registry().load(name or ldm().cfg.autoencoder)


def device_of(model) -> torch.device:
    return next(model.parameters()).device


def read_digits(x: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """(N, 1, 28, 28) -> the evaluator's class and its full probabilities (N, 10)."""
    evaluator = default_registry().load("evaluator")
    with torch.inference_mode():
        p = torch.softmax(evaluator(x.to(device_of(evaluator))).float(), 1).cpu()
    return p.argmax(1).numpy(), p.numpy()


def class_labels(digit, n: int, null: int, what: str = "class") -> torch.Tensor:
    validate.choice(str(digit), CLASSES, what)
    return torch.full((n,), null if str(digit) == "unconditional" else int(digit), dtype=torch.long)


def sampling_inputs(
    sampler, steps, guidance, seed, n, n_max: int = SETTINGS.ldm_batch_max, steps_max: int = SETTINGS.ldm_steps_max
):
    validate.choice(sampler, SAMPLERS, "sampler")
    steps = validate.number(steps, 1, steps_max, "steps", integer=True)
    guidance = validate.number(guidance, 0.0, SETTINGS.diffusion_guidance_max, "guidance scale")
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    n = validate.number(n, 1, n_max, "number of samples", integer=True)
    return sampler, steps, guidance, seed, n


def _reading(digit: str, x: torch.Tensor) -> str:
    cls, _ = read_digits(x)
    if digit == "unconditional":
        return say("evaluator_reads_digits", digits=" ".join(map(str, cls)))
    return say("evaluator_reads_k_n", k=int((cls == int(digit)).sum()), n=len(cls), digit=digit)


def ldm_sample(digit="7", guidance=2.0, sampler="DDIM", steps=50, seed=0, n=8):
    """API /ldm_sample (streaming): n latent samples of one class, each step drawn as the latent's
    channels and the decoded x̂₀ = D(ẑ₀). Yields (pipeline picture, decoded samples, the first
    sample's run at evenly spaced steps, status); the last two pictures arrive with the last update."""
    sampler, steps, guidance, seed, n = sampling_inputs(sampler, steps, guidance, seed, n)
    model, ae = ldm(), autoencoder()
    labels = class_labels(digit, n, model.null_class)
    scheduler = make_scheduler(sampler, model.scheduler_config())
    noise = latent_noise(model, n, seed).to(device_of(model))
    gen = torch.Generator().manual_seed(seed + 1)
    rows = min(n, VIEWER_ROWS)
    first = []  # (t, z_t, ẑ₀) of the first sample at every step: the run's film strip
    last, t0 = 0.0, time.perf_counter()
    for rec in sample_progressive(guided_model_fn(model, labels, guidance), scheduler, noise, steps, generator=gen):
        first.append((rec.t, rec.x_t[0], rec.x0_hat[0]))
        now = time.perf_counter()
        final = rec.index == rec.steps - 1
        if final or rec.index == 0 or now - last >= 1.0 / SETTINGS.ldm_stream_fps:
            last = now
            x0 = decode_latents(ae, rec.x0_hat[:rows])
            picture = pipeline_picture(rec.x_t[:rows], rec.x0_hat[:rows], x0)
            status = say(
                "sampler_step_i_steps",
                sampler=sampler,
                i=rec.index + 1,
                steps=rec.steps,
                t=rec.t,
                s=now - t0,
            )
            if not final:
                yield picture, gr.skip(), gr.skip(), status
    t1 = time.perf_counter()
    x = decode_latents(ae, rec.x_prev)
    decode_ms = 1000 * (time.perf_counter() - t1)
    status = say(
        "sampler_steps_steps_s",
        sampler=sampler,
        steps=steps,
        s=t1 - t0,
        ms=decode_ms,
        n=n,
        reading=_reading(str(digit), x),
    )
    yield picture, digit_strip(x, cell=84, max_per_row=8), _run_strip(first, ae), status


def _run_strip(first: list, ae) -> object:
    """One sample's run at up to 8 evenly spaced steps (rows), noise at the top, the end at the bottom."""
    from playground.replay import evenly_spaced

    picks = evenly_spaced(len(first), STRIP_STEPS)
    z_t = torch.stack([first[i][1] for i in picks])
    z0 = torch.stack([first[i][2] for i in picks])
    return pipeline_picture(z_t, z0, decode_latents(ae, z0), cell=44, rows=[f"t={first[i][0]}" for i in picks])


@functools.cache
def step_flops() -> dict[str, float]:
    """FLOPs of one guided step (the batched pair, per sample) and of one decode, counted by torch's
    ``FlopCounterMode`` on the meta device (no arithmetic runs), at 32×32 and at 512×512."""
    from models.diffusion.latent.latent_diffusion import forward_flops

    pixel, model, ae = default_registry().load(PIXEL_MODEL), ldm(), autoencoder()
    return forward_flops(pixel.cfg, model.cfg, ae.cfg)


def _preview(x0_hat: torch.Tensor, ae=None) -> object:
    """A run's x̂₀ so far as a grid: the pixel model's (B, 1, 32, 32), or a latent one decoded by ``ae``."""
    from models.diffusion.model import to_digit_space

    return _compare_grid(to_digit_space(x0_hat) if ae is None else decode_latents(ae, x0_hat))


def _compare_grid(x: torch.Tensor) -> object:
    """One model's samples (B, 1, H, W) as a grid as square as B allows (8 -> 4 × 2): the two sit side by side,
    and as two strips of 8 each digit was 50 px on a 1280×720 projector (issue 36)."""
    return digit_strip(x, cell=84, max_per_row=mosaic_columns(len(x)))


def ldm_compare(digit="3", sampler="DDIM", steps=50, guidance=2.0, seed=0, n=8):
    """API /ldm_compare (streaming): the pixel model and the latent model, same class, sampler, steps,
    guidance and seed, one after the other; while they run, each one's x̂₀ and the steps done in the
    table's place. -> (pixel samples, latent samples, Markdown table of the cost)."""
    from models.diffusion.model import to_digit_space

    sampler, steps, guidance, seed, n = sampling_inputs(sampler, steps, guidance, seed, n)
    pixel, model, ae = default_registry().load(PIXEL_MODEL), ldm(), autoencoder()
    labels = class_labels(digit, n, model.null_class)
    progress = Progress(2 * steps)

    def run(net, noise):
        scheduler = make_scheduler(sampler, net.scheduler_config())
        return sample_progressive(
            guided_model_fn(net, labels, guidance),
            scheduler,
            noise,
            steps,
            generator=torch.Generator().manual_seed(seed + 1),
        )

    pixel_noise = torch.randn(n, 1, 32, 32, generator=torch.Generator().manual_seed(seed)).to(device_of(pixel))
    shown = lambda rec: (_preview(rec.x0_hat), gr.skip(), progress.status(say("pixel_model")))  # noqa: E731
    xp = to_digit_space((yield from progress.follow(run(pixel, pixel_noise), shown)).x_prev.float().cpu())
    p_step = 1000 * progress.run_s / steps
    pixels = _compare_grid(xp)
    shown = lambda rec: (pixels, _preview(rec.x0_hat, ae), progress.status(say("latent_model")))  # noqa: E731
    z0 = (yield from progress.follow(run(model, latent_noise(model, n, seed).to(device_of(model))), shown)).x_prev
    l_step = 1000 * progress.run_s / steps
    t1 = time.perf_counter()
    xl = decode_latents(ae, z0)
    decode_ms = 1000 * (time.perf_counter() - t1)
    f = step_flops()
    p_sample, l_sample = p_step * steps / n, (l_step * steps + decode_ms) / n
    params = lambda m: sum(p.numel() for p in m.parameters()) / 1e6  # noqa: E731
    rows = [
        say(
            "n_samples_class_digit",
            n=n,
            digit=tr(digit),
            sampler=sampler,
            steps=steps,
            w=guidance,
            seed=seed,
        ),
        "",
        say("pixel_model_latent_model"),
        "|---|---|---|---|",
        say("values_step_denoises_1", r=1024 / 256),
        say(
            "unet_parameters_p_2f",
            p=params(pixel),
            l=params(model),
            r=params(pixel) / params(model),
        ),
        say(
            "flops_per_step_per",
            p=f["pixel_32"] / 1e6,
            l=f["latent_32"] / 1e6,
            r=f["pixel_32"] / f["latent_32"],
        ),
        say("ms_per_step_all", n=n, p=p_step, l=l_step, r=p_step / l_step),
        say(
            "decoder_mflops_0f_mflops",
            mflops=f["decoder_32"] / 1e6,
            ms=decode_ms,
            n=n,
        ),
        say(
            "ms_per_sample_decode",
            p=p_sample,
            l=l_sample,
            r=p_sample / l_sample,
        ),
        "",
        say(
            "n512_512_same_unets",
            p=f["pixel_512"] / 1e9,
            l=f["latent_512"] / 1e9,
            r4=f["pixel_512"] / f["latent_512"],
            l8=f["latent_512_f8"] / 1e9,
            r8=f["pixel_512"] / f["latent_512_f8"],
        ),
    ]
    yield pixels, _compare_grid(xl), "\n".join(rows)


def ldm_negative(digit="unconditional", negative="1", guidance=3.0, steps=50, seed=0, n=16):
    """API /ldm_negative (streaming): the same seeds with plain CFG (away from the null class) and with a
    negative class, ε̂ = ε_neg + w (ε_c − ε_neg). ``digit`` may be "unconditional" (c = the null
    class: "any digit, not a 1"). -> (plain samples, negative samples, Markdown)."""
    validate.choice(str(digit), CLASSES, "class")
    validate.choice(str(negative), DIGITS, "negative class")
    if str(digit) == str(negative):
        raise gr.Error(say("class_negative_class_must"))
    _, steps, guidance, seed, n = sampling_inputs("DDIM", steps, guidance, seed, n)
    model, ae = ldm(), autoencoder()
    labels = class_labels(digit, n, model.null_class)
    progress = Progress(2 * steps)
    # the two grids side by side: each as square as the count allows (16 -> 4 x 4), so each fills its half
    strip = lambda x: digit_strip(x, cell=70, max_per_row=mosaic_columns(n))  # noqa: E731

    def run(negatives):
        return latent_sampling(
            model,
            ae,
            labels,
            guidance,
            "DDIM",
            steps,
            latent_noise(model, n, seed),
            torch.Generator().manual_seed(seed + 1),
            negatives,
            record=True,
        )

    shown = lambda rec: (strip(decode_latents(ae, rec.x0_hat)), gr.skip(), progress.status(say("plain_cfg")))  # noqa: E731
    plain = yield from progress.follow(run(None), shown)
    shown = lambda rec: (
        strip(plain),
        strip(decode_latents(ae, rec.x0_hat)),  # noqa: E731
        progress.status(say("away_negative_class")),
    )
    away = yield from progress.follow(run(torch.full((n,), int(negative))), shown)
    neg = int(negative)
    wanted = say("any_digit") if digit == "unconditional" else say("digit", digit=digit)

    read = {"plain": read_digits(plain), "away": read_digits(away)}  # the evaluator once per grid

    def row(name: str, which: str) -> str:
        cls, probs = read[which]
        asked = "—" if digit == "unconditional" else f"{int((cls == int(digit)).sum())}/{n}"
        return f"| {name} | {asked} | **{int((cls == neg).sum())}/{n}** | {probs[:, neg].mean():.3f} |"

    plain_name = say("null_class_plain_cfg") if digit != "unconditional" else say("nothing_unconditional_samples")
    table = "\n".join(
        [
            say("wanted_not_negative_w", wanted=wanted, negative=negative, w=guidance, steps=steps, n=n, seed=seed),
            "",
            say("guidance_away_read_class", negative=negative),
            "|---|---|---|---|",
            row(plain_name, "plain"),
            row(say("class_negative_negative_class", negative=negative), "away"),
            "",
            say("w_1_both_rows"),
            _most_common(read["away"][0], n, negative),
        ]
    )
    yield strip(plain), strip(away), table


def _most_common(away_classes: np.ndarray, n: int, negative) -> str:
    """What the negative-class grid mostly shows, said (issue 36: "any digit, not 1" was mostly 0s, unsaid)."""
    counts = np.bincount(away_classes, minlength=10)
    mode, count = int(counts.argmax()), int(counts.max())
    return "\n" + say("negative_mostly", count=count, n=n, mode=mode, negative=negative) if 2 * count > n else ""
