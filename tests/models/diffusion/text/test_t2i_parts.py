"""Text to image in miniature, part by part, on tiny models built in memory (the shipped ones are checked by
``benchmarks.t2i``): the tokenizer, the caption measures, the attention recorder, CFG with a negative prompt, the CLIP
score, and the pipeline's ``save_pretrained`` / ``from_pretrained`` round trip (the ``--sd-path`` route)."""

import numpy as np
import pytest
import torch

from models.diffusion.text import captions as C
from models.diffusion.text.placement import normalise, place
from models.diffusion.text.tokenizer import BOS, EOS, MAX_LENGTH, PAD, encode, train_tokenizer

CAPTIONS = [
    "a small thick 7 leaning right in the top left",
    "a thin 3 in the middle",
    "zero, bold, slanted to the left, large",
] + [C.segment(c) for c in ("左上角一个很粗、向右倾斜的7", "数字 三：很细，在中间", "一个大的零")]


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return train_tokenizer(CAPTIONS * 20, tmp_path_factory.mktemp("tok"), vocab_size=600)


def test_tokenizer_round_trip_padding_and_truncation(tokenizer):
    ids = encode(tokenizer, [CAPTIONS[0], "", "seven " * 100])
    assert ids.shape == (3, MAX_LENGTH)
    first = ids[0].tolist()
    assert first[0] == tokenizer.convert_tokens_to_ids(BOS)
    n = first.index(tokenizer.eos_token_id)
    assert tokenizer.decode(first[1:n]) == CAPTIONS[0]
    assert set(first[n + 1 :]) == {tokenizer.convert_tokens_to_ids(PAD)}
    assert ids[1, :2].tolist() == [tokenizer.bos_token_id, tokenizer.eos_token_id]
    assert ids[2, -1] == tokenizer.eos_token_id and (ids[2] == tokenizer.eos_token_id).sum() == 1  # truncated
    assert tokenizer.convert_ids_to_tokens([tokenizer.eos_token_id]) == [EOS]


def test_chinese_is_split_into_its_words_and_any_text_encodes(tokenizer):
    assert C.segment("左上角一个很粗、向右倾斜的 7") == "左上角 一个 很粗 、 向右倾斜 的 7"
    ids = encode(tokenizer, [C.segment("左上角一个很粗的7")])[0].tolist()
    words = [tokenizer.decode([i]) for i in ids[1 : ids.index(tokenizer.eos_token_id)]]
    assert words == ["左上角", "一个", "很粗", "的", "7"]
    emoji = encode(tokenizer, ["a 🦄 and Ελληνικά"])[0].tolist()  # never an unknown token: bytes always encode
    assert emoji.count(tokenizer.eos_token_id) == 1 and tokenizer.decode(emoji, skip_special_tokens=True).startswith(
        "a 🦄"
    )


def _bar(width: int, shear: float = 0.0) -> torch.Tensor:
    """A vertical stroke ``width`` px wide, 20 px tall, sheared by ``shear`` px per row (> 0: top to the right)."""
    img = torch.zeros(1, 1, 28, 28)
    for r in range(4, 24):
        c = int(round(13 + shear * (13.5 - r)))
        img[0, 0, r, c - width // 2 : c - width // 2 + width] = 1.0
    return img


def test_a_thicker_stroke_measures_thicker_and_a_leaning_one_leans():
    # normalise scales the ink's box to 20 px: compare strokes of the same height
    assert C.thickness(_bar(4, 0.3))[0] > C.thickness(_bar(2, 0.3))[0] > 0
    assert C.slant(_bar(2, 0.4))[0] > 0.2 and C.slant(_bar(2, -0.4))[0] < -0.2
    assert abs(C.slant(_bar(3))[0]) < 0.05


def test_a_placed_digit_measures_small_and_where_it_was_put():
    from models.core.data import digit_split

    digit = digit_split().x_test[0]
    for spot in ("top left", "bottom right", "middle"):
        x = place(digit, 0.55, spot)[None]
        assert C.size(x)[0] < C.SMALL_BELOW and C.spot(x) == [spot]
    assert C.size(digit[None])[0] > C.SMALL_BELOW
    # normalising a shrunk digit gives back MNIST's framing: about the original's size
    assert abs(C.size(normalise(place(digit, 0.55, "top left")[None]))[0] - C.size(digit[None])[0]) <= 2


def test_captions_say_only_what_was_measured():
    a = C.Attributes(digit=7, stroke="thick", lean="right", scale="small", where="top left")
    rng = np.random.default_rng(0)
    en = {C.caption(a, rng, "en") for _ in range(200)}
    zh = {C.caption(a, rng, "zh") for _ in range(200)}
    assert "a small thick 7 leaning right in the top left" in en and len(en) > 20
    assert "左上角一个小、很粗、向右倾斜的7" in zh
    assert all("thin" not in c and "left corner" not in c.replace("top left corner", "") for c in en)
    assert all(("7" in c) or ("seven" in c) for c in en) and all(("7" in c) or ("七" in c) for c in zh)


def _tiny_unet():
    from models.diffusion.text.text_unet import TextDigitUNet, TextUNetConfig

    torch.manual_seed(0)
    cfg = TextUNetConfig(block_out_channels=(16, 32), norm_num_groups=8, cross_attention_dim=16, attention_head_dim=2)
    return TextDigitUNet(cfg).eval()


def test_the_recorder_gives_maps_that_sum_to_one_and_leaves_the_output_unchanged():
    from models.diffusion.text.attention import CrossAttentionRecorder

    model = _tiny_unet()
    z, t, c = torch.randn(2, 4, 8, 8), torch.tensor([500, 20]), torch.randn(2, MAX_LENGTH, 16)
    with torch.no_grad():
        plain = model(z, t, c)
        recorder = CrossAttentionRecorder()
        recorder.install(model.unet)
        unrecorded = model(z, t, c)  # the installed processors without a recorder: diffusers' fused attention
        recorded = model.unet(z, t, encoder_hidden_states=c, **recorder.unet_kwargs()).sample
    torch.testing.assert_close(unrecorded, plain, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(recorded, plain, atol=1e-5, rtol=1e-4)
    assert len(recorder.maps) == 7  # a transformer in each down block (2), the middle (1), each up block's 2 layers (4)
    for name, m in recorder.maps.items():
        assert m.shape[0] == 2 and m.shape[-1] == MAX_LENGTH and m.shape[1] in (4, 8), name
        torch.testing.assert_close(m.sum(-1), torch.ones(m.shape[:-1]))


def test_guidance_against_a_negative_prompt_closed_forms(fp32):
    from models.diffusion.samplers import guided_model_fn

    model = _tiny_unet()
    z, t = torch.randn(2, 4, 8, 8), torch.tensor(300)
    cond, neg = torch.randn(2, MAX_LENGTH, 16), torch.randn(2, MAX_LENGTH, 16)
    with torch.no_grad():
        e_c, e_n = model(z, t, cond), model(z, t, neg)
    torch.testing.assert_close(guided_model_fn(model, cond, 1.0, negative=neg)(z, t), e_c, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(
        guided_model_fn(model, cond, 4.0, negative=neg)(z, t), e_n + 4.0 * (e_c - e_n), atol=1e-4, rtol=1e-4
    )


def test_clip_score_is_torchmetrics_formula():
    from models.diffusion.text.digit_clip import clip_score

    a = torch.nn.functional.normalize(torch.randn(5, 8), dim=-1)
    b = torch.nn.functional.normalize(torch.randn(5, 8), dim=-1)
    expected = 100 * torch.clamp((a * b).sum(-1), min=0)
    torch.testing.assert_close(clip_score(a, b), expected)
    torch.testing.assert_close(clip_score(a, a), torch.full((5,), 100.0))
    torch.testing.assert_close(clip_score(a, -a), torch.zeros(5))


def test_the_pipeline_saves_and_loads_like_any_stable_diffusion_folder(tokenizer, tmp_path):
    from models.diffusion.latent.autoencoder import AutoencoderConfig, DigitAutoencoder
    from models.diffusion.text.digit_clip import DigitCLIPConfig, build_clip, text_embeddings
    from models.diffusion.text.pipeline import assemble, load_pipeline, text_encoder_of

    torch.manual_seed(0)
    clip = build_clip(DigitCLIPConfig(width=16, layers=1, heads=2, projection_dim=8), tokenizer).eval()
    text_encoder = text_encoder_of(clip)
    ids = encode(tokenizer, CAPTIONS[:2])
    with torch.no_grad():  # the text tower's hidden states are CLIPModel's
        torch.testing.assert_close(text_encoder(ids)[0], clip.text_model(ids)[0])
    assert text_embeddings(clip, ids).norm(dim=-1).sub(1).abs().max() < 1e-5
    pipe = assemble(_tiny_unet(), DigitAutoencoder(AutoencoderConfig(width=8)), text_encoder, tokenizer)
    pipe.save_pretrained(tmp_path / "a")
    loaded = load_pipeline(str(tmp_path / "a"))
    loaded.save_pretrained(tmp_path / "b")  # a copy, loaded as --sd-path would load a Stable Diffusion folder
    out = [
        load_pipeline(str(tmp_path / p))(
            ["a 7"],
            num_inference_steps=2,
            guidance_scale=2.0,
            output_type="pt",
            generator=torch.Generator().manual_seed(0),
        ).images
        for p in ("a", "b")
    ]
    assert out[0].shape == (1, 1, 32, 32)
    torch.testing.assert_close(out[0], out[1])
