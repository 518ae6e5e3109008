"""Train the cascade: ``python -m models.train base16``, ``upsampler``, ``upsampler_noaug``, ``upsampler_tconv``.

- base16: the pixel model's trainer (``models.diffusion.train_diffusion``) on the training digits averaged
  down to 16 x 16.
- upsampler / upsampler_noaug: the same trainer at 32 x 32 with the low-resolution image of each
  training digit as the condition, noised to a level drawn uniformly from 0..350 (augmented) or
  never (0): the pair the cascade paper compares.
- upsampler_tconv: the transposed-convolution baseline, L2 on (16 x 16, 32 x 32) pairs.

Each diffusion run checkpoints to ``runs/<name>/`` and resumes from there. Measured afterwards by
``benchmarks.cascade``.
"""

from __future__ import annotations

import time

import torch

from models.core.assets import ROOT
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.diffusion.cascade.model import (
    BaseConfig,
    BaseDiffusion,
    DigitUpsampler,
    TConvConfig,
    TransposedConvUpsampler,
    UpsamplerConfig,
    augment,
    to_low_res,
)
from models.diffusion.model import to_model_space
from models.diffusion.train_diffusion import train_diffusion

RUNS = ROOT / "runs"
CONFIGS = {
    "base16": BaseConfig(),
    "upsampler": UpsamplerConfig(),
    "upsampler_noaug": UpsamplerConfig(max_train_noise_level=0),
}
NAMES = (*CONFIGS, "upsampler_tconv")  # what ``python -m models.train NAME`` accepts


def upsampler_condition(cfg: UpsamplerConfig):
    """(x_0 (B, 1, 32, 32), labels, generator) -> (the noised low-resolution image, its level (B,))."""

    def condition(x0: torch.Tensor, labels, gen: torch.Generator):
        low = to_low_res(x0)
        level = torch.randint(cfg.max_train_noise_level + 1, (len(x0),), generator=gen)
        return augment(low, level, torch.randn(low.shape, generator=gen)), level

    return condition


def train_tconv(cfg: TConvConfig = TConvConfig(), log=print) -> TransposedConvUpsampler:
    torch.manual_seed(cfg.seed)
    run = TrainingRun(None, log, config=cfg)  # 80 s: no checkpoint
    gen = run.generator(cfg.seed)
    x = to_model_space(digit_split().x_train)
    model = TransposedConvUpsampler(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    model, opt = run.prepare(model, opt)
    for step in range(cfg.steps):
        hi = x[torch.randint(len(x), (cfg.batch,), generator=gen)].to(run.device)
        loss = torch.nn.functional.mse_loss(model(to_low_res(hi)), hi)
        run.step(loss, opt)
        if (step + 1) % 200 == 0:
            log(f"step {step + 1}/{cfg.steps} loss {loss.item():.4f}")
    return run.unwrap(model).eval().cpu()


def main(name: str, log=print) -> dict:
    from models.core.assets import save_model

    t0 = time.time()
    split = digit_split()
    x = to_model_space(split.x_train)
    if name == "upsampler_tconv":
        model = train_tconv(log=log)
        kind, cfg = "upsampler_tconv", model.cfg
    elif name == "base16":
        cfg = CONFIGS[name]
        model = train_diffusion(cfg, RUNS / name, log, data=(to_low_res(x), split.y_train), model_class=BaseDiffusion)
        kind = "base16"
    else:
        cfg = CONFIGS[name]
        model = train_diffusion(
            cfg,
            RUNS / name,
            log,
            data=(x, split.y_train),
            model_class=DigitUpsampler,
            condition=upsampler_condition(cfg),
        )
        kind = "upsampler"
    metrics = {
        "train_seconds": round(time.time() - t0, 1),
        "train_steps": cfg.steps,
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    half = kind != "upsampler_tconv"
    save_model(name, kind, model, cfg, metrics, command=f"python -m models.train {name}", half=half)
    log(f"saved {name}; now measure the cascade: python -m benchmarks.cascade")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the cascade's base, an upsampler (with or without noise augmentation) or the baseline."""
    if name == "base16":
        b = m.get("bicubic")
        what = (
            f"the cascade's base: class-conditional diffusion at 16×16 (channels {cfg['block_out_channels']}, "
            f"{cfg['prediction_type']}, label dropout {cfg['p_uncond']:g})"
        )
        return what, (
            f"DDIM-50 at w = 2 then bicubic to 32×32: digits-FID {b['fid']:.1f}, class accuracy "
            f"**{100 * b['class_accuracy']:.1f}%** ({b['n']} samples)"
        ) if b else "unmeasured"
    if "max_train_noise_level" in cfg:
        aug = cfg["max_train_noise_level"]
        what = (
            f"diffusion upsampler 16×16 → 32×32 (the low-res image concatenated, its noise level as the class "
            f"embedding), trained with the condition noised to s ∈ 0..{aug}"
            if aug
            else "the same upsampler trained on clean conditions only (s = 0)"
        )
        level = m.get("noise_level", 0)
        return what, (
            f"on the base's samples at s = {level}: digits-FID **{m['fid']:.1f}**, class accuracy "
            f"{100 * m['class_accuracy']:.1f}%; on true 16×16 test digits: digits-FID "
            f"{m['true_low_res']['fid']:.1f} ({m['n']} samples)"
        ) if "fid" in m else "unmeasured"
    what = f"baseline: two transposed convolutions ({cfg['width']} channels) on bicubic, L2"
    if "fid" not in m:
        return what, "unmeasured"
    return what, (
        f"on the base's samples: digits-FID {m['fid']:.1f}, class accuracy "
        f"{100 * m['class_accuracy']:.1f}% ({m['n']} samples)"
    )
