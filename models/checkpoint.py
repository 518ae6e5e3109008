"""Resumable training runs: everything an epoch loop needs to continue where it was killed.

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
