"""The model registry: every shipped model is built from ``assets/`` once, cached by name, and
kept on the process's device (CUDA when present, unless told otherwise). Never touches the network.

    load_model("vae16")        -> the nn.Module, in eval mode, on the registry's device
    model_info("vae16")        -> its manifest entry (config, metrics, training command)
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import torch

from models.core.assets import ASSETS_DIR, load_tensors, read_manifest


def resolve_device(spec: str = "auto") -> torch.device:
    """'auto' -> cuda if available else cpu; 'cpu'; 'cuda' (an error if there is none)."""
    if spec == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if spec == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda was asked for, but torch sees no CUDA device")
    if spec not in ("cpu", "cuda"):
        raise ValueError(f"device must be auto, cpu or cuda, not {spec!r}")
    return torch.device(spec)


# kind -> (module, network class, config class). A new family adds one row (and its files).
KINDS = {
    "evaluator": ("models.measure.evaluator", "Evaluator", "EvaluatorConfig"),
    "vae": ("models.vae.model", "ConvVAE", "VAEConfig"),
    "dcgan_snapshots": ("models.gan.dcgan", "SnapshotGenerators", "DCGANConfig"),
    "diffusion": ("models.diffusion.model", "DigitDiffusion", "DiffusionConfig"),
    "diffusion2d": ("models.diffusion.diffusion2d", "Diffusion2D", "Diffusion2DConfig"),
    "controlnet": ("models.diffusion.control.controlnet", "DigitControlNet", "ControlNetConfig"),
    "pixelcnn": ("models.autoregressive.pixelcnn", "PixelCNN", "PixelCNNConfig"),
    "flow_digits": ("models.flows.flow_digits", "GlowDigits", "FlowDigitsConfig"),
    "autoencoder": ("models.diffusion.latent.autoencoder", "DigitAutoencoder", "AutoencoderConfig"),
    "latent_diffusion": ("models.diffusion.latent.latent_diffusion", "LatentDigitDiffusion", "LatentDiffusionConfig"),
    "consistency_student": ("models.diffusion.distill.consistency", "ConsistencyStudent", "StudentConfig"),
    "base16": ("models.diffusion.cascade.model", "BaseDiffusion", "BaseConfig"),
    "upsampler": ("models.diffusion.cascade.model", "DigitUpsampler", "UpsamplerConfig"),
    "upsampler_tconv": ("models.diffusion.cascade.model", "TransposedConvUpsampler", "TConvConfig"),
}


def build(kind: str, config: dict) -> torch.nn.Module:
    """The network of ``kind`` from its JSON config (lists become the tuples the configs hold)."""
    import importlib

    if kind not in KINDS:
        raise ValueError(f"unknown model kind {kind!r}")
    module, network, config_class = KINDS[kind]
    mod = importlib.import_module(module)
    config = {k: tuple(v) if isinstance(v, list) else v for k, v in config.items()}
    return getattr(mod, network)(getattr(mod, config_class)(**config))


# The UNets (diffusion, ControlNet) keep their weights in channels_last on the CPU: oneDNN's
# convolutions then run in NHWC, ~1.1-1.2x faster in fp32 on both an AMX and an AVX2-only CPU and
# the same output to ~5e-6 (``python -m benchmarks.kernels``). The small VAE/GAN nets were not measured.
CHANNELS_LAST_KINDS = ("diffusion", "controlnet", "consistency_student", "base16", "upsampler")


@dataclass
class _Entry:
    module: torch.nn.Module
    extras: dict[str, torch.Tensor]


class Registry:
    def __init__(self, assets_dir: Path = ASSETS_DIR, device: str = "auto"):
        self.assets_dir = Path(assets_dir)
        self.device = resolve_device(device)
        self._cache: dict[str, _Entry] = {}
        self._lock = threading.Lock()  # two first requests at once must not build two copies

    def names(self) -> list[str]:
        return sorted(read_manifest(self.assets_dir))

    def info(self, name: str) -> dict:
        manifest = read_manifest(self.assets_dir)
        if name not in manifest:
            raise KeyError(f"no model {name!r} in {self.assets_dir}; have: {', '.join(sorted(manifest))}")
        return manifest[name]

    def _entry(self, name: str) -> _Entry:
        entry = self._cache.get(name)
        if entry is not None:
            return entry
        with self._lock:
            if name not in self._cache:
                self.info(name)  # a clear KeyError for unknown names
                meta, state, extras = load_tensors(name, self.assets_dir)
                module = build(meta["kind"], meta["config"])
                module.load_state_dict(state)
                module.eval().requires_grad_(False).to(self.device)
                if meta["kind"] in CHANNELS_LAST_KINDS and self.device.type == "cpu":
                    module.to(memory_format=torch.channels_last)
                self._cache[name] = _Entry(module, {k: v.to(self.device) for k, v in extras.items()})
            return self._cache[name]

    def load(self, name: str) -> torch.nn.Module:
        return self._entry(name).module

    def extras(self, name: str) -> dict[str, torch.Tensor]:
        return self._entry(name).extras


_default: Registry | None = None
_default_lock = threading.Lock()


def default_registry() -> Registry:
    """The process-wide registry; its device comes from $PLAYGROUND_DEVICE (default 'auto')."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Registry(device=os.environ.get("PLAYGROUND_DEVICE", "auto"))
        return _default


def configure(device: str = "auto", assets_dir: Path = ASSETS_DIR) -> Registry:
    """Replace the process-wide registry (app start-up: ``--device``)."""
    global _default
    with _default_lock:
        _default = Registry(assets_dir, device)
        return _default


def load_model(name: str, device: str | None = None) -> torch.nn.Module:
    """The cached model; with ``device`` given (training scripts), a fresh uncached copy there."""
    if device is not None:
        return Registry(device=device).load(name)
    return default_registry().load(name)


def model_info(name: str) -> dict:
    return default_registry().info(name)
