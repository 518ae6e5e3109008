"""Training runs: what an epoch loop needs to continue where it was killed, and the held-out
report every digit trainer writes into the manifest.

start, seconds = resume(path, model, opt, sched, gen)   # (0, 0.0) when there is no checkpoint
... one epoch ...
checkpoint(path, model, opt, sched, gen, epoch + 1, seconds)
"""

from __future__ import annotations

from pathlib import Path

import torch


def resume(path: Path, model, opt, sched, gen: torch.Generator, log=print) -> tuple[int, float]:
    """Load the checkpoint at ``path`` into the run's objects -> (epochs done, training seconds so far)."""
    if not path.exists():
        return 0, 0.0
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"])
    opt.load_state_dict(state["opt"])
    sched.load_state_dict(state["sched"])
    gen.set_state(state["gen"])
    log(f"resumed {path.stem} at epoch {state['epoch']}")
    return state["epoch"], state["seconds"]


def checkpoint(path: Path, model, opt, sched, gen: torch.Generator, epoch: int, seconds: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                "gen": gen.get_state(), "epoch": epoch, "seconds": seconds}, path)  # fmt: skip


def split_report(model, evaluate, split) -> dict:
    """``evaluate(model, x, y) -> dict`` on the 500 held-out digits (``test_*``) and on 500 training
    digits (``train_*``, every 9th: the training digits are ordered by class), with the parameter
    count and the training seconds (``model.train_seconds``)."""
    report = {f"test_{k}": v for k, v in evaluate(model, split.x_test, split.y_test).items()}
    report.update({f"train_{k}": v for k, v in evaluate(model, split.x_train[::9], split.y_train[::9]).items()})
    report["parameters"] = sum(p.numel() for p in model.parameters())
    report["train_seconds"] = round(model.train_seconds, 1)
    return report
