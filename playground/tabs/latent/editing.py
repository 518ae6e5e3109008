"""Handlers of the latent-diffusion tab's editing views: img2img (SDEdit) with its strip over
strength, and inpainting two ways (latent blending with the latent model, RePaint with the pixel
model), on a test digit, a drawing or an upload."""

from __future__ import annotations

import gradio as gr
import numpy as np
import torch

from models.core.data import digit_split
from models.core.digit_input import EmptyDrawing, ink_from_picture, to_mnist
from models.core.registry import default_registry
from models.diffusion.inpainting import MASK_PRESETS, preset_fill, repaint_calls, repaint_pixels_progressive
from models.diffusion.latent.latent_diffusion import img2img_progressive, inpaint_latent_progressive
from models.diffusion.model import PAD
from playground import validate
from playground.inputs import NotGivenYet, drawing_to_digit, picture_to_grey
from playground.pictures import digit_strip
from playground.progress import Progress
from playground.settings import SETTINGS
from playground.tabs.latent.handlers import DIGITS, autoencoder, ldm, read_digits, sampling_inputs
from playground.tabs.latent.texts import say
from playground.tabs.latent.view import mask_overlay, numbered_strip

SOURCES = ("test digit", "drawing", "upload")
MASKS = (*MASK_PRESETS, "brushed")
RECOMMENDED_STRENGTH = 0.7  # the measured turning point: see benchmarks.latent --only img2img
REPAINT_JUMP = (5, 2)  # jump length, resamplings: 95 calls at 50 steps (the paper's 10, 10 is ~10x that)


def source_digit(source, index, drawing, upload) -> tuple[torch.Tensor, str]:
    """The chosen input as (1, 1, 28, 28) in [0, 1] and how to name it."""
    validate.choice(source, SOURCES, "input")
    if source == "drawing":
        return torch.from_numpy(drawing_to_digit(drawing))[None, None], say("your_drawing")
    if source == "upload":
        # dark-on-light uploads become white on black, then framed as MNIST frames its digits
        try:
            digit = to_mnist(ink_from_picture(picture_to_grey(upload, 112)), threshold=0.2)
        except EmptyDrawing:
            raise gr.Error(say("upload_blank_needs_digit")) from None
        return torch.from_numpy(digit)[None, None], say("your_upload")
    s = digit_split()
    i = validate.number(index, 0, len(s.x_test) - 1, "test digit #", integer=True)
    return s.x_test[i : i + 1], say("test_digit_i_y", i=i, y=int(s.y_test[i]))


def ldm_img2img(
    source="test digit",
    index=150,
    drawing=None,
    upload=None,
    target="8",
    strength=RECOMMENDED_STRENGTH,
    guidance=3.0,
    steps=50,
    seed=0,
):
    """API /ldm_img2img (streaming: the strip grows a strength at a time): SDEdit in the latent. The
    input is encoded, noised to the timestep that ``strength`` implies (diffusers' img2img rule:
    int(steps·s) of the steps run) and denoised towards ``target``. -> (the result at ``strength``, the
    strip over s = 0…1, Markdown)."""
    x, name = source_digit(source, index, drawing, upload)
    validate.choice(str(target), DIGITS, "target class")
    strength = validate.number(strength, 0.0, 1.0, "strength")
    _, steps, guidance, seed, _ = sampling_inputs("DDIM", steps, guidance, seed, 1)
    model, ae = ldm(), autoencoder()
    grid = [round(s, 2) for s in np.linspace(0, 1, SETTINGS.strength_points)]
    strengths = sorted({*grid, strength})
    label = torch.tensor([int(target)])
    progress, done, seconds = Progress(sum(min(int(steps * s), steps) for s in strengths)), [], 0.0

    def shown(_):
        captions = [[say("input"), "", ""], *[[f"s={s:.2f}", "", ""] for s in strengths[: len(done)]]]
        strip = numbered_strip(torch.cat([x, *done]), captions, cell=72)
        return gr.skip(), strip, progress.status(say("strength_k_n", k=len(done) + 1, n=len(strengths)))

    # Every strength from the same seed, so the strip differs only in s.
    for s in strengths:
        done.append(
            (
                yield from progress.follow(
                    img2img_progressive(model, ae, x, label, s, guidance, "DDIM", steps, seed), shown
                )
            )
        )
        seconds += progress.run_s
    outs = torch.cat(done)
    _, probs = read_digits(outs)
    dist = (outs - x).abs().flatten(1).mean(1).numpy()
    k = strengths.index(strength)
    captions = [
        [f"s={s:.2f}", f"d={d:.3f}", f"p={p:.2f}"]
        for s, d, p in zip(strengths, dist, probs[:, int(target)], strict=True)
    ]
    strip = numbered_strip(torch.cat([x, outs]), [[say("input"), "", ""], *captions], cell=72)
    result = digit_strip(torch.cat([x, outs[k : k + 1]]), cell=168)
    ran = min(int(steps * strength), steps)
    text = say(
        "name_target_strength_s",
        name=name,
        target=target,
        s=strength,
        ran=ran,
        steps=steps,
        p=probs[k, int(target)],
        d=dist[k],
        runs=len(strengths),
        seconds=seconds,
    )
    yield result, strip, text


def _fill_mask(mask, editor) -> torch.Tensor:
    """The region to fill as (1, 1, 32, 32): a preset, or the alpha of the strokes brushed on the editor."""
    validate.choice(mask, MASKS, "mask")
    if mask != "brushed":
        return preset_fill(mask)
    layers = (editor or {}).get("layers") or [] if isinstance(editor, dict) else []
    alpha = [
        np.asarray(a)[..., 3]
        for a in layers
        if a is not None and np.asarray(a).ndim == 3 and np.asarray(a).shape[2] == 4
    ]
    if not alpha:
        raise NotGivenYet(say("brush_over_part_digit"))
    stroke = np.max(alpha, 0).astype(np.float32) / 255.0
    if stroke.shape[0] * stroke.shape[1] > SETTINGS.upload_pixels_max:
        raise gr.Error(say("brushed_mask_too_large"))
    from PIL import Image

    small = np.asarray(Image.fromarray((stroke * 255).astype(np.uint8)).resize((28, 28), Image.BILINEAR)) > 20
    fill = torch.zeros(1, 1, 32, 32)
    fill[..., PAD:-PAD, PAD:-PAD] = torch.from_numpy(small.astype(np.float32))
    return fill


def check_fill(fill: torch.Tensor) -> None:
    """Refuse a mask that asks for nothing or for everything (that is sampling, not inpainting)."""
    share = float(fill[..., PAD:-PAD, PAD:-PAD].mean())
    if share < 0.01:
        raise gr.Error(say("mask_empty_brush_over"))
    if share > 0.95:
        raise gr.Error(say("mask_covers_whole_digit"))


def ldm_inpaint(
    source="test digit",
    index=0,
    drawing=None,
    mask="bottom half",
    editor=None,
    digit="8",
    guidance=2.0,
    steps=50,
    seed=0,
    n=4,
):
    """API /ldm_inpaint (streaming): fill the masked region with the class asked for, the same seeds two ways —
    latent blending (latent model; the kept pixels pasted back after decoding) and RePaint (pixel
    model, diffusers' RePaintScheduler, exact on the kept pixels). -> (picture, Markdown)."""
    if source == "upload":
        raise gr.Error(say("inpainting_takes_test_digit"))
    x, name = source_digit(source, index, drawing, None)
    fill = _fill_mask(mask, editor)
    check_fill(fill)
    validate.choice(str(digit), DIGITS, "class")
    _, steps, guidance, seed, n = sampling_inputs(
        "DDIM", steps, guidance, seed, n, SETTINGS.repaint_batch_max, SETTINGS.inpaint_steps_max
    )
    xs, labels = x.expand(n, -1, -1, -1).contiguous(), torch.full((n,), int(digit))
    calls = repaint_calls(steps, *REPAINT_JUMP)
    progress = Progress(steps + calls)
    overlay = mask_overlay(x[0], fill[0, :, PAD:-PAD, PAD:-PAD])
    shown = lambda _: (_side_by_side([overlay]), progress.status(say("latent_blending")))  # noqa: E731
    blended = yield from progress.follow(
        inpaint_latent_progressive(ldm(), autoencoder(), xs, fill, labels, guidance, "DDIM", steps, seed), shown
    )
    blend_s, blended_row = progress.run_s, digit_strip(blended, cell=112)
    shown = lambda _: (_side_by_side([overlay, blended_row]), progress.status(say("repaint")))  # noqa: E731
    repainted = yield from progress.follow(
        repaint_pixels_progressive(
            default_registry().load("diffusion"), xs, fill, labels, guidance, steps, seed, *REPAINT_JUMP
        ),
        shown,
    )
    repaint_s = progress.run_s
    (cb, _), (cr, _) = read_digits(blended), read_digits(repainted)
    keep28 = 1 - fill[..., PAD:-PAD, PAD:-PAD]
    kept_err = float(((repainted - xs).abs() * keep28).max())
    pictures = [overlay, blended_row, digit_strip(repainted, cell=112)]
    table = "\n".join(
        [
            say("name_red_region_filled", name=name, digit=digit, w=guidance, n=n, seed=seed),
            "",
            say("method_model_space_network", digit=digit),
            "|---|---|---|---|---|",
            say("latent_blending_latent_model", calls=steps, s=blend_s, k=int((cb == int(digit)).sum()), n=n),
            say(
                "repaint_jump_jump_resamplings",
                jump=REPAINT_JUMP[0],
                resamplings=REPAINT_JUMP[1],
                calls=calls,
                s=repaint_s,
                k=int((cr == int(digit)).sum()),
                n=n,
            ),
            "",
            say("kept_pixels_repaint_returns", err=kept_err),
        ]
    )
    yield _side_by_side(pictures), table


def _side_by_side(pictures) -> object:
    """The mask, then latent blending's row, then RePaint's row, stacked on white."""
    from PIL import Image

    width = max(p.width for p in pictures)
    out = Image.new("RGB", (width, sum(p.height for p in pictures) + 8 * len(pictures)), "white")
    y = 0
    for p in pictures:
        out.paste(p.convert("RGB"), (0, y))
        y += p.height + 8
    return out
