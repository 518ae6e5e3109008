"""The PixelCNNs and the image transformer at the generator seam (``models.core.seam``): 784 network calls,
one pixel each."""

from __future__ import annotations

import torch

from models.autoregressive.pixelcnn import RECOMMENDED_GUIDANCE, RECOMMENDED_TEMPERATURE, sample
from models.core.seam import Generator


def _at(temperature: float, guidance: float):
    def draw(module, n: int, seed: int, labels) -> torch.Tensor:
        return sample(module, labels, temperature, seed, guidance)

    return draw


def pixelcnn_generator(model: str, label: str) -> Generator:
    """A PixelCNN (or the image transformer) drawing its 784 pixels in turn (one batched call for the class and
    the null class each: guided), binary digits, at the recommended temperature and guidance."""
    return Generator(label, "autoregressive", model, 28 * 28, True, _at(RECOMMENDED_TEMPERATURE, RECOMMENDED_GUIDANCE))


def generators() -> list[Generator]:
    return [
        pixelcnn_generator("pixelcnn_gated", "PixelCNN (gated)"),
        pixelcnn_generator("pixelcnn_plain", "PixelCNN (plain)"),
        pixelcnn_generator("transformer_ar", "image transformer"),  # the same sampler: its KV cache
    ]
