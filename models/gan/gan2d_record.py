"""A finished 2-D GAN run on disk: what a lecturer shows at once instead of training for minutes.

``save_run`` writes a ``GAN2DRun``'s history (every step's losses, every evaluation's measures), the
snapshots it is told to keep (the recorder keeps 51, evenly spaced) and G's and D's weights (so
the view can still be refined and sampled), as one safetensors file with the config in its metadata;
``load_run`` gives back a ``GAN2DRun`` marked ``recorded``, which training does not continue (Train starts
a live run of the same knobs). ``scripts/record_runs.py`` writes the shipped files with this code.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from models.gan.gan2d import GAN2DConfig
from models.gan.gan2d_run import GAN2DRun, History, Snapshot

_HISTORY = [f.name for f in dataclasses.fields(History)]


def save_run(run: GAN2DRun, path: Path, about: dict | None = None, keep=None) -> Path:
    """``run`` -> ``path`` (.safetensors). ``about``: what to keep with it (how and where it was made);
    ``keep``: the indices of the snapshots to keep (default: all)."""
    if run.cfg.dataset == "drawn":
        raise ValueError("a run on a drawn data set is the visitor's own: it is not recorded")
    snaps = [run.snapshots[i] for i in (range(len(run.snapshots)) if keep is None else keep)]
    refined = all(s.refined is not None for s in snaps)
    tensors = {f"history.{k}": torch.tensor(getattr(run.history, k), dtype=torch.float32) for k in _HISTORY}
    tensors |= {
        "snap.step": torch.tensor([s.step for s in snaps]),
        "snap.fake": torch.from_numpy(np.stack([s.fake for s in snaps])).half(),
        "snap.surface": torch.from_numpy(np.stack([s.surface for s in snaps])).half(),
        "snap.arrows_x": torch.from_numpy(np.stack([s.arrows[0] for s in snaps])).half(),
        "snap.arrows_g": torch.from_numpy(np.stack([s.arrows[1] for s in snaps])).half(),
    }
    if refined:
        tensors["snap.refined"] = torch.from_numpy(np.stack([s.refined for s in snaps])).half()
    for net in ("G", "D"):
        module = getattr(run.gan, net)
        tensors |= {f"{net}.{k}": v.detach().contiguous() for k, v in module.state_dict().items()}
    meta = {
        "config": dataclasses.asdict(run.cfg),
        "refine_steps": run.refine_steps,
        "eval_every": run.eval_every,
        "steps": run.steps,
        "snapshots": len(run.snapshots),
        "about": about or {},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(path), metadata={"run": json.dumps(meta)})
    return path


def read_meta(path: Path) -> dict:
    """The file's metadata (config, steps, how it was made) without reading its tensors."""
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        return json.loads(f.metadata()["run"])


def load_run(path: Path) -> GAN2DRun:
    """The recorded run, as the lab shows it: history, kept snapshots, G and D at the last step."""
    meta, t = read_meta(path), load_file(str(path))
    run = GAN2DRun(GAN2DConfig(**meta["config"]), eval_every=meta["eval_every"], refine_steps=meta["refine_steps"])
    for k in _HISTORY:
        values = t[f"history.{k}"].tolist()
        setattr(run.history, k, [int(v) for v in values] if k.endswith("step") or k.endswith("modes") else values)

    def arr(key, i):
        return t[key][i].float().numpy()

    run.snapshots = [
        Snapshot(
            int(step),
            arr("snap.fake", i),
            arr("snap.surface", i),
            (arr("snap.arrows_x", i), arr("snap.arrows_g", i)),
            arr("snap.refined", i) if "snap.refined" in t else None,
        )
        for i, step in enumerate(t["snap.step"].tolist())
    ]
    for net in ("G", "D"):
        getattr(run.gan, net).load_state_dict({k[2:]: v for k, v in t.items() if k.startswith(f"{net}.")})
    run.gan.steps = meta["steps"]
    run.recorded = meta
    return run
