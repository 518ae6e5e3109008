"""Train the digits autoencoders of latent diffusion: ``python -m models.train autoencoder_f2``
(and ``_f4``, ``_f8``).

Loss ||x − D(z)||₁ + β KL(q(z|x) ‖ N(0, I)), z sampled from q (``models.diffusion.latent.autoencoder``), Adam with a
one-epoch warm-up and cosine decay. After training, the latent scale factor 1 / std(z) over the
training digits (Stable Diffusion's recipe), then the factor table's row on the held-out digits:
PSNR, the evaluator's accuracy on the reconstructions, the compression ratio. Resumable:
``runs/<name>.pt`` after every epoch.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from models.core.assets import ROOT, save_model
from models.core.checkpoint import split_report
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.diffusion.latent.autoencoder import AutoencoderConfig, DigitAutoencoder, values_ratio
from models.diffusion.model import to_digit_space, to_model_space

AUTOENCODER_CONFIGS = {f"autoencoder_f{f}": AutoencoderConfig(factor=f) for f in (2, 4, 8)}
NAMES = tuple(AUTOENCODER_CONFIGS)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)
RUNS_DIR = ROOT / "runs"


@torch.inference_mode()
def latent_std(model: DigitAutoencoder, x01: torch.Tensor, seed: int = 0) -> float:
    """std of posterior samples z (unscaled) over digits x01 (N, 1, 28, 28): SD's 1/0.18215."""
    gen = torch.Generator().manual_seed(seed)
    z = torch.cat([model.posterior(to_model_space(x01[i : i + 500])).sample(gen) for i in range(0, len(x01), 500)])
    return float(z.std())


@torch.inference_mode()
def reconstruct(model: DigitAutoencoder, x01: torch.Tensor) -> torch.Tensor:
    """digits (N, 1, 28, 28) in [0, 1] -> D(E(x)) in [0, 1], the posterior mean decoded."""
    return torch.cat(
        [to_digit_space(model.decode(model.encode(to_model_space(x01[i : i + 500])))) for i in range(0, len(x01), 500)]
    )


def evaluate_autoencoder(model: DigitAutoencoder, x: torch.Tensor, y: torch.Tensor) -> dict:
    """PSNR (dB, on [0, 1] at 28 x 28), the evaluator's accuracy on reconstructions, KL per image."""
    from models.core.registry import load_model
    from models.measure.metrics import class_accuracy, psnr

    model.eval()
    x_hat = reconstruct(model, x)
    with torch.inference_mode():
        kl = float(model.posterior(to_model_space(x)).kl().mean())
    return {
        "psnr_db": round(psnr(x_hat, x), 2),
        "reconstruction_accuracy": round(class_accuracy(load_model("evaluator", device="cpu"), x_hat, y), 4),
        "kl_nats": round(kl, 1),
    }


def train_autoencoder(name: str, cfg: AutoencoderConfig, log=print) -> DigitAutoencoder:
    torch.manual_seed(cfg.seed)
    data = digit_split()
    run = TrainingRun(RUNS_DIR / name, log, config=cfg)
    model = DigitAutoencoder(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    batches = -(-len(data.x_train) // cfg.batch)
    warm = torch.optim.lr_scheduler.LinearLR(opt, 0.01, 1.0, batches)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(opt, (cfg.epochs - 1) * batches, eta_min=cfg.lr * 0.02)
    sched = torch.optim.lr_scheduler.SequentialLR(opt, [warm, cosine], [batches])
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    x_train = to_model_space(data.x_train)
    for epoch in range(run.resume(), cfg.epochs):
        model.train()
        perm = torch.randperm(len(x_train), generator=gen)
        l1 = kl_sum = 0.0
        for i in range(0, len(perm), cfg.batch):
            x = x_train[perm[i : i + cfg.batch]].to(run.device)
            with run.autocast():
                x_hat, kl = model(x, gen)
            rec = F.l1_loss(x_hat.float(), x)
            loss = rec + cfg.kl_weight * kl.float().mean() / x[0].numel()  # β·KL per value, as L1 is
            run.step(loss, opt, sched, clip=1.0)
            l1 += rec.item() * len(x)
            kl_sum += kl.float().sum().item()
        msg = f"epoch {epoch + 1}/{cfg.epochs} L1 {l1 / len(perm):.4f} KL {kl_sum / len(perm):.0f} ({run.seconds:.0f}s)"
        if (epoch + 1) % 10 == 0:
            msg += f" test {evaluate_autoencoder(model, data.x_test, data.y_test)}"
        log(msg)
        run.save(epoch + 1)
    model = run.unwrap(model).eval().cpu()
    seconds = run.seconds
    model.scaling_factor.fill_(1.0 / latent_std(model, data.x_train))
    model.train_seconds = seconds
    return model


def main(name: str, log=print) -> dict:
    cfg = AUTOENCODER_CONFIGS[name]
    model = train_autoencoder(name, cfg, log=log)
    metrics = split_report(model, evaluate_autoencoder, digit_split())
    metrics.update(
        scaling_factor=round(float(model.scaling_factor), 5),
        latent_shape=list(model.latent_shape),
        values_ratio=values_ratio(cfg),
    )
    save_model(name, "autoencoder", model, cfg, metrics, command=f"python -m models.train {name}")
    log(f"{name}: {metrics}")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the factor, the latent and its scale, the reconstructions' PSNR and accuracy."""
    shape = "×".join(map(str, m["latent_shape"]))
    what = (
        f"diffusers AutoencoderKL, f = {cfg['factor']} (latent {shape}, {m['values_ratio']:g}× fewer values), "
        f"L1 + {cfg['kl_weight']:g}·KL, {m['parameters'] / 1e3:.0f}k parameters, scale factor "
        f"{m['scaling_factor']:.3f}"
    )
    metric = (
        f"reconstructions: PSNR **{m['test_psnr_db']:.1f} dB**, evaluator accuracy "
        f"**{100 * m['test_reconstruction_accuracy']:.1f}%** (train {m['train_psnr_db']:.1f} dB)"
    )
    return what, metric
