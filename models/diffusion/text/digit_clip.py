"""digit-CLIP: transformers' ``CLIPModel`` in miniature, trained contrastively on (placed digit, caption) pairs
(Radford et al. 2021): a text transformer over the caption tokens and a ViT over 4 x 4 patches of the 28 x 28 digit,
both projected to a shared space where a batch's matching pairs are pulled together and the rest pushed apart,

    L = ½ [CE(s·E_I E_Tᵀ, diag) + CE(s·E_T E_Iᵀ, diag)],  E unit-norm (B, d), s = exp(logit_scale).

Its text tower is the text-to-image pipeline's text encoder (frozen, as Stable Diffusion's CLIP is); its
similarity is the CLIP score, ``100 · max(cos(E_I, E_T), 0)`` as torchmetrics defines it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import torch

from models.core.assets import ROOT


@dataclass(frozen=True)
class DigitCLIPConfig:
    width: int = 128  # both towers' hidden size: digits and ~20-token captions need little
    layers: int = 2  # 3 layers: 0.53 s a step at batch 256 on 2 cores, 2: ~0.4 s
    heads: int = 4
    projection_dim: int = 64
    patch_size: int = 4  # 28 / 4 = 7 x 7 patches
    steps: int = 2000
    batch: int = 256  # contrastive learning wants many negatives per batch
    lr: float = 5e-4
    warmup: int = 200
    seed: int = 0


def build_clip(cfg: DigitCLIPConfig, tokenizer):
    from transformers import CLIPConfig, CLIPModel

    common = dict(
        hidden_size=cfg.width,
        intermediate_size=4 * cfg.width,
        num_hidden_layers=cfg.layers,
        num_attention_heads=cfg.heads,
    )
    text = dict(
        common,
        vocab_size=len(tokenizer),
        max_position_embeddings=tokenizer.model_max_length,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    vision = dict(common, image_size=28, patch_size=cfg.patch_size, num_channels=1)
    return CLIPModel(CLIPConfig(text_config=text, vision_config=vision, projection_dim=cfg.projection_dim))


def pixel_values(x01: torch.Tensor) -> torch.Tensor:
    """Digits (B, 1, 28, 28) in [0, 1] -> the vision tower's input, in [-1, 1]."""
    return x01 * 2 - 1


@torch.inference_mode()
def image_embeddings(clip, x01: torch.Tensor, batch: int = 500) -> torch.Tensor:
    """Digits (N, 1, 28, 28) -> unit-norm image embeddings E_I (N, d)."""
    device = clip.device
    out = [
        clip.get_image_features(pixel_values=pixel_values(x01[i : i + batch]).to(device))
        for i in range(0, len(x01), batch)
    ]
    e = torch.cat([o if torch.is_tensor(o) else o.pooler_output for o in out]).float().cpu()
    return torch.nn.functional.normalize(e, dim=-1)


@torch.inference_mode()
def text_embeddings(clip, ids: torch.Tensor, batch: int = 500) -> torch.Tensor:
    """Token ids (N, L) -> unit-norm text embeddings E_T (N, d)."""
    device = clip.device
    out = [clip.get_text_features(input_ids=ids[i : i + batch].to(device)) for i in range(0, len(ids), batch)]
    e = torch.cat([o if torch.is_tensor(o) else o.pooler_output for o in out]).float().cpu()
    return torch.nn.functional.normalize(e, dim=-1)


def clip_score(image_emb: torch.Tensor, text_emb: torch.Tensor) -> torch.Tensor:
    """torchmetrics' CLIP score per pair: 100 · max(cos(E_I, E_T), 0), (N,) from (N, d) and (N, d)."""
    cos = torch.nn.functional.cosine_similarity(image_emb, text_emb, dim=-1)
    return 100 * cos.clamp(min=0)


RUN_DIR = ROOT / "runs" / "digit_clip"


def train_clip(cfg: DigitCLIPConfig, tokenizer, log=print, run_dir: Path | None = RUN_DIR):
    """-> the trained ``CLIPModel`` (eval, CPU). Each step: ``batch`` placed training digits, one of each one's
    captions at random; AdamW with warm-up and cosine decay. Resumable from ``run_dir``."""
    import math

    from models.core.training import TrainingRun
    from models.diffusion.text.dataset import caption_ids, captioned

    torch.manual_seed(cfg.seed)
    data = captioned("train")
    n, k = len(data.x), len(data.captions[0])
    ids = caption_ids(tokenizer, data)
    run = TrainingRun(run_dir, log, config=cfg)
    model = build_clip(cfg, tokenizer)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.1)
    factor = lambda s: (
        (s + 1) / cfg.warmup
        if s < cfg.warmup
        else 0.5 * (1 + math.cos(math.pi * (s - cfg.warmup) / (cfg.steps - cfg.warmup)))
    )  # noqa: E501,E731
    sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    model.train()
    t0, running = time.time(), 0.0
    for step in range(run.resume(), cfg.steps):
        idx = torch.randint(n, (cfg.batch,), generator=gen)
        which = torch.randint(k, (cfg.batch,), generator=gen)
        with run.autocast():
            out = model(
                input_ids=ids[idx, which].to(run.device),
                pixel_values=pixel_values(data.x[idx]).to(run.device),
                return_loss=True,
            )
        run.step(out.loss, opt, sched, clip=1.0)
        running += out.loss.item()
        if (step + 1) % 100 == 0:
            log(f"step {step + 1}/{cfg.steps} loss {running / 100:.3f} ({time.time() - t0:.0f}s)")
            running = 0.0
        if (step + 1) % 500 == 0 or step + 1 == cfg.steps:
            run.save(step + 1)
    return run.unwrap(model).eval().cpu()


@torch.inference_mode()
def retrieval_top1(clip, x01: torch.Tensor, ids: torch.Tensor) -> float:
    """Text -> image retrieval: for each caption (N, L), is its own digit (N, 1, 28, 28) the most similar of all N?"""
    sim = text_embeddings(clip, ids) @ image_embeddings(clip, x01).T
    return float((sim.argmax(1) == torch.arange(len(ids))).float().mean())
