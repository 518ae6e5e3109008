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


@dataclass(frozen=True)
class Kind:
    """Every fact about one kind of model, said once; what reads it: the registry (``network`` built from a
    shipped model's JSON ``config``), ``python -m models.train`` and ``scripts/model_card.py`` (``trainer``: a module
    with ``NAMES``, the models it trains, ``main(name)``, which trains one and records it in the manifest, and
    ``card(name, config, metrics) -> (what, measured)``, its model-card row), the generator seam (``generators``:
    a module whose ``generators()`` makes this kind's rows, or "" for a kind that draws no digits) and the
    CPU's memory layout (``channels_last``: the UNets' convolutions run in NHWC on oneDNN, ~1.1-1.2x faster in
    fp32 on both an AMX and an AVX2-only CPU and the same output to ~5e-6, ``python -m benchmarks.kernels``;
    the small VAE/GAN nets were not measured)."""

    network: str  # "module:Class"
    config: str  # "module:ConfigClass"
    trainer: str
    generators: str = ""
    channels_last: bool = False
    # "module:function" (folder, device) -> the model, for a kind shipped as a folder that its library's
    # ``save_pretrained`` wrote (the text-to-image pipeline) rather than built from ``network`` and a JSON config
    loader: str = ""


# A new family adds one row (and its package). In training order: a model is listed after those its training
# reads (the evaluator measures the VAEs; ControlNet, the student and the cascade start from the diffusion UNet;
# latent diffusion learns the autoencoder's latents), so ``python -m models.train all`` can follow the table.
KINDS = {
    "evaluator": Kind(
        "models.measure.evaluator:Evaluator",
        "models.measure.evaluator:EvaluatorConfig",
        "models.measure.train_evaluator",
    ),
    "vae": Kind("models.vae.model:ConvVAE", "models.vae.model:VAEConfig", "models.vae.train_vae", "models.vae.seam"),
    "dcgan_snapshots": Kind(
        "models.gan.dcgan:SnapshotGenerators",
        "models.gan.dcgan:DCGANConfig",
        "models.gan.train_dcgan",
        "models.gan.seam",
    ),
    "diffusion": Kind(
        "models.diffusion.model:DigitDiffusion",
        "models.diffusion.model:DiffusionConfig",
        "models.diffusion.train_diffusion",
        "models.diffusion.seam",
        channels_last=True,
    ),
    "diffusion2d": Kind(
        "models.diffusion.diffusion2d:Diffusion2D",
        "models.diffusion.diffusion2d:Diffusion2DConfig",
        "models.diffusion.diffusion2d",
    ),
    "controlnet": Kind(
        "models.diffusion.control.controlnet:DigitControlNet",
        "models.diffusion.control.controlnet:ControlNetConfig",
        "models.diffusion.control.train_controlnet",
        channels_last=True,
    ),
    "pixelcnn": Kind(
        "models.autoregressive.pixelcnn:PixelCNN",
        "models.autoregressive.pixelcnn:PixelCNNConfig",
        "models.autoregressive.train_pixelcnn",
        "models.autoregressive.seam",
    ),
    # its seam row is in the PixelCNNs' seam module (the same sampler): "" here, so it is made once
    "transformer_ar": Kind(
        "models.autoregressive.transformer_ar:TransformerAR",
        "models.autoregressive.transformer_ar:TransformerARConfig",
        "models.autoregressive.train_transformer_ar",
    ),
    "flow_digits": Kind(
        "models.flows.flow_digits:GlowDigits",
        "models.flows.flow_digits:FlowDigitsConfig",
        "models.flows.train_flow",
        "models.flows.seam",
    ),
    "autoencoder": Kind(
        "models.diffusion.latent.autoencoder:DigitAutoencoder",
        "models.diffusion.latent.autoencoder:AutoencoderConfig",
        "models.diffusion.latent.train_autoencoder",
    ),
    "latent_diffusion": Kind(
        "models.diffusion.latent.latent_diffusion:LatentDigitDiffusion",
        "models.diffusion.latent.latent_diffusion:LatentDiffusionConfig",
        "models.diffusion.latent.train_latent_diffusion",
        "models.diffusion.latent.seam",
    ),
    "consistency_student": Kind(
        "models.diffusion.distill.consistency:ConsistencyStudent",
        "models.diffusion.distill.consistency:StudentConfig",
        "models.diffusion.distill.train_student",
        "models.diffusion.distill.seam",
        channels_last=True,
    ),
    "base16": Kind(
        "models.diffusion.cascade.model:BaseDiffusion",
        "models.diffusion.cascade.model:BaseConfig",
        "models.diffusion.cascade.train_cascade",
        channels_last=True,
    ),
    "upsampler": Kind(
        "models.diffusion.cascade.model:DigitUpsampler",
        "models.diffusion.cascade.model:UpsamplerConfig",
        "models.diffusion.cascade.train_cascade",
        channels_last=True,
    ),
    "upsampler_tconv": Kind(
        "models.diffusion.cascade.model:TransposedConvUpsampler",
        "models.diffusion.cascade.model:TConvConfig",
        "models.diffusion.cascade.train_cascade",
    ),
    # digit-CLIP and the text-to-image pipeline: folders that transformers' / diffusers' ``save_pretrained`` wrote
    # (loaded by ``models.diffusion.text.pipeline``, not built from a JSON config here)
    "text_to_image": Kind(
        "models.diffusion.text.text_unet:TextDigitUNet",
        "models.diffusion.text.text_unet:TextUNetConfig",
        "models.diffusion.text.train_t2i",
        "models.diffusion.text.seam",
        loader="models.diffusion.text.pipeline:load_folder",
    ),
}


def load_attr(path: str):
    """ "module:name" -> that attribute (imported on first use: a kind's modules load only when asked for)."""
    import importlib

    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def trainers() -> dict[str, object]:
    """Every shipped model's name -> the module that trains it, in training order (the table's)."""
    import importlib

    out = {}
    for kind in KINDS.values():
        module = importlib.import_module(kind.trainer)
        out.update({name: module for name in module.NAMES if name not in out})
    return out


def build(kind: str, config: dict) -> torch.nn.Module:
    """The network of ``kind`` from its JSON config (lists become the tuples the configs hold)."""
    if kind not in KINDS:
        raise ValueError(f"unknown model kind {kind!r}")
    config = {k: tuple(v) if isinstance(v, list) else v for k, v in config.items()}
    return load_attr(KINDS[kind].network)(load_attr(KINDS[kind].config)(**config))


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
                kind = KINDS[self.info(name)["kind"]]  # (a clear KeyError for unknown names)
                if kind.loader:
                    model = load_attr(kind.loader)(str(self.assets_dir / name), self.device.type)
                    self._cache[name] = _Entry(model, {})
                    return self._cache[name]
                meta, state, extras = load_tensors(name, self.assets_dir)
                module = build(meta["kind"], meta["config"])
                module.load_state_dict(state)
                module.eval().requires_grad_(False).to(self.device)
                if KINDS[meta["kind"]].channels_last and self.device.type == "cpu":
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
