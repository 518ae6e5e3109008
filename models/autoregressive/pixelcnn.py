"""Autoregressive digit models: p(x) = Π_i p(x_i | x_<i) over the 784 pixels in raster order.

Both networks map a binary image x (B, 1, 28, 28) and a class c (B,) to one Bernoulli logit per
pixel, (B, 1, 28, 28), where the logit at pixel i depends only on pixels before i (and c):

- ``GatedPixelCNN`` (van den Oord et al. 2016, "Conditional Image Generation with PixelCNN
  Decoders"): a vertical stack that sees every row above and a horizontal stack that sees the
  pixels to the left in the current row, joined by a 1x1 vertical->horizontal link; gated units
  tanh(W_f * x + V_f c) ⊙ σ(W_g * x + V_g c). The two stacks leave no blind spot.
- ``PlainPixelCNN`` (van den Oord et al. 2016, "Pixel Recurrent Neural Networks"): a 7x7 type-A
  masked convolution (the centre pixel excluded) then 3x3 type-B ones (centre included) with ReLU.
  Stacked masks of this shape never reach the pixels up and to the right of the current one —
  the blind spot the receptive-field view shows.

Class c ∈ 0..9, or ``NULL_CLASS`` (10) for "no class": training drops the class 10% of the time,
so one network samples both conditionally and unconditionally.

Binarization (one rule, everywhere: training, held-out digits, drawings, every evaluation): a
pixel is ink when its grey level is above one half. Not the stochastic binarization of the 81.3-nat
anchor (pixel = 1 with probability g, Salakhutdinov & Murray 2008): that draws the anti-aliased
stroke edges at random, a noise the model must then spend nats and samples on. Measured here: the
plain model trained on it (88.1 nats held-out) drew digits the evaluator recognised 20% of the time
at T = 1 and 40% at T = 0.8 (20 samples each; below that, empty frames). ``benchmarks.pixelcnn``
reports what that noise alone costs in nats.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

NULL_CLASS = 10
SIDE = 28
# What the tab and the seam sample with (``python -m benchmarks.pixelcnn --only samples`` measures
# the choice). Classifier-free guidance on the logits lifts the evaluator's accuracy on conditional
# samples from about a third to 80-98%, but strong guidance makes strokes the data never has: the
# image transformer at T = 1 (500 samples, seed 1000, issue 34) — w = 1: 86.8% accuracy, precision
# 0.69; w = 2: 97.2%, 0.67; w = 3: 98.0%, 0.54; w = 6: 91.8%, 0.25. A cooler T then trims the stray
# pixels: at w = 2, T = 0.9: 0.71, T = 0.8: 98.2%, 0.74 (recall 0.78), T = 0.7: 0.74 (recall 0.76).
# The gated PixelCNN gains too: T = 1, w = 3: 77.4%, precision 0.27; T = 0.8, w = 2: 79.6%, 0.46.
RECOMMENDED_TEMPERATURE = 0.8
RECOMMENDED_GUIDANCE = 2.0


@dataclass(frozen=True)
class PixelCNNConfig:
    """variant: "gated" or "plain"; channels: feature maps per stack (plain: per layer);
    layers: masked layers after the first; first_kernel: the type-A layer's size (7, as both papers);
    kernel: the later layers' size (3 keeps 784 sequential calls affordable on a 2-core CPU);
    head: the 1x1 output layer's width; p_uncond: how often training replaces the class by NULL_CLASS."""

    variant: str = "gated"
    channels: int = 64
    layers: int = 10
    first_kernel: int = 7
    kernel: int = 3
    head: int = 128
    p_uncond: float = 0.1
    epochs: int = 40
    batch_size: int = 64
    lr: float = 1e-3
    seed: int = 0


def mask(kernel: int, mask_type: str) -> torch.Tensor:
    """(k, k) 0/1 mask of a plain PixelCNN layer: the rows above and the pixels left of the centre;
    type "B" also keeps the centre (a layer's own position, already causal after layer 1)."""
    m = torch.zeros(kernel, kernel)
    c = kernel // 2
    m[:c] = 1
    m[c, :c] = 1
    if mask_type == "B":
        m[c, c] = 1
    return m


class MaskedConv2d(nn.Conv2d):
    """A convolution whose weight is multiplied by ``mask(kernel, mask_type)`` on every call."""

    def __init__(self, c_in: int, c_out: int, kernel: int, mask_type: str):
        super().__init__(c_in, c_out, kernel, padding=kernel // 2)
        self.register_buffer("mask", mask(kernel, mask_type), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.conv2d(x, self.weight * self.mask, self.bias, padding=self.padding)


class GatedLayer(nn.Module):
    """One gated layer. Vertical stack: a (k//2 + 1, k) kernel over rows i - k//2 .. i of the
    previous vertical map (the first layer drops row i, so the stack always sees rows above only).
    Horizontal stack: a (1, k//2 + 1) kernel over columns j - k//2 .. j (the first layer drops j)."""

    def __init__(self, c_in: int, channels: int, kernel: int, first: bool, classes: int):
        super().__init__()
        self.first, self.half = first, kernel // 2
        self.vertical = nn.Conv2d(c_in, 2 * channels, (self.half + 1, kernel), padding=(self.half, self.half))
        self.horizontal = nn.Conv2d(c_in, 2 * channels, (1, self.half + 1), padding=(0, self.half))
        self.v_to_h = nn.Conv2d(2 * channels, 2 * channels, 1)
        self.h_out = nn.Conv2d(channels, channels, 1)
        self.label = nn.Embedding(classes, 2 * channels)
        if first:  # type A: no access to the current row (vertical) or the current pixel (horizontal)
            v_mask = torch.ones_like(self.vertical.weight)
            v_mask[:, :, -1] = 0
            h_mask = torch.ones_like(self.horizontal.weight)
            h_mask[..., -1] = 0
            self.register_buffer("v_mask", v_mask, persistent=False)
            self.register_buffer("h_mask", h_mask, persistent=False)

    @staticmethod
    def gate(x: torch.Tensor) -> torch.Tensor:
        f, g = x.chunk(2, dim=1)
        return torch.tanh(f) * torch.sigmoid(g)

    def vertical_part(self, v: torch.Tensor, bias: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """v: (B, C_in, H, W); bias: the class's (B, 2 channels, 1, 1) -> (pre-activation for the
        horizontal stack (B, 2 channels, H, W), the next vertical map (B, channels, H, W))."""
        w = self.vertical.weight * self.v_mask if self.first else self.vertical.weight
        v_pre = F.conv2d(v, w, self.vertical.bias, padding=self.vertical.padding)[..., : v.shape[-2], :]
        return v_pre, self.gate(v_pre + bias)

    def horizontal_part(self, h: torch.Tensor, v_pre: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        """h: (B, C_in, H, W), any number of whole rows; v_pre: those rows' vertical pre-activations."""
        w = self.horizontal.weight * self.h_mask if self.first else self.horizontal.weight
        h_pre = F.conv2d(h, w, self.horizontal.bias, padding=self.horizontal.padding)[..., : h.shape[-1]]
        h_new = self.h_out(self.gate(h_pre + self.v_to_h(v_pre) + bias))
        return h_new if self.first else h + h_new

    def forward(self, v: torch.Tensor, h: torch.Tensor, c: torch.Tensor):
        """v, h: (B, C_in, H, W); c: (B,) classes -> (v', h'), each (B, channels, H, W)."""
        bias = self.label(c)[:, :, None, None]
        v_pre, v_out = self.vertical_part(v, bias)
        return v_out, self.horizontal_part(h, v_pre, bias)


class GatedPixelCNN(nn.Module):
    def __init__(self, cfg: PixelCNNConfig = PixelCNNConfig()):
        super().__init__()
        self.cfg = cfg
        classes = NULL_CLASS + 1
        self.layers = nn.ModuleList(
            [GatedLayer(1, cfg.channels, cfg.first_kernel, True, classes)]
            + [GatedLayer(cfg.channels, cfg.channels, cfg.kernel, False, classes) for _ in range(cfg.layers)]
        )
        self.head = nn.Sequential(nn.ReLU(), nn.Conv2d(cfg.channels, cfg.head, 1), nn.ReLU(), nn.Conv2d(cfg.head, 1, 1))

    def forward(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        """x: (B, 1, H, W) in {0, 1}; c: (B,) -> logits (B, 1, H, W) of p(x_ij = 1 | x_<ij, c)."""
        x = 2 * x - 1  # centred input: a zero-padded border then reads as "unknown", not "ink-free"
        v = h = x
        for layer in self.layers:
            v, h = layer(v, h, c)
        return self.head(h)

    @property
    def rows_above(self) -> int:
        """How many rows above pixel i can reach its logit (what windowed sampling must keep)."""
        return self.cfg.first_kernel // 2 + self.cfg.layers * (self.cfg.kernel // 2)

    def vertical_cache(self, x: torch.Tensor, c: torch.Tensor) -> list[torch.Tensor]:
        """x: (B, 1, H, W), the rows up to the one about to be drawn -> every layer's vertical
        pre-activation of that last row, (B, 2 channels, 1, W) each. The vertical stack reads only
        the rows above, so these are fixed before the row's first pixel: computed once per row."""
        v, cache = 2 * x - 1, []
        for layer in self.layers:
            v_pre, v = layer.vertical_part(v, layer.label(c)[:, :, None, None])
            cache.append(v_pre[..., -1:, :])
        return cache

    def row_logits(self, row: torch.Tensor, cache: list[torch.Tensor], c: torch.Tensor) -> torch.Tensor:
        """row: (B, 1, 1, W), the row being drawn (pixels not drawn yet are 0 and never read);
        cache: ``vertical_cache`` of it -> the row's logits (B, 1, 1, W) from the horizontal stack
        alone — one row of work per pixel instead of the whole window."""
        h = 2 * row - 1
        for layer, v_pre in zip(self.layers, cache, strict=True):
            h = layer.horizontal_part(h, v_pre, layer.label(c)[:, :, None, None])
        return self.head(h)


class PlainPixelCNN(nn.Module):
    def __init__(self, cfg: PixelCNNConfig = PixelCNNConfig(variant="plain")):
        super().__init__()
        self.cfg = cfg
        self.first = MaskedConv2d(1, cfg.channels, cfg.first_kernel, "A")
        self.convs = nn.ModuleList(
            [MaskedConv2d(cfg.channels, cfg.channels, cfg.kernel, "B") for _ in range(cfg.layers)]
        )
        self.labels = nn.ModuleList([nn.Embedding(NULL_CLASS + 1, cfg.channels) for _ in range(cfg.layers + 1)])
        self.head = nn.Sequential(nn.ReLU(), nn.Conv2d(cfg.channels, cfg.head, 1), nn.ReLU(), nn.Conv2d(cfg.head, 1, 1))

    def forward(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        """x: (B, 1, H, W) in {0, 1}; c: (B,) -> logits (B, 1, H, W)."""
        h = self.first(2 * x - 1) + self.labels[0](c)[:, :, None, None]
        for conv, label in zip(self.convs, self.labels[1:], strict=True):
            h = h + conv(F.relu(h)) + label(c)[:, :, None, None]  # residual: 10 layers train stably
        return self.head(h)

    @property
    def rows_above(self) -> int:
        return self.cfg.first_kernel // 2 + self.cfg.layers * (self.cfg.kernel // 2)


def PixelCNN(cfg: PixelCNNConfig) -> nn.Module:  # noqa: N802 - the registry builds kinds by class name
    """The network ``cfg.variant`` names."""
    return {"gated": GatedPixelCNN, "plain": PlainPixelCNN}[cfg.variant](cfg)


def pixel_log_likelihoods(model: nn.Module, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
    """log p(x_i | x_<i, c) for every pixel, (B, 1, 28, 28) in nats (one parallel pass: teacher
    forcing, since every conditional reads only pixels of x that come before it)."""
    return -F.binary_cross_entropy_with_logits(model(x, c).float(), x, reduction="none")


def nll(model: nn.Module, x: torch.Tensor, c: torch.Tensor, batch: int = 250) -> torch.Tensor:
    """-log p(x | c) in nats per digit, (B,): the sum of the 784 per-pixel terms."""
    return torch.cat(
        [
            -pixel_log_likelihoods(model, x[i : i + batch], c[i : i + batch]).flatten(1).sum(1)
            for i in range(0, len(x), batch)
        ]
    )


@dataclass
class PixelStep:
    """The state after pixel ``index`` (raster order, 0..783) was drawn: x (B, 1, 28, 28) with
    pixels > index still 0; probs (B, 1, 28, 28), p(x_i = 1 | x_<i) at the visited pixels, NaN after."""

    index: int
    x: torch.Tensor
    probs: torch.Tensor


def sample_progressive(
    model: nn.Module,
    labels: torch.Tensor,
    temperature: float = 1.0,
    seed: int = 0,
    x: torch.Tensor | None = None,
    start: int = 0,
    path: str = "fast",
    guidance: float = 1.0,
) -> Iterator[PixelStep]:
    """Draw pixels start..783 one at a time, x_i ~ Bernoulli(σ(ℓ_i / T)); yields after each.

    labels: (B,) classes (NULL_CLASS for unconditional); x: (B, 1, 28, 28) whose pixels before
    ``start`` are kept (completion), or None. Uniforms are drawn up front from ``seed`` on the CPU,
    so a seed gives the same digits on every device and on every path. ``path`` — the same logits
    three ways: "full" runs the network on all 28 rows for every pixel; "window" on the rows that
    can reach the current one (``model.rows_above`` + 1: a convolution reads only its receptive
    field); "fast" (the default) caches what a new pixel cannot change where the model allows it
    (the gated model's vertical stack, once per row; ``GatedPixelCNN.row_logits``) and falls back
    to the window otherwise; the transformer keeps its keys and values (``TransformerAR.kv_step``).
    ``guidance`` w: classifier-free guidance on the logits, ℓ = ℓ_null + w (ℓ_class − ℓ_null), one
    batched call for both (w = 1: the plain conditional; rows asking for NULL_CLASS are unchanged).
    """
    device = next(model.parameters()).device
    b = len(labels)
    labels = labels.to(device)
    guided = guidance != 1.0
    both = torch.cat([labels, torch.full_like(labels, NULL_CLASS)]) if guided else labels
    x = torch.zeros(b, 1, SIDE, SIDE, device=device) if x is None else x.to(device).clone()
    x.view(b, -1)[:, start:] = 0
    probs = torch.full_like(x, float("nan"))
    u = torch.rand(b, SIDE * SIDE, generator=torch.Generator().manual_seed(seed)).to(device)
    if path not in ("fast", "window", "full"):
        raise ValueError(f"path must be fast, window or full, not {path!r}")
    cached = path == "fast" and hasattr(model, "row_logits")
    kv = path == "fast" and hasattr(model, "kv_step")  # the transformer (models.autoregressive.transformer_ar)
    twice = (lambda t: torch.cat([t, t])) if guided else (lambda t: t)  # noqa: E731 - class and null rows
    for i in range(start, SIDE * SIDE):
        row, col = divmod(i, SIDE)
        top = 0 if path == "full" else max(0, row - model.rows_above)
        if kv:  # one token per patch of P pixels through the cached layers, then the patch's head
            token, k = divmod(i, model.cfg.patch)
            pixels = model.patches(twice(x))
            if i == start:
                caches, h = model.prefill(twice(x), both, token)
            elif k == 0:
                h = model.kv_step(caches, pixels[:, token - 1], token)
            logits = model.patch_logits(h, pixels[:, token])[:, k].float()
        elif cached:
            if col == 0 or i == start:
                cache = model.vertical_cache(twice(x[:, :, top : row + 1]), both)
            logits = model.row_logits(twice(x[:, :, row : row + 1]), cache, both)[:, 0, 0, col].float()
        else:
            logits = model(twice(x[:, :, top : row + 1]), both)[:, 0, row - top, col].float()
        if guided:
            cond, null = logits.chunk(2)
            logits = null + guidance * (cond - null)
        p = torch.sigmoid(logits / temperature)
        probs[:, 0, row, col] = p
        x[:, 0, row, col] = (u[:, i] < p).float()
        yield PixelStep(i, x, probs)


def sample(
    model: nn.Module, labels: torch.Tensor, temperature: float = 1.0, seed: int = 0, guidance: float = 1.0
) -> torch.Tensor:
    """(B,) classes -> (B, 1, 28, 28) binary digits (the last state of ``sample_progressive``)."""
    *_, last = sample_progressive(model, labels, temperature, seed, guidance=guidance)
    return last.x
