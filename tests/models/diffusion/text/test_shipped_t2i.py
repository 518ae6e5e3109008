"""The shipped text-to-image pipeline (``assets/t2i``, loaded with diffusers' ``from_pretrained``) draws the digit a
prompt names, in English and in Chinese, and its attention recorder sees every cross-attention layer; the shipped
digit-CLIP scores a digit higher against its own caption than against another class's. (The measured numbers:
``python -m benchmarks.t2i``.)"""

import pytest
import torch

pytestmark = pytest.mark.shipped


@pytest.fixture(scope="module")
def pipe():
    from models.diffusion.text.pipeline import load_pipeline
    from models.diffusion.text.train_t2i import PIPELINE_DIR

    return load_pipeline(str(PIPELINE_DIR))


@pytest.mark.parametrize("template", ["a {k}", "一个{k}"])
def test_the_shipped_pipeline_draws_the_class_the_prompt_names(pipe, template):
    from models.core.registry import load_model
    from models.diffusion.samplers import drain
    from models.diffusion.text.placement import normalise
    from models.diffusion.text.sampling import prompt_sampling
    from models.measure.metrics import class_accuracy

    labels = torch.arange(20) % 10
    x = drain(prompt_sampling(pipe, [template.format(k=int(k)) for k in labels], 3.0, 15, seed=77))
    assert class_accuracy(load_model("evaluator"), normalise(x), labels) >= 0.8


def test_attention_is_recorded_for_every_step_and_layer(pipe):
    from models.diffusion.text.sampling import aggregate, prompt_sampling

    steps = [s.attention for s in prompt_sampling(pipe, ["a thick 7 in the top left"], 3.0, 4, seed=0, attention=True)]
    assert len(steps) == 4 and all(len(m) == 7 for m in steps)
    agg = aggregate(steps)
    assert agg.shape == (1, pipe.tokenizer.model_max_length, 8, 8)
    # the softmax ran at the machine's chosen precision (bf16 where native): rows sum to 1 within its rounding
    torch.testing.assert_close(agg.sum(1), torch.ones(1, 8, 8), atol=2e-3, rtol=0)


def test_digit_clip_prefers_a_digits_own_caption():
    from models.diffusion.text.dataset import captioned
    from models.diffusion.text.digit_clip import clip_score, image_embeddings, text_embeddings
    from models.diffusion.text.pipeline import load_digit_clip
    from models.diffusion.text.tokenizer import encode
    from models.diffusion.text.train_t2i import CLIP_DIR

    tokenizer, clip = load_digit_clip(CLIP_DIR)
    test = captioned("test")
    x, y = test.x[:200], test.labels[:200]
    own = encode(tokenizer, [f"a {int(k)}" for k in y])
    other = encode(tokenizer, [f"a {int(k + 5) % 10}" for k in y])
    img = image_embeddings(clip, x)
    assert (
        clip_score(img, text_embeddings(clip, own)) > clip_score(img, text_embeddings(clip, other))
    ).float().mean() > 0.9
