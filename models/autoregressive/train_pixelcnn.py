"""Train the shipped PixelCNNs on the digits' train split: ``python -m models.train pixelcnn_gated``
(and ``pixelcnn_plain``).

Each epoch shifts the training digits by up to a pixel, binarizes them (``binarize``: ink above
half grey) and minimises −log p(x | c) in nats per digit, with the class replaced by
NULL_CLASS 10% of the time. Resumable: a checkpoint in ``runs/<name>/`` after every epoch
(kill it and run the same command again). Precision as the app chooses it (``models.core.compute``).

Reported on the 500 held-out digits, binarized the same way: the NLL in nats per digit,
with their class and unconditionally, and the same on 500 training digits (every 9th: the
training digits are ordered by class) — the train/test gap.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from models.autoregressive.pixelcnn import NULL_CLASS, PixelCNN, PixelCNNConfig, nll
from models.core.assets import ROOT, save_model
from models.core.augment import random_shift
from models.core.checkpoint import split_report
from models.core.data import binarize, digit_split
from models.core.training import TrainingRun

PIXELCNN_CONFIGS = {
    "pixelcnn_gated": PixelCNNConfig(variant="gated", channels=48, layers=10, epochs=30),
    # about the gated net's size (489k parameters vs 520k) and the same receptive-field depth
    "pixelcnn_plain": PixelCNNConfig(variant="plain", channels=72, layers=10, epochs=30),
}
NAMES = tuple(PIXELCNN_CONFIGS)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)
RUNS_DIR = ROOT / "runs"


@torch.inference_mode()
def evaluate_pixelcnn(model, x: torch.Tensor, y: torch.Tensor) -> dict:
    """x: (N, 1, 28, 28) grey digits -> NLL in nats per digit on their fixed binarization."""
    model.eval()
    xb = binarize(x)
    return {
        "nll_nats": round(float(nll(model, xb, y).mean()), 2),
        "nll_unconditional_nats": round(float(nll(model, xb, torch.full_like(y, NULL_CLASS)).mean()), 2),
    }


def nll_loss(model, run, grey, labels, gen, p_uncond: float, memory_format=torch.contiguous_format):
    """−log p(x | c) in nats per digit of a batch, the autoregressive models' training loss: grey (B, 1, 28, 28)
    binarized, the class replaced by NULL_CLASS with probability ``p_uncond`` (classifier-free guidance)."""
    x = binarize(grey).contiguous(memory_format=memory_format).to(run.device)
    c = labels.clone()
    c[torch.rand(len(c), generator=gen) < p_uncond] = NULL_CLASS
    with run.autocast():
        logits = model(x, c.to(run.device))
    return F.binary_cross_entropy_with_logits(logits.float(), x, reduction="sum") / len(x)


def train_pixelcnn(name: str, cfg: PixelCNNConfig, log=print) -> torch.nn.Module:
    torch.manual_seed(cfg.seed)
    data = digit_split()
    run = TrainingRun(RUNS_DIR / name, log, config=cfg)
    model = PixelCNN(cfg).to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    batches = -(-len(data.x_train) // cfg.batch_size)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, cfg.epochs * batches)
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    for epoch in range(run.resume(), cfg.epochs):
        model.train()
        perm = torch.randperm(len(data.x_train), generator=gen)
        total = 0.0
        for i in range(0, len(perm), cfg.batch_size):
            idx = perm[i : i + cfg.batch_size]
            grey = random_shift(data.x_train[idx], gen)
            loss = nll_loss(model, run, grey, data.y_train[idx], gen, cfg.p_uncond, torch.channels_last)
            run.step(loss, opt, sched)
            total += loss.item() * len(idx)
        msg = f"epoch {epoch + 1}/{cfg.epochs} train nll {total / len(perm):.2f} ({run.seconds:.0f}s)"
        if (epoch + 1) % 5 == 0:
            msg += f" test {evaluate_pixelcnn(model, data.x_test.to(run.device), data.y_test.to(run.device))}"
        log(msg)
        run.save(epoch + 1)
    model = run.unwrap(model).eval().cpu()
    model.train_seconds = run.seconds
    return model


def main(name: str, log=print) -> dict:
    cfg = PIXELCNN_CONFIGS[name]
    model = train_pixelcnn(name, cfg, log=log)
    metrics = split_report(model, evaluate_pixelcnn, digit_split())
    model = model.to(memory_format=torch.contiguous_format)
    save_model(name, "pixelcnn", model, cfg, metrics, command=f"python -m models.train {name}")
    log(f"{name}: {metrics}")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the network, its exact held-out likelihood and its samples' class accuracy."""
    what = (
        f"{'Gated' if cfg['variant'] == 'gated' else 'plain masked-convolution'} PixelCNN, "
        f"{cfg['layers']} + 1 layers of {cfg['channels']} channels, class-conditional with a null class, "
        f"{m.get('parameters', 0) / 1e3:.0f}k parameters"
    )
    metric = (
        f"−log p(x) **{m['test_nll_nats']:.1f}** nats exact, class given "
        f"({m['test_nll_unconditional_nats']:.1f} without; train {m['train_nll_nats']:.1f}), binarized at half grey"
    )
    if "class_accuracy" in m:
        metric += (
            f"; samples at T = {m['temperature']:g}, guidance w = {m['guidance']:g}: class accuracy "
            f"**{100 * m['class_accuracy']:.1f}%** ({m['class_accuracy_n']} samples)"
        )
    return what, metric
