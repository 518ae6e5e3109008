"""Handlers of the forward-process view: x_t from the closed form for any picture, schedule and t,
and the check that the closed form matches the step-by-step process."""

from __future__ import annotations

import numpy as np
import torch

from models.core.data import PHOTO_NAMES, digit_split, photo
from models.diffusion.forward_process import SCHEDULES, check_closed_form, noise_scheduler, q_sample
from models.diffusion.model import to_model_space
from playground import validate
from playground.i18n import tr
from playground.inputs import drawing_to_digit, picture_to_grey, square
from playground.pictures import enlarge, labelled_strip, mosaic
from playground.settings import SETTINGS
from playground.tabs.diffusion.texts import say
from playground.tabs.diffusion.view import histogram_figure, schedule_figure

SOURCES = ("test digit", "photo", "upload", "drawing")
N_TEST = 500
STRIP_FRAMES = 8
# Photos and uploads are noised at SETTINGS.forward_side (256 x 256; the closed form costs nothing): the noise is
# per pixel, so at a small size a few pixels must carry the whole picture and a photo is unrecognisable
# long before the digit would be (at 64 x 64 the astronaut is gone by ᾱ = 0.65); at 256 x 256 the eye
# averages over enough pixels that it fades when ᾱ says it should. Digits stay 32 x 32 (28 x 28 padded).
VIEW_PX = 512  # the x_t picture: a digit at 16x, a photo at 2x (the page fits it to its box)
STRIP_CELL = 128  # each frame of the strip (a photo's every other pixel; a digit at 4x)
CHECK_SIDE = 32  # the closed-form check runs on x₀ at this size: it is about moments, not resolution


def source_image(source: str, digit_index, photo_name, upload, drawing) -> torch.Tensor:
    """The chosen picture as x_0: (H, W) in [-1, 1] (digits 32 x 32 padded; pictures square)."""
    validate.choice(source, SOURCES, "source")
    side = SETTINGS.forward_side
    if source == "test digit":
        i = validate.number(digit_index, 0, N_TEST - 1, "test digit index", integer=True)
        return to_model_space(digit_split().x_test[i : i + 1])[0, 0]
    if source == "drawing":
        return to_model_space(torch.from_numpy(drawing_to_digit(drawing)).view(1, 1, 28, 28))[0, 0]
    if source == "photo":
        validate.choice(photo_name, PHOTO_NAMES, "photo")
        grey = square(photo(photo_name), side)
    else:
        grey = picture_to_grey(upload, side)
    return torch.from_numpy(grey) * 2 - 1


def _schedule_and_time(schedule, T, t) -> tuple[str, int, int]:
    validate.choice(schedule, tuple(SCHEDULES), "schedule")
    T = validate.number(T, 2, SETTINGS.forward_T_max, "T (number of steps)", integer=True)
    t = validate.number(t, 0, SETTINGS.forward_T_max - 1, "t", integer=True)
    return schedule, T, min(t, T - 1)  # a t beyond a newly shortened T means its last step


@torch.inference_mode()
def diffusion_forward(source, digit_index, photo_name, upload, drawing, schedule, T, t, seed):
    """API /diffusion_forward: x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε for the chosen picture.

    -> (x_t picture, strip of x_t at evenly spaced t from the same ε, ᾱ_t / log-SNR plot with a
    marker at t, pixel histogram against N(0, 1), a caption with the numbers at t).
    """
    x0 = source_image(source, digit_index, photo_name, upload, drawing)
    schedule, T, t = _schedule_and_time(schedule, T, t)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    alpha_bar = noise_scheduler(schedule, T).alphas_cumprod
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(seed))
    x_t = q_sample(x0, t, alpha_bar, noise)
    times = np.linspace(0, T - 1, STRIP_FRAMES).round().astype(int)
    frames = [mosaic(q_sample(x0, int(s), alpha_bar, noise)[None, None]) for s in times]
    strip = labelled_strip([mosaic(x0[None, None]), *frames], ["x₀", *[f"t = {s}" for s in times]], cell=STRIP_CELL)
    a = float(alpha_bar[t])
    caption = say(
        "t_t_t_t",
        t=t,
        T=T,
        schedule=tr(schedule),
        a=a,
        signal=np.sqrt(a),
        noise=np.sqrt(1 - a),
        snr=np.log(a / (1 - a)),
        mean=float(x_t.mean()),
        std=float(x_t.std()),
    )
    return (
        enlarge(mosaic(x_t[None, None]), VIEW_PX),
        strip,
        schedule_figure(T, schedule, t),
        histogram_figure(x_t.numpy(), x0.numpy(), t),
        caption,
    )


@torch.inference_mode()
def diffusion_forward_check(source, digit_index, photo_name, upload, drawing, schedule, T, t, seed):
    """API /diffusion_forward_check: draw x_t 256 times from the closed form and 256 times by
    running the one-step process t+1 times (steps 0 … t: time steps count from 0, so x_t at t is x₀
    after t+1 steps); compare per-pixel means and variances with the exact √ᾱ_t x_0 and 1 − ᾱ_t.
    -> a Markdown table whose title names t and the number of single steps."""
    x0 = source_image(source, digit_index, photo_name, upload, drawing)
    schedule, T, t = _schedule_and_time(schedule, T, t)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    if x0.shape[0] > CHECK_SIDE:  # the check is about moments, not resolution; keep it quick
        x0 = torch.nn.functional.interpolate(x0[None, None], size=(CHECK_SIDE, CHECK_SIDE), mode="area")[0, 0]
    c = check_closed_form(x0, t, schedule, T, n=SETTINGS.forward_check_draws, seed=seed)
    verdict = say("they_agree") if c.agrees else say("they_disagree")
    return say(
        "x_t_t_t",
        t=t,
        steps=t + 1,
        n=c.n,
        side=x0.shape[0],
        pixels=x0.numel(),
        verdict=verdict,
        tolerance=c.tolerance_mean,
        closed_mean=c.closed_mean_err,
        iter_mean=c.iter_mean_err,
        exact_var=c.exact_var,
        closed_var=c.closed_var,
        iter_var=c.iter_var,
    )
