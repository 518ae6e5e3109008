"""Train the latent diffusion model: ``python -m models.train ldm`` (after ``autoencoder_f4``).

The pixel model's trainer (``models.diffusion.train_diffusion``: v-prediction, label dropout for CFG, EMA)
on the shipped autoencoder's scaled latents of the training digits, computed once (the posterior
mean: at β = 1e-6 its σ is negligible). Checkpoints to ``runs/ldm/`` and resumes from there.
Measured afterwards by ``python -m benchmarks.latent --only quality``.
"""

from __future__ import annotations

import time

from models.core.assets import ROOT
from models.core.data import digit_split
from models.diffusion.latent.latent_diffusion import LatentDiffusionConfig, LatentDigitDiffusion, encode_digits
from models.diffusion.train_diffusion import train_diffusion

NAMES = ("ldm",)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


RUN_DIR = ROOT / "runs" / "ldm"


def main(name: str = "ldm", log=print) -> dict:
    from models.core.assets import save_model
    from models.core.registry import load_model

    cfg = LatentDiffusionConfig()
    t0 = time.time()
    latents = encode_digits(load_model(cfg.autoencoder, device="cpu"), digit_split().x_train)
    log(f"latents {tuple(latents.shape)}: mean {latents.mean():.3f}, std {latents.std():.3f} (scaled)")
    model = train_diffusion(cfg, RUN_DIR, log, data=(latents, digit_split().y_train), model_class=LatentDigitDiffusion)
    metrics = {
        "train_seconds": round(time.time() - t0, 1),
        "train_steps": cfg.steps,
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    save_model(name, "latent_diffusion", model, cfg, metrics, command=f"python -m models.train {name}", half=True)
    log(f"saved {name}; now measure it: python -m benchmarks.latent --only quality")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the latent UNet and its samples' class accuracy and digits-FID."""
    what = (
        f"class-conditional latent diffusion in `{cfg['autoencoder']}`'s {cfg['channels']}×{cfg['sample_size']}×"
        f"{cfg['sample_size']} latent (diffusers UNet2DConditionModel, channels {list(cfg['block_out_channels'])}, "
        f"{cfg['prediction_type']}, label dropout {cfg['p_uncond']}, EMA {cfg['ema_decay']})"
    )
    metric = "not measured yet: `python -m benchmarks.latent`"
    if "ddim50_accuracy" in m:
        metric = (
            f"DDIM-50 at w = {m['recommended_guidance']:g}: class accuracy "
            f"**{100 * m['ddim50_accuracy']:.1f}%** ({m['ddim50_accuracy_n']} samples); "
            f"digits-FID {m['fid_ddim50']:.1f} ({m['fid_n']} samples)"
        )
    return what, metric
