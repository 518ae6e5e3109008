"""Handlers of the flows tab's digits section: the shipped Glow's samples at a temperature, an
interpolation in z between two test digits, the exact encode → decode round trip beside the VAE's,
and one digit's likelihood under the flows and the PixelCNN."""

from __future__ import annotations

import numpy as np
import torch

from models.core.data import digit_split
from models.core.registry import default_registry
from models.flows.flow_digits import D, GlowDigits, bits_per_dim, nll_bound_nats, quantize, sample
from playground import validate
from playground.pictures import digit_strip
from playground.settings import SETTINGS
from playground.tabs.flows.texts import say

CLASSES = ("all", *map(str, range(10)))
NEEDS = ("flow_digits", "flow_binary", "evaluator", "vae16", "pixelcnn_gated")


def available() -> bool:
    return set(NEEDS) <= set(default_registry().names())


def _flow(name: str = "flow_digits") -> GlowDigits:
    return default_registry().load(name)


def _device(model) -> torch.device:
    return next(model.parameters()).device


def _read(x: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """(N, 1, 28, 28) -> the evaluator's class and its probability for each digit."""
    evaluator = default_registry().load("evaluator")
    with torch.inference_mode():
        p = torch.softmax(evaluator(x.to(_device(evaluator))).float(), 1).cpu()
    conf, cls = p.max(1)
    return cls.numpy(), conf.numpy()


def _test_digit(index, what: str) -> tuple[torch.Tensor, int]:
    s = digit_split()
    i = validate.number(index, 0, len(s.x_test) - 1, what, integer=True)
    return s.x_test[i : i + 1], int(s.y_test[i])


def _midpoint(x: torch.Tensor, model: GlowDigits) -> torch.Tensor:
    """A digit's dequantized value at the centre of its bin, y = (x + ½)/L: a fixed point to encode."""
    return (quantize(x, model.cfg) + 0.5) / (256 if model.cfg.data == "grey" else 2)


@torch.inference_mode()
def flow_digits(digit_class: str = "all", temperature: float = 0.7, n: int = 20, seed: int = 0):
    """API /flow_digits: n class-conditional samples at temperature T (z = μ_c + T·σ_c·ε), one pass
    through the flow. -> (picture, status with the evaluator's reading)."""
    digit_class = validate.choice(str(digit_class), CLASSES, "class")
    t = validate.number(temperature, 0.0, SETTINGS.temperature_max, "temperature T")
    n = validate.number(n, 1, SETTINGS.flow_digits_max, "samples", integer=True)
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    model = _flow()
    labels = torch.arange(n) % 10 if digit_class == "all" else torch.full((n,), int(digit_class))
    x = sample(model, labels.to(_device(model)), t, seed).float().cpu()
    cls, _ = _read(x)
    right = int((cls == labels.numpy()).sum())
    which = say("classes_0_9_turn") if digit_class == "all" else say("class_c", c=digit_class)
    status = say("n_samples_t_t", n=n, t=t, which=which, right=right)
    return digit_strip(x, cell=84, max_per_row=10), status


@torch.inference_mode()
def flow_interpolate(index_a: int = 0, index_b: int = 450, steps: int = 10):
    """API /flow_interpolate: encode two test digits to z (every level), walk the straight line
    between them, decode each point. -> (strip, caption)."""
    xa, ya = _test_digit(index_a, "A: test digit #")
    xb, yb = _test_digit(index_b, "B: test digit #")
    k = validate.number(steps, 2, SETTINGS.interp_steps_max, "steps", integer=True)
    model = _flow()
    dev = _device(model)
    za, _ = model.encode(_midpoint(xa, model).to(dev))
    zb, _ = model.encode(_midpoint(xb, model).to(dev))
    ts = torch.linspace(0, 1, k, device=dev)
    z = [torch.cat([(1 - t) * a + t * b for t in ts]) for a, b in zip(za, zb, strict=True)]
    x = model.decode(z).clamp(0, 1).float().cpu()
    cls, _ = _read(x)
    caption = say("ya_b_yb_k", ya=ya, yb=yb, k=k, reads=" ".join(map(str, cls)))
    return digit_strip(x, cell=84, max_per_row=16), caption


@torch.inference_mode()
def flow_reconstruct(index: int = 0):
    """API /flow_reconstruct: a test digit, the flow's decode(encode(y)) and the VAE's decode(μ(x)),
    with each error map (×10 brighter) and the largest error. -> (strip, Markdown)."""
    x, label = _test_digit(index, "test digit #")
    model = _flow()
    y = _midpoint(x, model).to(_device(model))
    z, _ = model.encode(y)
    back = model.decode(z).float().cpu()
    flow_err = float((back - y.cpu()).abs().max())
    vae = default_registry().load("vae16")
    mu, _ = vae.encode(x.to(_device(vae)))
    recon = vae.decode(mu).float().cpu()
    vae_err = float((recon - x).abs().max())
    pictures = torch.cat(
        [
            y.cpu(),
            back.clamp(0, 1),
            ((back - y.cpu()).abs() * 10).clamp(0, 1),
            recon,
            ((recon - x).abs() * 10).clamp(0, 1),
        ]
    )
    table = "\n".join(
        [
            say("test_digit_i_label", i=int(index), label=label),
            "",
            say("model_largest_pixel_error"),
            "|---|---|---|",
            say("flow_glow_err_1e", err=flow_err),
            say("vae_vae16_err_2f", err=vae_err),
        ]
    )
    return digit_strip(pictures, cell=140), table


def flow_likelihood(index: int = 0):
    """API /flow_likelihood: one test digit's likelihood — bits/dim under the 256-level flow, and
    nats per binarized digit under the binary flow (a bound) and the gated PixelCNN (exact), each
    with and without its class — beside the held-out means. -> Markdown."""
    for name in ("flow_digits", "flow_binary", "pixelcnn_gated"):
        # loaded outside inference mode: the PixelCNN tab takes gradients through the same cached model
        default_registry().load(name)
    return _likelihood(index)


@torch.inference_mode()
def _likelihood(index) -> str:
    from models.autoregressive.pixelcnn import NULL_CLASS, nll
    from models.core.data import binarize

    x, label = _test_digit(index, "test digit #")
    labels = torch.tensor([label])
    rows = [say("model_data_log_p"), "|---|---|---|---|---|"]
    for name, what in (("flow_digits", say("n256_grey_levels")), ("flow_binary", say("binarized"))):
        model = _flow(name)
        lv = quantize(x, model.cfg).to(_device(model))
        cond = float(nll_bound_nats(model, lv, labels.to(_device(model)))[0])
        uncond = float(nll_bound_nats(model, lv, None)[0])
        mean = default_registry().info(name)["metrics"]["test_nll_unconditional_nats"]
        unit = (
            (lambda v: f"{v:.1f} nats ({bits_per_dim(v):.3f} bits/dim)")
            if name == "flow_digits"
            else (lambda v: f"{v:.1f} nats")
        )
        rows.append(
            say("glow_flow_name_bound", name=name, what=what, cond=unit(cond), uncond=unit(uncond), mean=unit(mean))
        )
    pixelcnn = default_registry().load("pixelcnn_gated")
    xb = binarize(x).to(_device(pixelcnn))
    cond = float(nll(pixelcnn, xb, labels.to(xb.device))[0])
    uncond = float(nll(pixelcnn, xb, torch.full((1,), NULL_CLASS, device=xb.device))[0])
    mean = default_registry().info("pixelcnn_gated")["metrics"]["test_nll_unconditional_nats"]
    rows.append(say("gated_pixelcnn_exact_binarized", cond=cond, uncond=uncond, mean=mean))
    note = say(
        "test_digit_i_label_2",
        i=int(index),
        label=label,
        D=D,
    )
    return "\n".join(rows) + "\n\n" + note
