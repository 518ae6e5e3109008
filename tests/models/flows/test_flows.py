"""The flows' maths: every layer inverts and its log|det J| is autograd's; the density integrates
to 1; the toy entropy matches a closed form; flow matching's Euler loop; the digit Glow's round trip,
its class mixture and the bound's bookkeeping; the lab's measures."""

import math

import numpy as np
import pytest
import torch

from models.core.toy2d import Toy2D
from models.flows.flow2d_run import FlowRun, bridge_mass
from models.flows.flow_digits import D, FlowDigitsConfig, GlowDigits, dequantize, latents, nll_bound_nats, quantize
from models.flows.flow_matching2d import FlowMatchingConfig, FlowMatchingRun, euler_paths, straightness
from models.flows.flows2d import FLOWS, Flow2DConfig, build_flow, log_prob_terms, pull_back, push_forward, sample


def _random_flow(kind: str, depth: int = 3) -> torch.nn.Module:
    """A flow far from the identity: its zero-initialised last layers get random weights."""
    flow = build_flow(Flow2DConfig(flow=kind, depth=depth, width=16), scale=1.5)
    gen = torch.Generator().manual_seed(1)
    with torch.no_grad():
        flow.log_prob(torch.randn(64, 2, generator=gen))  # actnorm's data-dependent initialisation
        for p in flow.parameters():
            p.add_(0.3 * torch.randn(p.shape, generator=gen))
    return flow.eval()


@pytest.mark.parametrize("kind", FLOWS)
def test_each_layer_inverts(kind):
    flow = _random_flow(kind)
    x = torch.randn(200, 2, generator=torch.Generator().manual_seed(2))
    for layer in flow.flows:
        y, _ = layer(x)
        back, _ = layer.inverse(y)
        assert (back - x).abs().max() < 1e-4, type(layer).__name__
        assert (y - x).abs().max() > 1e-3 or type(layer).__name__ == "Scale"  # not the identity


@pytest.mark.parametrize("kind", FLOWS)
def test_each_layers_log_det_is_autograds(kind):
    flow = _random_flow(kind).double()
    for layer in flow.flows:
        for point in torch.randn(4, 2, generator=torch.Generator().manual_seed(3), dtype=torch.float64):
            _, log_det = layer(point[None])
            jac = torch.autograd.functional.jacobian(lambda h, f=layer: f(h[None])[0][0], point)
            log_det = log_det.detach()
            assert float(log_det.reshape(-1)[0]) == pytest.approx(float(torch.linalg.slogdet(jac)[1]), abs=1e-6)


def test_log_prob_is_the_sum_of_its_terms_and_the_layers_round_trip():
    flow = _random_flow("RealNVP", depth=4)
    x = torch.randn(50, 2, generator=torch.Generator().manual_seed(4))
    z, log_n, terms = log_prob_terms(flow, x)
    assert torch.allclose(log_n + terms.sum(0), flow.log_prob(x), atol=1e-5)
    points, _ = pull_back(flow, x)
    forward = push_forward(flow, z)
    assert len(forward) == len(points) == len(flow.flows) + 1
    assert torch.allclose(forward[-1], x, atol=1e-4)


@pytest.mark.parametrize("kind", FLOWS)
def test_density_integrates_to_the_mass_its_samples_put_there(kind):
    """∫_box q(x) dx on a fine grid = the share of the flow's own samples inside the box (a random
    flow spreads some mass far out, so the box's share is measured, not assumed to be 1)."""
    flow = _random_flow(kind).double()
    v = torch.linspace(-6, 6, 481, dtype=torch.float64)
    xx, yy = torch.meshgrid(v, v, indexing="ij")
    with torch.no_grad():
        p = flow.log_prob(torch.stack([xx.reshape(-1), yy.reshape(-1)], 1)).exp()
        x = sample(flow.float(), 40_000, seed=0)
    inside = float((x.abs() <= 6).all(1).double().mean())
    assert inside > 0.25
    assert float(p.sum() * (v[1] - v[0]) ** 2) == pytest.approx(inside, abs=0.02)


def test_true_entropy_of_one_gaussian_is_the_closed_form():
    sigma = 0.3
    one = Toy2D("one", np.zeros((1, 2)), sigma)
    h, se = one.entropy(n=100_000)
    assert h == pytest.approx(math.log(2 * math.pi * math.e * sigma**2), abs=4 * se + 1e-3)
    x = np.array([[0.1, -0.2]])
    expected = -(0.05) / (2 * sigma**2) - math.log(2 * math.pi * sigma**2)
    assert one.log_density(x)[0] == pytest.approx(expected)


def test_bridge_mass_counts_points_between_modes():
    centres = np.array([[0.0, 0.0], [2.0, 0.0]])
    on_modes = np.array([[0.0, 0.1], [2.0, -0.1]])
    between = np.array([[1.0, 0.0], [1.2, 0.0]])
    assert bridge_mass(on_modes, centres) == 0.0
    assert bridge_mass(np.concatenate([on_modes, between]), centres) == 0.5


def test_a_lab_run_is_deterministic_per_seed_and_measures_the_kl_gap():
    a, b = (FlowRun(Flow2DConfig(depth=2, width=16, batch=64, seed=5), eval_every=10) for _ in range(2))
    a.advance(20)
    b.advance(20)
    assert a.history.train_nll == b.history.train_nll and a.history.held_out_nll == b.history.held_out_nll
    m = a.latest()
    assert m["kl_gap"] == pytest.approx(m["held_out_nll"] - m["entropy"]) and m["kl_gap"] > 0
    assert len(a.snapshots) == 3 and a.invertibility_error() < 1e-4


def test_euler_makes_one_network_call_per_step():
    calls = []

    def v(x, t):
        calls.append(1)
        return torch.ones_like(x)

    path = euler_paths(v, torch.zeros(5, 2), steps=4)
    assert len(calls) == 4 and path.shape == (5, 5, 2)
    assert torch.allclose(path[-1], torch.ones(5, 2)) and straightness(path) == pytest.approx(0.0, abs=1e-6)


def test_flow_matching_learns_a_shifted_gaussian():
    def shifted(n, gen):
        return torch.randn(n, 2, generator=gen) * 0.5 + torch.tensor([2.0, -1.0])

    fm = FlowMatchingRun(FlowMatchingConfig(width=32, batch=256), shifted)
    fm.advance(300)
    x = fm.samples(2000, steps=16, seed=0)
    assert np.allclose(x.mean(0), [2.0, -1.0], atol=0.15) and np.allclose(x.std(0), 0.5, atol=0.15)


TINY = FlowDigitsConfig(steps=1, hidden=8)
TINIES = [TINY, FlowDigitsConfig(steps=1, hidden=8, logit=0.001)]  # y − ½, and RealNVP's logit as the first layer


def _tiny_glow(cfg: FlowDigitsConfig = TINY) -> GlowDigits:
    torch.manual_seed(0)
    model = GlowDigits(cfg)
    x = torch.rand(8, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        model.log_prob(dequantize(quantize(x, cfg), cfg), torch.arange(8))  # actnorm's initialisation
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    return model.eval()


@pytest.mark.parametrize("cfg", TINIES, ids=["centred", "logit"])
def test_digit_glow_round_trip_is_exact(cfg):
    model = _tiny_glow(cfg)
    y = dequantize(quantize(torch.rand(4, 1, 28, 28), cfg), cfg, torch.Generator().manual_seed(1))
    z, _ = model.encode(y)
    assert [tuple(t.shape[1:]) for t in z] == [(8, 7, 7), (2, 14, 14)]
    assert (model.decode(z) - y).abs().max() < 1e-4


@pytest.mark.parametrize("cfg", TINIES, ids=["centred", "logit"])
def test_unconditional_likelihood_is_the_class_mixture(cfg):
    model = _tiny_glow(cfg)
    y = dequantize(quantize(torch.rand(3, 1, 28, 28), cfg), cfg, torch.Generator().manual_seed(2))
    per_class = torch.stack([model.log_prob(y, torch.full((3,), c)) for c in range(10)])
    expected = torch.logsumexp(per_class, 0) - math.log(10)
    assert torch.allclose(model.log_prob_unconditional(y), expected, atol=1e-3)


def test_the_logit_layer_adds_its_closed_form_log_det():
    """log p(y) with the logit first = log p_rest(s) + Σ log|ds/dy|, s = logit(α + (1 − 2α)y), ds/dy = (1 − 2α) /
    (u(1 − u)), u = α + (1 − 2α)y: the same flow without the logit, fed s, gives log p_rest(s)."""
    cfg = TINIES[1]
    model = _tiny_glow(cfg)
    y = dequantize(quantize(torch.rand(2, 1, 28, 28), cfg), cfg, torch.Generator().manual_seed(3))
    labels = torch.tensor([1, 7])
    u = cfg.logit + (1 - 2 * cfg.logit) * y
    s = torch.log(u) - torch.log1p(-u)
    log_det = (math.log(1 - 2 * cfg.logit) - torch.log(u) - torch.log1p(-u)).flatten(1).sum(1)
    rest = model.flow.transform
    model.flow.transform = None
    try:
        expected = model.flow.log_prob(s, labels) + log_det
    finally:
        model.flow.transform = rest
    assert torch.allclose(model.log_prob(y, labels), expected, rtol=1e-4)


def test_the_bound_adds_the_bins_volume_and_sampling_is_seeded():
    model = _tiny_glow()
    levels = quantize(torch.rand(2, 1, 28, 28), TINY)
    labels = torch.tensor([3, 4])
    gen = torch.Generator().manual_seed(0)
    y = dequantize(levels, TINY, gen)
    expected = -model.log_prob(y, labels) + D * math.log(256)
    assert torch.allclose(nll_bound_nats(model, levels, labels, seed=0), expected, atol=1e-3)
    a, b = latents(model, labels, 0.7, seed=9), latents(model, labels, 0.7, seed=9)
    assert all(torch.equal(p, q) for p, q in zip(a, b, strict=True))
    zero = latents(model, labels, 0.0, seed=9)
    assert torch.allclose(zero[0], model.prior(labels)[0][0])  # T = 0: the class's mean
