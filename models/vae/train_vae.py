"""Train the shipped VAEs on the digits' train split.

Reported on the 500 held-out digits: ELBO in nats (β = 1 terms, 10 samples of q(z|x) per digit,
for the β-VAE too, so the numbers compare), its reconstruction and KL parts, and the evaluator's
accuracy on the reconstructions (decoded posterior means). The atlas of the test encodings (μ, and
a UMAP of μ computed once here) is shipped with the weights so the app never runs UMAP at start.
"""

from __future__ import annotations

import time
from pathlib import Path

import torch

from models.core.assets import ROOT, save_model
from models.core.augment import random_affine
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.vae.model import ConvVAE, VAEConfig, elbo_terms

VAE_CONFIGS = {
    # Two numbers cannot also encode jitter: augmenting cost the 2-D model 4 nats and 13 points of
    # reconstruction accuracy (measured), so it trains on the digits as they are, for longer.
    "vae2": VAEConfig(latent_dim=2, beta=1.0, epochs=100, augment=False),
    "vae16": VAEConfig(latent_dim=16, beta=1.0),
    "vae16_beta4": VAEConfig(latent_dim=16, beta=4.0),
}
NAMES = tuple(VAE_CONFIGS)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


@torch.inference_mode()
def evaluate_vae(model: ConvVAE, x: torch.Tensor, y: torch.Tensor, evaluator=None, samples: int = 10) -> dict:
    from models.measure.metrics import class_accuracy

    model.eval()
    terms = elbo_terms(model, x, samples=samples, generator=torch.Generator().manual_seed(1))
    out = {
        "test_elbo_nats": round(float(terms.elbo.mean()), 2),
        "test_recon_nats": round(float(terms.recon.mean()), 2),
        "test_kl_nats": round(float(terms.kl.mean()), 2),
    }
    if evaluator is not None:
        recon = model.decode(model.encode(x)[0])
        out["recon_accuracy"] = round(class_accuracy(evaluator, recon, y), 4)
    return out


def train_vae(cfg: VAEConfig, log=print, run_dir: Path | None = None) -> ConvVAE:
    """run_dir: where the run checkpoints after every epoch (``runs/<name>``; None keeps no checkpoint)."""
    torch.manual_seed(cfg.seed)
    run = TrainingRun(run_dir, log, config=cfg)
    x_train = digit_split().x_train
    model = ConvVAE(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    steps = cfg.epochs * -(-len(x_train) // cfg.batch_size)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    for epoch in range(run.resume(), cfg.epochs):
        model.train()
        perm = torch.randperm(len(x_train), generator=gen)
        total = 0.0
        for i in range(0, len(perm), cfg.batch_size):
            x = x_train[perm[i : i + cfg.batch_size]]
            if cfg.augment:  # 4,500 digits are few: without jitter the decoder memorises them
                x = random_affine(x, gen, max_degrees=8.0, scale=(0.92, 1.08), max_shift=1.5)
            terms = elbo_terms(model, x.to(run.device), generator=gen)
            loss = (cfg.beta * terms.kl - terms.recon).mean()
            run.step(loss, opt, sched)
            total += loss.item() * len(x)
        if (epoch + 1) % 10 == 0 or epoch == 0:
            log(f"epoch {epoch + 1}/{cfg.epochs} train loss {total / len(perm):.2f} ({run.seconds:.0f}s)")
        run.save(epoch + 1)
    return run.unwrap(model).eval().cpu()


def umap_of(points: torch.Tensor, seed: int = 0) -> torch.Tensor:
    """(N, D) -> (N, 2) UMAP embedding (15 neighbours, min_dist 0.1: umap-learn's defaults)."""
    import umap

    reducer = umap.UMAP(n_components=2, random_state=seed, n_jobs=1)
    return torch.from_numpy(reducer.fit_transform(points.numpy())).float()


def main(name: str, log=print) -> dict:
    from models.core.registry import load_model

    cfg = VAE_CONFIGS[name]
    t0 = time.time()
    model = train_vae(cfg, log=log, run_dir=ROOT / "runs" / name)
    data = digit_split()
    metrics = evaluate_vae(model, data.x_test, data.y_test, evaluator=load_model("evaluator", device="cpu"))
    with torch.inference_mode():
        train_terms = elbo_terms(model, data.x_train[:1000], samples=10, generator=torch.Generator().manual_seed(1))
        mu_test = model.encode(data.x_test)[0]
    metrics["train_elbo_nats"] = round(float(train_terms.elbo.mean()), 2)
    metrics["train_seconds"] = round(time.time() - t0, 1)
    extra = {"atlas_mu": mu_test}
    if cfg.latent_dim > 2:
        extra["atlas_umap"] = umap_of(mu_test, seed=cfg.seed)
    save_model(name, "vae", model, cfg, metrics, command=f"python -m models.train {name}", extra=extra)
    log(f"{name}: {metrics}")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the VAE's latent size and β, its held-out ELBO and likelihood bound."""
    what = f"conv VAE, D = {cfg['latent_dim']}, β = {cfg['beta']:g}"
    metric = (
        f"ELBO **{m['test_elbo_nats']:.1f}** nats (recon {m['test_recon_nats']:.1f}, KL {m['test_kl_nats']:.1f}; "
        f"train {m['train_elbo_nats']:.1f}); evaluator accuracy on reconstructions "
        f"**{100 * m['recon_accuracy']:.1f}%**"
    )
    if "test_nll_binarized_iwae_nats" in m:
        metric += (
            f"; on the binarized digits −log p(x) ≤ **{m['test_nll_binarized_iwae_nats']:.1f}** "
            f"(importance-weighted, k = {m['iwae_k']})"
        )
    return what, metric
