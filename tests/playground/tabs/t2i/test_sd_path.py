"""The tab on a Stable Diffusion that is not the miniature (``--sd-path``): a tiny RGB pipeline built in memory, saved
with ``save_pretrained`` and named in the environment, drives every view — RGB pictures, its own layers, no digit
measures — and nothing is downloaded (no weights exist for it anywhere but the folder)."""

import pytest
import torch
from PIL import Image

from playground.tabs.t2i import compare, handlers
from playground.tabs.t2i import prompt as P

QUICK = dict(guidance=3.0, steps=3, seed=0)


@pytest.fixture(scope="module")
def rgb_folder(tmp_path_factory):
    from diffusers import AutoencoderKL, DDIMScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    from models.diffusion.text.tokenizer import load_tokenizer
    from models.diffusion.text.train_t2i import PIPELINE_DIR

    torch.manual_seed(0)
    tokenizer = load_tokenizer(PIPELINE_DIR / "tokenizer")
    text = CLIPTextModel(
        CLIPTextConfig(
            vocab_size=len(tokenizer),
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            max_position_embeddings=tokenizer.model_max_length,
            bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id,
            pad_token_id=tokenizer.pad_token_id,
        )
    )
    unet = UNet2DConditionModel(
        sample_size=8,
        in_channels=4,
        out_channels=4,
        block_out_channels=(16, 32),
        down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"),
        layers_per_block=1,
        cross_attention_dim=16,
        attention_head_dim=2,
        norm_num_groups=8,
    )
    vae = AutoencoderKL(
        in_channels=3,
        out_channels=3,
        down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
        up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"),
        block_out_channels=(8, 8),
        latent_channels=4,
        norm_num_groups=8,
        sample_size=16,
    )
    pipe = StableDiffusionPipeline(
        vae=vae,
        text_encoder=text,
        tokenizer=tokenizer,
        unet=unet,
        scheduler=DDIMScheduler(),
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    folder = tmp_path_factory.mktemp("sd") / "tiny-rgb"
    pipe.save_pretrained(folder)
    return str(folder)


@pytest.fixture
def rgb(rgb_folder, monkeypatch):
    monkeypatch.setenv(P.SD_PATH, rgb_folder)
    return rgb_folder


def last(gen):
    return list(gen)[-1]


def test_an_rgb_pipeline_samples_in_colour_without_the_digit_measures(rgb):
    from models.diffusion.text.sampling import draws_digits

    assert not draws_digits(P.pipeline())
    samples, maps, md = last(handlers.t2i_sample("a thick 7", "", n=2, **QUICK))
    assert isinstance(samples, Image.Image) and samples.mode == "RGB" and isinstance(maps, Image.Image)
    assert "reads" not in md and "CLIP score" not in md
    chips, fig, md = handlers.t2i_tokens("a cat 😀")
    assert fig.data[0].z.shape[1] == 16 and "no training caption" not in md  # its own width; no caption vocabulary


def test_its_own_layers_are_offered_and_drawn(rgb):
    labels, names = zip(*handlers.layer_choices(), strict=True)
    assert names == (handlers.ALL_LAYERS, "down_blocks.0.attentions.0", "mid_block.attentions.0",
                     "up_blocks.1.attentions.0", "up_blocks.1.attentions.1")  # fmt: skip
    assert labels[1:] == ("↓ 8×8 (1)", "· 4×4", "↑ 8×8 (1)", "↑ 8×8 (2)")
    picture, md = handlers.t2i_attention("a 7", "", layer=names[2], **QUICK)
    assert isinstance(picture, Image.Image) and "· 4×4" in md


def test_the_comparisons_run_on_it(rgb):
    parts, samples, md = compare.t2i_negative("a 3", "thin", at_step=1, **QUICK)
    assert samples.mode == "RGB" and "stroke thickness" not in md
    picture, md = compare.t2i_swap("a thin 7", "a thick 7", n=2, **QUICK)
    assert isinstance(picture, Image.Image) and "stroke thickness" not in md
    grid, md = compare.t2i_guidance("a 4", "0, 3", steps=3, seed=0, n=1)
    assert "CLIP score" not in md
