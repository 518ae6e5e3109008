"""Shipped weights: ``assets/<name>.safetensors`` + ``assets/<name>.json`` (kind and config), and
``assets/manifest.json`` with one entry per model: files, sizes, training command and metrics.

Weights are stored in fp16 when ``half`` is set (files stay well under the 10 MB a Space allows
without Git LFS) and cast back to fp32 at load.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

# The repository: models/core/assets.py is two packages below it.
ROOT = Path(__file__).resolve().parents[2]
ASSETS_DIR = ROOT / "assets"
MAX_FILE_BYTES = 10 * 1024 * 1024


def _manifest_path(assets_dir: Path) -> Path:
    return assets_dir / "manifest.json"


def read_manifest(assets_dir: Path = ASSETS_DIR) -> dict:
    path = _manifest_path(assets_dir)
    return json.loads(path.read_text()) if path.exists() else {}


def save_model(
    name: str,
    kind: str,
    module: torch.nn.Module,
    config,
    metrics: dict,
    command: str,
    extra: dict[str, torch.Tensor] | None = None,
    half: bool = False,
    assets_dir: Path = ASSETS_DIR,
) -> None:
    """Write the weights, the config and the manifest entry of one model."""
    assets_dir.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().cpu().contiguous() for k, v in module.state_dict().items()}
    if half:
        tensors = {k: v.half() if v.is_floating_point() else v for k, v in tensors.items()}
    for k, v in (extra or {}).items():
        tensors[f"extra.{k}"] = v.detach().cpu().contiguous()
    weights = assets_dir / f"{name}.safetensors"
    save_file(tensors, str(weights))
    if weights.stat().st_size >= MAX_FILE_BYTES:
        raise RuntimeError(f"{weights} is {weights.stat().st_size} bytes; keep assets under 10 MB")
    cfg = dataclasses.asdict(config)
    (assets_dir / f"{name}.json").write_text(json.dumps({"kind": kind, "config": cfg}, indent=2) + "\n")
    record(name, kind, [weights, assets_dir / f"{name}.json"], command, metrics, assets_dir)


def save_folder_model(name: str, kind: str, folder: Path, command: str, metrics: dict, assets_dir: Path = ASSETS_DIR):
    """Record a model that diffusers' / transformers' ``save_pretrained`` wrote to ``assets_dir/folder`` (its own
    config files beside its weights): the manifest entry, and the 10 MB limit checked on every file."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for p in files:
        if p.stat().st_size >= MAX_FILE_BYTES:
            raise RuntimeError(f"{p} is {p.stat().st_size} bytes; keep assets under 10 MB")
    record(name, kind, files, command, metrics, assets_dir)


def record(name: str, kind: str, files: list[Path], command: str, metrics: dict, assets_dir: Path = ASSETS_DIR):
    """Write one model's manifest entry: its files (relative to ``assets_dir``) and their sizes, command, metrics."""
    manifest = read_manifest(assets_dir)
    manifest[name] = {
        "kind": kind,
        "files": {str(p.relative_to(assets_dir)): p.stat().st_size for p in files},
        "command": command,
        "trained": _dt.date.today().isoformat(),
        "metrics": metrics,
    }
    _manifest_path(assets_dir).write_text(json.dumps(dict(sorted(manifest.items())), indent=2) + "\n")


def load_tensors(name: str, assets_dir: Path = ASSETS_DIR) -> tuple[dict, dict, dict]:
    """-> (kind and config dict, state dict in fp32, extra tensors)."""
    meta = json.loads((assets_dir / f"{name}.json").read_text())
    tensors = load_file(str(assets_dir / f"{name}.safetensors"))
    state, extra = {}, {}
    for k, v in tensors.items():
        v = v.float() if v.is_floating_point() else v
        if k.startswith("extra."):
            extra[k[len("extra.") :]] = v
        else:
            state[k] = v
    return meta, state, extra


def update_metrics(name: str, metrics: dict, assets_dir: Path = ASSETS_DIR) -> None:
    """Merge measured metrics into a model's manifest entry (evaluation scripts run after training)."""
    manifest = read_manifest(assets_dir)
    if name not in manifest:
        raise KeyError(f"no model {name!r} in {assets_dir}")
    manifest[name]["metrics"] = {**manifest[name]["metrics"], **metrics}
    _manifest_path(assets_dir).write_text(json.dumps(dict(sorted(manifest.items())), indent=2) + "\n")
