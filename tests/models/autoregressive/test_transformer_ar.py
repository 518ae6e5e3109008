"""The image transformer's maths on a tiny random network: causality (by gradients: no logit reads
its own or a later pixel, and every earlier one is read — no blind spot), the KV cache draws what a
full recomputation draws, the likelihood is the sum of the per-pixel terms."""

import pytest
import torch
import torch.nn.functional as F

from models.autoregressive.pixelcnn import NULL_CLASS, nll, pixel_log_likelihoods, sample, sample_progressive
from models.autoregressive.transformer_ar import TransformerAR, TransformerARConfig
from models.core.data import binarize


def tiny(seed: int = 0, patch: int = 4) -> TransformerAR:
    torch.manual_seed(seed)
    model = TransformerAR(TransformerARConfig(patch=patch, dim=16, layers=2, heads=2, mlp=2, head=8)).eval()
    with torch.no_grad():  # random biases and embeddings too: no dependence hides behind a zero init
        for p in model.parameters():
            p.add_(0.1 * torch.randn_like(p))
    return model


def input_gradient(model, pixel: int) -> torch.Tensor:
    x = (torch.rand(1, 1, 28, 28, generator=torch.Generator().manual_seed(1)) < 0.4).float().requires_grad_(True)
    logit = model(x, torch.tensor([3]))[0, 0].flatten()[pixel]
    return torch.autograd.grad(logit, x)[0].flatten()


@pytest.mark.parametrize("patch", [4, 7])
@pytest.mark.parametrize("pixel", [0, 1, 3, 4, 5, 27, 28, 14 * 28 + 13, 783])
def test_no_logit_depends_on_its_own_or_a_later_pixel_and_every_earlier_one_is_read(patch, pixel):
    g = input_gradient(tiny(patch=patch), pixel)
    assert g[pixel:].abs().max() == 0
    assert (g[:pixel] != 0).all()  # attention over the whole prefix: no blind spot, no window


def test_likelihood_is_the_sum_of_the_per_pixel_terms():
    model = tiny()
    x = binarize(torch.rand(3, 1, 28, 28, generator=torch.Generator().manual_seed(2)))
    c = torch.tensor([1, 7, NULL_CLASS])
    with torch.no_grad():
        per_pixel = pixel_log_likelihoods(model, x, c)
        for i in (0, 301, 783):  # each term the slow way: the conditional of pixel i from x_<i only
            x_prefix = x.clone().flatten(1)
            x_prefix[:, i:] = 0
            logit = model(x_prefix.view_as(x), c)[:, 0].flatten(1)[:, i]
            term = -F.binary_cross_entropy_with_logits(logit, x.flatten(1)[:, i], reduction="none")
            assert torch.allclose(per_pixel.flatten(1)[:, i], term, atol=1e-5)
    assert torch.allclose(nll(model, x, c), -per_pixel.flatten(1).sum(1), atol=1e-4)
    assert (per_pixel <= 0).all()


@pytest.mark.parametrize("guidance", [1.0, 3.0])
def test_kv_cache_sampling_draws_what_full_recomputation_draws(guidance):
    model = tiny()
    labels = torch.tensor([2, NULL_CLASS])
    with torch.inference_mode():
        fast = list(sample_progressive(model, labels, 1.0, seed=5, guidance=guidance))[-1]
        full = list(sample_progressive(model, labels, 1.0, seed=5, path="full", guidance=guidance))[-1]
        other = sample(model, labels, 1.0, seed=6, guidance=guidance)
    assert torch.equal(fast.x, full.x) and not torch.equal(fast.x, other)
    assert torch.allclose(fast.probs, full.probs, atol=1e-5)


def test_the_sampled_probabilities_are_the_likelihoods_conditionals():
    # at T = 1, w = 1 the sampler's p(x_i = 1 | x_<i) are the teacher-forced ones of the drawn digit
    model = tiny()
    labels = torch.tensor([4, NULL_CLASS])
    with torch.inference_mode():
        last = list(sample_progressive(model, labels, 1.0, seed=2))[-1]
        ll = pixel_log_likelihoods(model, last.x, labels)
    from_sampler = torch.where(last.x > 0, last.probs, 1 - last.probs).log()
    assert torch.allclose(from_sampler, ll, atol=1e-4)


@pytest.mark.parametrize("start", [10 * 28, 10 * 28 + 2])
def test_completion_keeps_the_given_pixels_and_matches_full_recomputation(start):
    model = tiny()
    x = binarize(torch.rand(2, 1, 28, 28, generator=torch.Generator().manual_seed(3)))
    with torch.inference_mode():
        steps = list(sample_progressive(model, torch.tensor([4, 9]), 1.0, seed=0, x=x, start=start, guidance=2.0))
        full = list(
            sample_progressive(model, torch.tensor([4, 9]), 1.0, 0, x=x, start=start, path="full", guidance=2.0)
        )[-1]
    last = steps[-1]
    assert len(steps) == 784 - start and steps[0].index == start
    assert torch.equal(last.x.flatten(1)[:, :start], x.flatten(1)[:, :start])
    assert torch.equal(last.x, full.x)


def test_a_non_empty_cache_takes_one_token_at_a_time():
    model = tiny()
    caches, _ = model.prefill(torch.zeros(1, 1, 28, 28), torch.tensor([0]), 3)
    with pytest.raises(ValueError, match="one token"):
        model.blocks[0](torch.zeros(1, 2, 16), caches[0])
