"""A killed training run resumes where it was: model, optimiser, schedule and data order."""

import torch

from models.core.checkpoint import checkpoint, resume, split_report


def _run():
    model = torch.nn.Linear(3, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, 1, 0.5)
    return model, opt, sched, torch.Generator().manual_seed(0)


def test_resume_restores_everything(tmp_path):
    path = tmp_path / "run.pt"
    model, opt, sched, gen = _run()
    assert resume(path, model, opt, sched, gen) == (0, 0.0)
    model(torch.randn(4, 3, generator=gen)).sum().backward()
    opt.step()
    sched.step()
    checkpoint(path, model, opt, sched, gen, epoch=1, seconds=2.5)
    expected = torch.rand(3, generator=gen)
    again = _run()
    assert resume(path, *again, log=lambda msg: None) == (1, 2.5)
    assert torch.equal(again[0].weight, model.weight) and again[2].get_last_lr() == sched.get_last_lr()
    assert torch.equal(torch.rand(3, generator=again[3]), expected)


def test_split_report_measures_both_splits():
    from types import SimpleNamespace

    model = torch.nn.Linear(3, 2)
    model.train_seconds = 12.34
    split = SimpleNamespace(
        x_test=torch.zeros(5, 1), y_test=torch.zeros(5), x_train=torch.zeros(18, 1), y_train=torch.zeros(18)
    )
    report = split_report(model, lambda m, x, y: {"n": len(x)}, split)
    assert report == {"test_n": 5, "train_n": 2, "parameters": 8, "train_seconds": 12.3}
