"""The held-out report every digit trainer writes into the manifest (a run's checkpoints: ``models.core.training``)."""

from __future__ import annotations


def split_report(model, evaluate, split) -> dict:
    """``evaluate(model, x, y) -> dict`` on the 500 held-out digits (``test_*``) and on 500 training
    digits (``train_*``, every 9th: the training digits are ordered by class), with the parameter
    count and the training seconds (``model.train_seconds``)."""
    report = {f"test_{k}": v for k, v in evaluate(model, split.x_test, split.y_test).items()}
    report.update({f"train_{k}": v for k, v in evaluate(model, split.x_train[::9], split.y_train[::9]).items()})
    report["parameters"] = sum(p.numel() for p in model.parameters())
    report["train_seconds"] = round(model.train_seconds, 1)
    return report
