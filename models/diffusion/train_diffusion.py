"""Train the digits diffusion model: ``python -m models.train diffusion``.

v-prediction (Salimans & Ho 2022) with the simple loss ||v − v_θ(x_t, t, y)||², x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε,
v = √ᾱ_t ε − √(1−ᾱ_t) x_0 (the DDPM loss of Ho et al. 2020 with another target), the
label replaced by the null class with probability ``p_uncond`` (classifier-free guidance), AdamW
with warm-up and cosine decay, an EMA copy of the weights (diffusers' ``EMAModel``); the EMA
weights are the ones shipped. Precision as the app chooses it (``models.core.compute``: bf16 autocast
only where the machine runs it natively and faster). The run checkpoints to ``runs/diffusion/`` and resumes from there.

After training, ``models.diffusion.eval_diffusion`` measures the samples (class accuracy and digits-FID per
sampler) and records them in the manifest.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from models.core.assets import ROOT
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.diffusion.model import DiffusionConfig, DigitDiffusion, to_model_space

NAMES = ("diffusion",)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


RUN_DIR = ROOT / "runs" / "diffusion"
DIFFUSION_CONFIG = DiffusionConfig()


def _lr_factor(step: int, cfg: DiffusionConfig) -> float:
    if step < cfg.warmup:
        return (step + 1) / cfg.warmup
    progress = (step - cfg.warmup) / max(1, cfg.steps - cfg.warmup)
    return 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress))


def train_diffusion(
    cfg: DiffusionConfig = DIFFUSION_CONFIG,
    run_dir: Path = RUN_DIR,
    log=print,
    data: tuple[torch.Tensor, torch.Tensor] | None = None,
    model_class=DigitDiffusion,
    condition=None,
):
    """-> the EMA model (eval mode, CPU).

    data: (x_0 (N, C, H, W), labels (N,)) to learn, by default the training digits in pixels
    (a latent model passes the autoencoder's codes of them); model_class: the network's class;
    condition: (x_0, labels, generator) -> the network's inputs after x_t and t, by default
    (labels,) (the upsampler's: its low-resolution condition and that condition's noise level)."""
    from diffusers import DDPMScheduler
    from diffusers.training_utils import EMAModel

    torch.manual_seed(cfg.seed)
    run = TrainingRun(run_dir, log, config=cfg)
    x_train, y_train = data if data is not None else (to_model_space(digit_split().x_train), digit_split().y_train)
    model = model_class(cfg)
    ema = EMAModel(model.parameters(), decay=cfg.ema_decay)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: _lr_factor(s, cfg))
    noise_sched = DDPMScheduler(**model.scheduler_config())
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    run.register(ema)
    device = run.device
    start = run.resume()
    ema.to(device)
    model.train()
    t0, running = time.time(), 0.0
    for step in range(start, cfg.steps):
        idx = torch.randint(len(x_train), (cfg.batch,), generator=gen)
        x0, y = x_train[idx], y_train[idx].clone()
        if cfg.p_uncond:  # the upsampler has no label to drop
            y[torch.rand(cfg.batch, generator=gen) < cfg.p_uncond] = run.unwrap(model).null_class
        noise = torch.randn(x0.shape, generator=gen)
        t = torch.randint(cfg.num_train_timesteps, (cfg.batch,), generator=gen)
        x_t = noise_sched.add_noise(x0, noise, t)
        inputs = [v.to(device) for v in ((y,) if condition is None else condition(x0, y, gen))]
        x_t, t, noise = x_t.to(device), t.to(device), noise.to(device)
        target = noise if cfg.prediction_type == "epsilon" else noise_sched.get_velocity(x0, noise, t).to(device)
        with run.autocast():
            pred = model(x_t, t, *inputs)
        loss = F.mse_loss(pred.float(), target)
        run.step(loss, opt, sched, clip=1.0)
        ema.step(model.parameters())
        running += loss.item()
        if (step + 1) % 100 == 0:
            lr = sched.get_last_lr()[0]
            log(f"step {step + 1}/{cfg.steps} loss {running / 100:.4f} lr {lr:.2e} ({time.time() - t0:.0f}s)")
            running = 0.0
        if (step + 1) % 500 == 0 or step + 1 == cfg.steps:
            run.save(step + 1)
    model = run.unwrap(model)
    ema.copy_to(model.parameters())
    return model.eval().cpu()


def main(name: str = "diffusion", log=print) -> dict:
    from models.core.assets import save_model

    t0 = time.time()
    model = train_diffusion(log=log)
    metrics = {"train_seconds": round(time.time() - t0, 1), "train_steps": model.cfg.steps}
    save_model(name, "diffusion", model, model.cfg, metrics, command=f"python -m models.train {name}", half=True)
    log(f"saved {name}; now measure it: python -m models.diffusion.eval_diffusion")
    return metrics


FID_NAMES = {"ddim10": "DDIM-10", "ddim50": "DDIM-50", "ddpm1000": "DDPM-1000", "real_train_digits": "real digits"}


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the UNet and its training, the samples' class accuracy and digits-FID per sampler."""
    what = (
        "class-conditional pixel diffusion (diffusers UNet2DConditionModel without cross-attention, "
        f"channels {cfg['block_out_channels']}, {cfg['prediction_type']}, {cfg['beta_schedule']}, "
        f"T = {cfg['num_train_timesteps']}, label dropout {cfg['p_uncond']:g}, EMA {cfg['ema_decay']:g})"
    )
    fid = m.get("fid", {})
    metric = (
        f"DDIM-50 at w = {m.get('recommended_guidance', '?')}: class accuracy "
        f"**{100 * m.get('ddim50_accuracy', 0):.1f}%** "
        f"({m.get('ddim50_accuracy_n', '?')} samples); digits-FID ({m.get('fid_n', '?')} samples) "
        + ", ".join(f"{FID_NAMES.get(k, k)} {v:.1f}" for k, v in fid.items())
    )
    return what, metric
