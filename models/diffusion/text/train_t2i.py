"""Train text to image in miniature, in two commands (the second reads the first's model):

    python -m models.train digit_clip   # the tokenizer on the captions, then digit-CLIP -> assets/digit_clip/
    python -m models.train t2i          # the text-conditioned latent UNet -> assets/t2i/ (a StableDiffusionPipeline)

Both seeded and resumable (``runs/<name>/``); measured afterwards by ``python -m benchmarks.t2i``.
"""

from __future__ import annotations

import dataclasses
import json
import time

import torch

from models.core.assets import ASSETS_DIR, ROOT, save_folder_model

NAMES = ("digit_clip", "t2i")  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)
CLIP_DIR = ASSETS_DIR / "digit_clip"
PIPELINE_DIR = ASSETS_DIR / "t2i"
RUNS_DIR = ROOT / "runs"
KIND = "text_to_image"  # the registry's row (models.core.registry.KINDS)


def train_digit_clip(log=print) -> dict:
    from models.diffusion.text.captions import segment
    from models.diffusion.text.dataset import WORDS_FILE, captioned, fit_words
    from models.diffusion.text.digit_clip import DigitCLIPConfig, retrieval_top1, train_clip
    from models.diffusion.text.tokenizer import encode, train_tokenizer

    t0 = time.time()
    train = captioned("train")
    tokenizer = train_tokenizer([segment(c) for caps in train.captions for c in caps], CLIP_DIR)
    log(f"tokenizer: {len(tokenizer)} tokens from {len(train.captions) * len(train.captions[0])} captions")
    cfg = DigitCLIPConfig()
    clip = train_clip(cfg, tokenizer, log, RUNS_DIR / "digit_clip")
    clip.save_pretrained(CLIP_DIR)
    WORDS_FILE.write_text(json.dumps(dataclasses.asdict(fit_words()), indent=1) + "\n")
    test = captioned("test")
    metrics = {"train_seconds": round(time.time() - t0, 1), "vocabulary": len(tokenizer)}
    for lang, col in (("en", 0), ("zh", 1)):
        ids = encode(tokenizer, [segment(caps[col]) for caps in test.captions[:500]])
        metrics[f"retrieval_top1_{lang}"] = round(retrieval_top1(clip, test.x[:500], ids), 4)
    metrics["retrieval_chance"] = 1 / 500
    log(f"digit-CLIP: {metrics}")
    save_folder_model("digit_clip", KIND, CLIP_DIR, "python -m models.train digit_clip", metrics)
    return metrics


def caption_condition(ids: torch.Tensor, empty: torch.Tensor, text_encoder):
    """The training loop's ``condition``: image indices (B,) (``null_class`` where the caption was dropped) -> the
    frozen text encoder's last hidden states (B, L, d) of one of each image's captions at random, or of ""."""

    def condition(z0, index, gen):
        which = torch.randint(ids.shape[1], (len(index),), generator=gen)
        batch = ids[index.clamp(min=0), which]
        batch[index < 0] = empty
        with torch.no_grad():
            return (text_encoder(batch.to(text_encoder.device))[0],)

    return condition


def train_t2i(log=print) -> dict:
    """The latent UNet on the placed digits' latents, conditioned on their captions, then the pipeline assembled and
    saved with ``save_pretrained`` (fp16 files; loaded back as fp32)."""
    from models.core.registry import load_model
    from models.diffusion.latent.latent_diffusion import encode_digits
    from models.diffusion.text.dataset import caption_ids, captioned
    from models.diffusion.text.pipeline import assemble, load_digit_clip, text_encoder_of
    from models.diffusion.text.text_unet import TextDigitUNet, TextUNetConfig
    from models.diffusion.text.tokenizer import encode
    from models.diffusion.train_diffusion import train_diffusion

    t0 = time.time()
    cfg = TextUNetConfig()
    tokenizer, clip = load_digit_clip(CLIP_DIR)
    text_encoder = text_encoder_of(clip)
    data = captioned("train")
    ids = caption_ids(tokenizer, data)
    autoencoder = load_model(cfg.autoencoder, device="cpu")
    latents = encode_digits(autoencoder, data.x)
    log(f"latents {tuple(latents.shape)}, std {latents.std():.3f}; captions {tuple(ids.shape)}")
    condition = caption_condition(ids, encode(tokenizer, [""])[0], text_encoder)
    model = train_diffusion(cfg, RUNS_DIR / "t2i", log, (latents, torch.arange(len(ids))), TextDigitUNet, condition)
    pipe = assemble(model, autoencoder, text_encoder, tokenizer)
    pipe.to(torch.float16).save_pretrained(PIPELINE_DIR)
    metrics = {"train_seconds": round(time.time() - t0, 1), "train_steps": cfg.steps}
    save_folder_model("t2i", KIND, PIPELINE_DIR, "python -m models.train t2i", metrics)
    log(f"saved {PIPELINE_DIR}; now measure it: python -m benchmarks.t2i")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's rows: digit-CLIP (retrieval) and the pipeline (its prompt checks, once measured)."""
    if name == "digit_clip":
        what = (
            "digit-CLIP: transformers CLIPModel (text transformer, ViT on 4×4 patches), contrastive on captioned digits"
        )
        metric = (
            f"text→image top-1 on 500 held-out placed digits: en {100 * m['retrieval_top1_en']:.1f}%, "
            f"zh {100 * m['retrieval_top1_zh']:.1f}% (chance {100 * m['retrieval_chance']:.1f}%)"
        )
        return what, metric
    what = (
        "text-conditioned latent UNet (diffusers UNet2DConditionModel, cross-attention on digit-CLIP's tokens) "
        "in a StableDiffusionPipeline"
    )
    metric = "not measured yet: `python -m benchmarks.t2i`"
    if "class_accuracy_en" in m:
        metric = (
            f"DDIM-25 at w = {m['guidance']:g}: class named in the prompt {100 * m['class_accuracy_en']:.1f}% (en), "
            f"{100 * m['class_accuracy_zh']:.1f}% (zh), {m['n']} samples each"
        )
    return what, metric


def main(name: str, log=print) -> dict:
    return train_digit_clip(log) if name == "digit_clip" else train_t2i(log)


if __name__ == "__main__":
    import sys

    main(sys.argv[1])
