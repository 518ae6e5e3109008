"""Train the image transformer on the digits' train split: ``python -m models.train transformer_ar``.

The same data, binarization, augmentation and held-out report as the PixelCNNs
(``models.autoregressive.train_pixelcnn``): each epoch shifts the training digits by up to a pixel,
binarizes them and minimises −log p(x | c) in nats per digit, the class replaced by NULL_CLASS 10% of
the time. AdamW (weight decay on the matrices, not on norms, biases or position tables) with a linear
warm-up, a cosine decay and the gradient clipped to norm 1. Resumable: a checkpoint in ``runs/<name>/``
after every epoch (kill it and run the same command again); through ``models.core.training`` like every
trainer. (The shipped weights were trained by this loop before it moved onto ``TrainingRun``: the same
steps, data order and schedule — a tiny seeded run trains the same weights both ways,
``tests/models/core/test_training.py``; its old checkpoint format is not resumed.)
"""

from __future__ import annotations

import math

import torch

from models.autoregressive.train_pixelcnn import RUNS_DIR, evaluate_pixelcnn, nll_loss
from models.autoregressive.transformer_ar import TransformerAR, TransformerARConfig
from models.core.assets import save_model
from models.core.augment import random_shift
from models.core.checkpoint import split_report
from models.core.data import digit_split
from models.core.training import TrainingRun

# Sized by a timing on one shared core (bf16 autocast; 2 cores shared by six sessions): ~1.9 s a step of
# 32 digits at 196 tokens (17-27 s at 784 one-pixel tokens), ~250 s an epoch, so 14 epochs fit the hour.
TRANSFORMER_CONFIGS = {
    "transformer_ar": TransformerARConfig(patch=4, dim=128, layers=4, heads=4, epochs=14, batch_size=32),
}
NAMES = tuple(TRANSFORMER_CONFIGS)  # what ``python -m models.train NAME`` accepts


def warmup_cosine(opt, warmup: int, total: int):
    """lr × min((step + 1) / warmup, 1) × the cosine from 1 to 0 over ``total`` steps."""
    return torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, 1.0) * 0.5 * (1 + math.cos(math.pi * min(s / total, 1.0)))
    )


def _decays(name: str, p: torch.nn.Parameter) -> bool:
    return p.dim() >= 2 and "row" not in name and "col" not in name


def train_transformer_ar(name: str, cfg: TransformerARConfig, log=print) -> torch.nn.Module:
    torch.manual_seed(cfg.seed)
    data = digit_split()
    run = TrainingRun(RUNS_DIR / name, log, config=cfg)
    model = TransformerAR(cfg)
    params = list(model.named_parameters())
    opt = torch.optim.AdamW(
        [
            {"params": [p for n, p in params if _decays(n, p)], "weight_decay": 0.05},
            {"params": [p for n, p in params if not _decays(n, p)], "weight_decay": 0.0},
        ],
        lr=cfg.lr,
        betas=(0.9, 0.98),
    )
    batches = -(-len(data.x_train) // cfg.batch_size)
    sched = warmup_cosine(opt, cfg.warmup, cfg.epochs * batches)
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    for epoch in range(run.resume(), cfg.epochs):
        model.train()
        perm = torch.randperm(len(data.x_train), generator=gen)
        total = 0.0
        for i in range(0, len(perm), cfg.batch_size):
            idx = perm[i : i + cfg.batch_size]
            grey = random_shift(data.x_train[idx], gen, cfg.max_shift)
            loss = nll_loss(model, run, grey, data.y_train[idx], gen, cfg.p_uncond)
            run.step(loss, opt, sched, clip=1.0)
            total += loss.item() * len(idx)
            if (i // cfg.batch_size) % 20 == 0:
                log(f"  step {i // cfg.batch_size}/{batches} loss {loss.item():.1f} ({run.seconds:.0f}s)")
        msg = f"epoch {epoch + 1}/{cfg.epochs} train nll {total / len(perm):.2f} ({run.seconds:.0f}s)"
        if (epoch + 1) % 2 == 0 or epoch + 1 == cfg.epochs:
            msg += f" test {evaluate_pixelcnn(model, data.x_test.to(run.device), data.y_test.to(run.device))}"
        log(msg)
        run.save(epoch + 1)
    model = run.unwrap(model).eval().cpu()
    model.train_seconds = run.seconds
    return model


def main(name: str, log=print) -> dict:
    cfg = TRANSFORMER_CONFIGS[name]
    model = train_transformer_ar(name, cfg, log=lambda m: print(m, flush=True) if log is print else log(m))
    metrics = split_report(model, evaluate_pixelcnn, digit_split())
    save_model(name, "transformer_ar", model, cfg, metrics, command=f"python -m models.train {name}")
    log(f"{name}: {metrics}")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the network, its exact held-out likelihood, its samples' accuracy and precision."""
    what = (
        f"image transformer (decoder-only, causal SDPA), {cfg['layers']} blocks of width {cfg['dim']}, "
        f"{cfg['heads']} heads, tokens of {cfg['patch']} pixels with a masked per-pixel head, class token with "
        f"a null class, KV-cached sampling, {m.get('parameters', 0) / 1e3:.0f}k parameters"
    )
    metric = (
        f"−log p(x) **{m['test_nll_nats']:.1f}** nats exact, class given "
        f"({m['test_nll_unconditional_nats']:.1f} without; train {m['train_nll_nats']:.1f}), binarized at half grey"
    )
    if "class_accuracy" in m:
        metric += (
            f"; samples at T = {m['temperature']:g}, guidance w = {m['guidance']:g}: class accuracy "
            f"**{100 * m['class_accuracy']:.1f}%**, precision {m.get('precision', float('nan')):.2f} "
            f"({m['class_accuracy_n']} samples, seed {m.get('class_accuracy_seed', 0)})"
        )
    return what, metric
