"""Every shipped model's training loop runs through Hugging Face ``accelerate``: one CPU here, a GPU with
``accelerate launch -m models.train NAME``, and the same resumable checkpoints. (Several processes would each draw
the same batches: the loops draw their own, not through a prepared DataLoader — what multi-GPU training still needs.)

    run = TrainingRun(RUNS_DIR / name, config=cfg)        # the run's folder: its checkpoint lives there
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)                         # the data order's generator, saved with the run
    for epoch in range(run.resume(), cfg.epochs):         # epochs (or steps) already done: 0 for a fresh run
        ...
        with run.autocast():                              # bf16 where ``models.core.compute`` chose it
            loss = ...
        run.step(loss, opt, sched)                        # zero_grad, backward, (clip,) step, schedule
        run.save(epoch + 1)                               # model, optimiser, schedule, RNGs, progress

Precision follows ``models.core.compute``'s rule (bf16 autocast only where the machine runs it natively
and faster), not accelerate's ``mixed_precision`` setting: accelerate fixes that once per process, and the
app's tests switch precision within one. ``save_state`` keeps the weights, the optimiser and schedule,
Python's, NumPy's and torch's RNGs and what ``register`` adds (the data order's generator, an EMA copy);
``progress.json`` beside them keeps the epochs or steps done, the seconds trained and the run's settings
(a checkpoint of other settings is not resumed from).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import torch
from accelerate import Accelerator

from models.core.compute import autocast


class _Generator:
    """A ``torch.Generator`` as the object accelerate checkpoints (it asks for ``state_dict``)."""

    def __init__(self, gen: torch.Generator):
        self.gen = gen

    def state_dict(self) -> dict:
        return {"state": self.gen.get_state()}

    def load_state_dict(self, state: dict) -> None:
        self.gen.set_state(state["state"])


class TrainingRun:
    """One seeded, resumable training run in ``folder`` (``folder/state``; None: a run that keeps no checkpoint).
    ``config``: the run's settings (a dataclass), compared by ``repr`` with the checkpoint's before resuming."""

    def __init__(self, folder: Path | None, log=print, config=None):
        self.folder, self.log, self.config = (Path(folder) if folder is not None else None), log, repr(config)
        self.accelerator = Accelerator(mixed_precision="no")
        self.done, self._seconds, self._since = 0, 0.0, time.time()

    @property
    def device(self) -> torch.device:
        return self.accelerator.device

    def prepare(self, *objects):
        """The model(s), optimiser(s) and schedule(s) placed for the run (``Accelerator.prepare``)."""
        return self.accelerator.prepare(*objects)

    def generator(self, seed: int) -> torch.Generator:
        """A seeded CPU generator for the data order and noise, saved and restored with the run."""
        return self.keep(torch.Generator().manual_seed(seed))

    def keep(self, gen: torch.Generator) -> torch.Generator:
        """An existing generator (one a data stream already draws from) saved and restored with the run."""
        self.accelerator.register_for_checkpointing(_Generator(gen))
        return gen

    def register(self, *objects) -> None:
        """More state to keep with the run (anything with ``state_dict``/``load_state_dict``: an EMA copy)."""
        self.accelerator.register_for_checkpointing(*objects)

    def autocast(self):
        return autocast(self.device)

    def step(self, loss: torch.Tensor, opt, sched=None, clip: float | None = None) -> None:
        """One update of ``opt``'s parameters: their old gradients cleared (a GAN's generator loss also reaches
        the discriminator's), backward, the gradient clipped to norm ``clip`` if given, the step, the schedule."""
        opt.zero_grad(set_to_none=True)
        self.accelerator.backward(loss)
        if clip is not None:
            self.accelerator.clip_grad_norm_([p for g in opt.param_groups for p in g["params"]], clip)
        opt.step()
        if sched is not None:
            sched.step()

    @property
    def seconds(self) -> float:
        """Seconds trained, over every resumed part of the run."""
        return self._seconds + time.time() - self._since

    def resume(self) -> int:
        """Load the run's checkpoint if it has one of the same settings -> epochs or steps already done."""
        state = self.folder / "state" if self.folder is not None else None
        if state is not None and (state / "progress.json").exists():
            progress = json.loads((state / "progress.json").read_text())
            if progress["config"] == self.config:
                self.accelerator.load_state(str(state))
                self.done, self._seconds = progress["done"], progress["seconds"]
                self.log(f"resumed {self.folder.name} at {self.done}")
            else:
                self.log(f"{self.folder.name}: the checkpoint is of other settings; training from the start")
        self._since = time.time()
        return self.done

    def save(self, done: int) -> None:
        """Checkpoint the run after ``done`` epochs or steps (written beside the old one, then swapped in)."""
        if self.folder is None:
            return
        self.done, self._seconds, self._since = done, self.seconds, time.time()
        staging, state = self.folder / "state.tmp", self.folder / "state"
        shutil.rmtree(staging, ignore_errors=True)
        self.accelerator.save_state(str(staging))
        progress = {"done": done, "seconds": round(self._seconds, 1), "config": self.config}
        (staging / "progress.json").write_text(json.dumps(progress))
        shutil.rmtree(state, ignore_errors=True)
        staging.replace(state)

    def unwrap(self, model: torch.nn.Module) -> torch.nn.Module:
        return self.accelerator.unwrap_model(model)
