"""The seam every family plugs into: any shipped model asked for n digits the same way.

    gen = GENERATORS["diffusion DDIM-50"]
    x = gen.sample(n, seed)          # (n, 1, 28, 28) in [0, 1], the same for the same seed
    gen.evaluations                  # network evaluations per sample (the trilemma's cost axis)

A new family joins with one adapter function and one ``Generator`` row; whatever compares the
families (metrics, the trilemma) reads ``GENERATORS`` and needs no change. Conditional generators
draw the classes 0..9 in turn unless given ``labels``; unconditional ones ignore ``labels``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from models.core.data import balanced_labels
from models.diffusion.samplers import diffusion_samples


@dataclass(frozen=True)
class Generator:
    """name: how the app and the API call it; family: "VAE", "GAN", "diffusion", ...; model: the
    registry name of its weights; evaluations: network evaluations per sample (a guided diffusion
    step is one evaluation of the batched conditional/unconditional pair); conditional: whether
    ``labels`` choose the class; draw: (module, n, seed, labels or None) -> (n, 1, 28, 28) in [0, 1]."""

    name: str
    family: str
    model: str
    evaluations: int
    conditional: bool
    draw: Callable[[torch.nn.Module, int, int, torch.Tensor | None], torch.Tensor]

    def sample(self, n: int, seed: int, labels: torch.Tensor | None = None, registry=None) -> torch.Tensor:
        """n digits, (n, 1, 28, 28) float32 in [0, 1] on the CPU; deterministic per seed."""
        from models.core.registry import default_registry

        module = (registry or default_registry()).load(self.model)
        if labels is None and self.conditional:
            labels = balanced_labels(n)
        with torch.inference_mode():
            return self.draw(module, n, seed, labels).float().cpu().clamp(0, 1)


def ms_per_sample(gen: Generator, batch: int = 16, repeats: int = 3) -> float:
    """Milliseconds per sample on this machine: a batch of ``batch`` (an interactive request), the
    median of ``repeats`` runs after a warm-up (weights loaded, kernels built)."""
    import statistics
    import time

    gen.sample(batch, seed=0)
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        gen.sample(batch, seed=r + 1)
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times) / batch


def _vae(module, n: int, seed: int, labels) -> torch.Tensor:
    """z ~ N(0, I) -> the decoder's mean image (the Bernoulli means, as the VAE tab shows them)."""
    z = torch.randn(n, module.latent_dim, generator=torch.Generator().manual_seed(seed))
    return module.decode(z.to(next(module.parameters()).device))


def _dcgan(step: int | None):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        return module.sample(module.cfg.snapshots[-1] if step is None else step, n, seed)

    return draw


def _diffusion(sampler: str, steps: int, guidance: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        return diffusion_samples(module, labels, guidance, sampler, steps, seed)

    return draw


def diffusion_generator(sampler: str = "DDIM", steps: int = 50, guidance: float = 2.0) -> Generator:
    """The shipped digits diffusion model at a sampler, step count and guidance scale."""
    name = f"diffusion {sampler}-{steps}" + ("" if guidance == 2.0 else f" w={guidance:g}")
    return Generator(name, "diffusion", "diffusion", steps, True, _diffusion(sampler, steps, guidance))


def dcgan_generator(model: str, label: str, step: int | None = None) -> Generator:
    """A DCGAN run at a snapshot (default: its last)."""
    return Generator(label, "GAN", model, 1, False, _dcgan(step))


def vae_generator(model: str) -> Generator:
    return Generator(model, "VAE", model, 1, False, _vae)


def _pixelcnn(temperature: float, guidance: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        from models.autoregressive.pixelcnn import sample

        return sample(module, labels, temperature, seed, guidance)

    return draw


def pixelcnn_generator(model: str, label: str) -> Generator:
    """A PixelCNN drawing its 784 pixels in turn (one batched call for the class and the null class
    each: guided), binary digits, at the recommended temperature and guidance."""
    from models.autoregressive.pixelcnn import RECOMMENDED_GUIDANCE, RECOMMENDED_TEMPERATURE

    draw = _pixelcnn(RECOMMENDED_TEMPERATURE, RECOMMENDED_GUIDANCE)
    return Generator(label, "autoregressive", model, 28 * 28, True, draw)


def _flow(temperature: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        from models.flows.flow_digits import sample

        return sample(module, labels.to(next(module.parameters()).device), temperature, seed)

    return draw


def flow_generator(model: str = "flow_digits", label: str = "Glow flow") -> Generator:
    """The digit Glow: z from the class's prior at the recommended temperature, one pass of the flow."""
    from models.flows.flow_digits import RECOMMENDED_TEMPERATURE

    return Generator(label, "flow", model, 1, True, _flow(RECOMMENDED_TEMPERATURE))


def _latent(sampler: str, steps: int, guidance: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        from models.core.registry import default_registry
        from models.diffusion.latent.latent_diffusion import latent_samples

        autoencoder = default_registry().load(module.cfg.autoencoder)
        return latent_samples(module, autoencoder, labels, guidance, sampler, steps, seed)

    return draw


def latent_diffusion_generator(sampler: str = "DDIM", steps: int = 50, guidance: float = 2.0) -> Generator:
    """The latent diffusion model: ``steps`` guided UNet calls in the 4x8x8 latent, then one decode
    (not counted: one decoder pass costs ~1/3 of a latent step)."""
    return Generator(f"latent diffusion {sampler}-{steps}", "latent diffusion", "ldm", steps, True,
                     _latent(sampler, steps, guidance))  # fmt: skip


def _student(steps: int):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        from models.diffusion.distill.consistency import student_samples

        return student_samples(module, labels, steps, seed)

    return draw


def student_generator(steps: int) -> Generator:
    """The LCM student distilled from the diffusion model: ``steps`` plain calls (guidance folded in,
    so each costs half a guided step of its teacher), sampled with diffusers' LCMScheduler."""
    return Generator(f"LCM student {steps}-step", "diffusion (distilled)", "student", steps, True, _student(steps))


def shipped_generators() -> dict[str, Generator]:
    """Every generator the shipped weights make, by name."""
    rows = [
        vae_generator("vae2"),
        vae_generator("vae16"),
        vae_generator("vae16_beta4"),
        pixelcnn_generator("pixelcnn_gated", "PixelCNN (gated)"),
        pixelcnn_generator("pixelcnn_plain", "PixelCNN (plain)"),
        flow_generator(),
        dcgan_generator("dcgan_vanilla", "DCGAN (collapsing)"),
        dcgan_generator("dcgan_stable", "DCGAN (64-D z)"),
        diffusion_generator("DDIM", 10),
        diffusion_generator("DDIM", 50),
        diffusion_generator("DDPM", 1000),
        latent_diffusion_generator("DDIM", 50),
        *(student_generator(k) for k in (1, 2, 4)),
    ]
    return {g.name: g for g in rows}


GENERATORS = shipped_generators()
