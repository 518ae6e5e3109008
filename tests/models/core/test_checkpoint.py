"""The held-out report of a trained model (resuming a killed run: tests/models/core/test_training.py)."""

import torch

from models.core.checkpoint import split_report


def test_split_report_measures_both_splits():
    from types import SimpleNamespace

    model = torch.nn.Linear(3, 2)
    model.train_seconds = 12.34
    split = SimpleNamespace(
        x_test=torch.zeros(5, 1), y_test=torch.zeros(5), x_train=torch.zeros(18, 1), y_train=torch.zeros(18)
    )
    report = split_report(model, lambda m, x, y: {"n": len(x)}, split)
    assert report == {"test_n": 5, "train_n": 2, "parameters": 8, "train_seconds": 12.3}
