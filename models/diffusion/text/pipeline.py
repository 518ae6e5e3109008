"""The text-to-image pipeline: a diffusers ``StableDiffusionPipeline`` whose parts are the project's (the f = 4
digits autoencoder as its ``vae``, digit-CLIP's text tower as its ``text_encoder``, the bilingual ``CLIPTokenizer``, the
text-conditioned latent UNet, DDIM), saved and loaded with diffusers' own ``save_pretrained`` / ``from_pretrained``;
any local Stable Diffusion folder loads the same way (``--sd-path``).

    prompt --tokenizer--> ids (B, L) --text encoder--> c (B, L, d) --UNet, CFG against ""--> z_0 --vae--> x̂
"""

from __future__ import annotations

import functools
from pathlib import Path

import torch


def load_digit_clip(folder: Path):
    """-> (tokenizer, ``CLIPModel``) from digit-CLIP's folder."""
    from transformers import CLIPModel

    from models.diffusion.text.tokenizer import load_tokenizer

    return load_tokenizer(folder), CLIPModel.from_pretrained(folder).eval()


def text_encoder_of(clip):
    """digit-CLIP's text tower as a stand-alone ``CLIPTextModel`` (the pipeline's ``text_encoder``)."""
    from transformers import CLIPTextModel

    text = CLIPTextModel(clip.config.text_config)
    text.load_state_dict(clip.text_model.state_dict())
    return text.eval().requires_grad_(False)


def assemble(model, autoencoder, text_encoder, tokenizer):
    """The trained parts -> a ``StableDiffusionPipeline`` (no safety checker: digits)."""
    from diffusers import DDIMScheduler, StableDiffusionPipeline

    vae = autoencoder.vae
    vae.register_to_config(scaling_factor=float(autoencoder.scaling_factor))
    scheduler = DDIMScheduler(
        **model.scheduler_config(), clip_sample=False, timestep_spacing="trailing", steps_offset=1
    )
    return StableDiffusionPipeline(
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        unet=model.unet,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )


@functools.lru_cache(maxsize=2)
def load_pipeline(folder: str, device: str = "cpu"):
    """A pipeline folder (``assets/t2i`` or a local Stable Diffusion) -> the pipeline, fp32 on the CPU (fp16 on a
    GPU), cached; offline: ``local_files_only``."""
    from diffusers import StableDiffusionPipeline

    from models.diffusion.text.attention import CrossAttentionRecorder

    dtype = torch.float16 if device == "cuda" else torch.float32
    pipe = StableDiffusionPipeline.from_pretrained(
        folder, dtype=dtype, local_files_only=True, safety_checker=None, requires_safety_checker=False
    )
    pipe.set_progress_bar_config(disable=True)
    CrossAttentionRecorder.install(pipe.unet)  # fused attention as before; records only for a call with a recorder
    return pipe.to(device)


def load_folder(folder: str, device: str = "cpu"):
    """The registry's loader for this kind's folders: a pipeline (``model_index.json``), else digit-CLIP as
    (tokenizer, ``CLIPModel``) on ``device``."""
    if (Path(folder) / "model_index.json").exists():
        return load_pipeline(folder, device)
    tokenizer, clip = load_digit_clip(Path(folder))
    return tokenizer, clip.to(device)
