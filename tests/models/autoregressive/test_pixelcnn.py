"""The autoregressive models' maths on tiny random networks: masks, causality (by gradients), the
likelihood as a sum of per-pixel terms, seeded sampling, every sampling path draws the same digits."""

import pytest
import torch
import torch.nn.functional as F

from models.autoregressive.pixelcnn import (
    NULL_CLASS,
    PixelCNN,
    PixelCNNConfig,
    mask,
    nll,
    pixel_log_likelihoods,
    sample,
    sample_progressive,
)
from models.core.data import binarize

VARIANTS = ("gated", "plain")


def tiny(variant: str, seed: int = 0):
    torch.manual_seed(seed)
    model = PixelCNN(PixelCNNConfig(variant=variant, channels=8, layers=3, head=16)).eval()
    # random biases too, so that no dependence hides behind a zero-initialised parameter
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.1 * torch.randn_like(p))
    return model


def test_type_a_excludes_the_centre_and_type_b_includes_it():
    a, b = mask(5, "A"), mask(5, "B")
    assert a[2, 2] == 0 and b[2, 2] == 1
    assert (a[:2] == 1).all() and (a[2, :2] == 1).all() and (a[2, 3:] == 0).all() and (a[3:] == 0).all()
    assert (b - a).sum() == 1


def input_gradient(model, pixel: int, x=None):
    """d logit_pixel / d x over the 784 inputs."""
    x = (torch.rand(1, 1, 28, 28, generator=torch.Generator().manual_seed(1)) < 0.4).float() if x is None else x
    x = x.clone().requires_grad_(True)
    logit = model(x, torch.tensor([3]))[0, 0].flatten()[pixel]
    return torch.autograd.grad(logit, x)[0].flatten()


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("pixel", [0, 5, 27, 28, 14 * 28 + 13, 783])
def test_no_logit_depends_on_its_own_or_a_later_pixel(variant, pixel):
    g = input_gradient(tiny(variant), pixel)
    assert g[pixel:].abs().max() == 0
    if pixel % 28:
        assert g[pixel - 1] != 0  # the pixel to the left is always seen
    if pixel >= 28:
        assert g[pixel - 28] != 0  # and the one above


def test_the_plain_network_has_a_blind_spot_and_the_gated_one_none():
    # Pixel (10, 14): a row up, the plain stack (7x7 type A, then 3x3 type B) reaches 3 columns to
    # the right and never further (a type-B layer adds a column right only with a row up); two rows
    # up, 4. The gated vertical stack widens by a column each side per layer: 6 columns here.
    pixel = 10 * 28 + 14
    plain, gated = input_gradient(tiny("plain"), pixel), input_gradient(tiny("gated"), pixel)
    above_right = torch.zeros(28, 28, dtype=torch.bool)
    above_right[9, 18:21] = True
    above_right[8, 19:21] = True
    assert plain.view(28, 28)[9, 17] != 0 and plain.view(28, 28)[8, 18] != 0  # the edge of what it sees
    assert (plain.view(28, 28)[above_right] == 0).all()
    assert (gated.view(28, 28)[above_right] != 0).all()


@pytest.mark.parametrize("variant", VARIANTS)
def test_likelihood_is_the_sum_of_the_per_pixel_terms(variant):
    model = tiny(variant)
    x = binarize(torch.rand(3, 1, 28, 28, generator=torch.Generator().manual_seed(2)))
    c = torch.tensor([1, 7, NULL_CLASS])
    with torch.no_grad():
        per_pixel = pixel_log_likelihoods(model, x, c)
        # each term computed the slow way: the conditional of pixel i from x_<i only
        i = 300
        x_prefix = x.clone().flatten(1)
        x_prefix[:, i:] = 0
        logit = model(x_prefix.view_as(x), c)[:, 0].flatten(1)[:, i]
        term = -F.binary_cross_entropy_with_logits(logit, x.flatten(1)[:, i], reduction="none")
    assert torch.allclose(per_pixel.flatten(1)[:, i], term, atol=1e-5)
    assert torch.allclose(nll(model, x, c), -per_pixel.flatten(1).sum(1), atol=1e-4)
    assert (per_pixel <= 0).all()


def test_binarize_marks_ink_above_half_grey():
    grey = torch.tensor([0.0, 0.3, 0.5, 0.51, 1.0]).view(1, 1, 1, 5)
    assert binarize(grey).flatten().tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("guidance", [1.0, 3.0])
def test_sampling_is_seeded_and_every_path_draws_the_same_digits(variant, guidance):
    # "full" runs the network on all 28 rows per pixel, "window" on the receptive field's rows,
    # "fast" caches the gated model's vertical stack once per row: the same logits, the same digits.
    model = tiny(variant)
    labels = torch.tensor([2, NULL_CLASS])
    with torch.inference_mode():
        a = sample(model, labels, 1.0, seed=5, guidance=guidance)
        c = sample(model, labels, 1.0, seed=6, guidance=guidance)
        runs = {
            p: list(sample_progressive(model, labels, 1.0, seed=5, path=p, guidance=guidance))[-1]
            for p in ("full", "window", "fast")
        }
    assert torch.equal(a, runs["fast"].x) and not torch.equal(a, c)
    for p in ("window", "fast"):
        assert torch.equal(runs["full"].x, runs[p].x), p
        assert torch.allclose(runs["full"].probs, runs[p].probs, atol=1e-5), p


def test_completion_keeps_the_given_rows_and_records_probabilities_after_them():
    model = tiny("gated")
    x = binarize(torch.rand(2, 1, 28, 28, generator=torch.Generator().manual_seed(3)))
    start = 10 * 28
    with torch.inference_mode():
        steps = list(sample_progressive(model, torch.tensor([4, 9]), 1.0, seed=0, x=x, start=start))
    last = steps[-1]
    assert len(steps) == 784 - start and steps[0].index == start
    assert torch.equal(last.x[:, :, :10], x[:, :, :10])
    assert last.probs[:, :, :10].isnan().all() and not last.probs[:, :, 10:].isnan().any()


def test_temperature_sharpens_the_conditionals():
    model = tiny("gated")
    with torch.inference_mode():
        cold = next(sample_progressive(model, torch.tensor([0]), temperature=0.1)).probs[0, 0, 0, 0]
        warm = next(sample_progressive(model, torch.tensor([0]), temperature=1.0)).probs[0, 0, 0, 0]
    assert abs(float(cold) - 0.5) >= abs(float(warm) - 0.5)


def test_guidance_one_is_the_conditional_zero_the_unconditional_and_null_rows_are_untouched():
    model = tiny("gated")
    labels = torch.tensor([3, NULL_CLASS])
    with torch.inference_mode():
        plain = sample(model, labels, seed=4)
        assert torch.equal(sample(model, labels, seed=4, guidance=1.0), plain)
        assert torch.equal(
            sample(model, torch.full((2,), NULL_CLASS), seed=4), sample(model, labels, seed=4, guidance=0.0)
        )
        guided = list(sample_progressive(model, labels, seed=4, guidance=4.0))[-1]
        free = list(sample_progressive(model, torch.full((2,), NULL_CLASS), seed=4))[-1]
    assert torch.equal(guided.x[1], free.x[1]) and torch.allclose(guided.probs[1], free.probs[1], atol=1e-6)
