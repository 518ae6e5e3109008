"""Train the evaluator CNN on the digits' train split; report held-out accuracy."""

from __future__ import annotations

from pathlib import Path

import torch
import torch.nn.functional as F

from models.core.assets import ROOT, save_model
from models.core.augment import random_affine
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.measure.evaluator import Evaluator, EvaluatorConfig
from models.measure.metrics import class_accuracy

NAMES = ("evaluator",)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


def train_evaluator(cfg: EvaluatorConfig = EvaluatorConfig(), log=print, run_dir: Path | None = None):
    """-> (the evaluator, its held-out and training accuracy); run_dir: where it checkpoints (None: nowhere)."""
    torch.manual_seed(cfg.seed)
    run = TrainingRun(run_dir, log, config=cfg)
    data = digit_split()
    model = Evaluator(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=1e-4)
    steps_per_epoch = -(-len(data.x_train) // cfg.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, cfg.lr, total_steps=cfg.epochs * steps_per_epoch)
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    x_test, y_test = data.x_test.to(run.device), data.y_test.to(run.device)
    for epoch in range(run.resume(), cfg.epochs):
        model.train()
        perm = torch.randperm(len(data.x_train), generator=gen)
        total = 0.0
        for i in range(0, len(perm), cfg.batch_size):
            idx = perm[i : i + cfg.batch_size]
            x = random_affine(data.x_train[idx], gen).to(run.device)
            loss = F.cross_entropy(model(x), data.y_train[idx].to(run.device), label_smoothing=0.05)
            run.step(loss, opt, sched)
            total += loss.item() * len(idx)
        acc = class_accuracy(model, x_test, y_test)
        log(f"epoch {epoch + 1}/{cfg.epochs} loss {total / len(perm):.4f} test acc {acc:.4f} ({run.seconds:.0f}s)")
        run.save(epoch + 1)
    model = run.unwrap(model).cpu()
    model.eval()
    metrics = {
        "test_accuracy": round(class_accuracy(model, data.x_test, data.y_test), 4),
        "train_accuracy": round(class_accuracy(model, data.x_train, data.y_train), 4),
        "train_seconds": round(run.seconds, 1),
    }
    return model, metrics


def main(name: str = "evaluator", log=print) -> dict:
    cfg = EvaluatorConfig()
    model, metrics = train_evaluator(cfg, log=log, run_dir=ROOT / "runs" / name)
    save_model("evaluator", "evaluator", model, cfg, metrics, command="python -m models.train evaluator")
    log(f"evaluator: {metrics}")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: what the evaluator is and its held-out accuracy."""
    return (
        f"CNN classifier, {cfg['feature_dim']}-D features for digits-FID",
        f"accuracy **{100 * m['test_accuracy']:.1f}%**",
    )
