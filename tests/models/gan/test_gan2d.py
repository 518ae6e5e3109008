import dataclasses

import pytest
import torch

from models.core.toy2d_samplers import toy_sampler
from models.gan.gan2d import GAN2D, OBJECTIVES, GAN2DConfig, d_loss, g_loss

TINY = dict(width=16, depth=2, batch=32)


def _params(m):
    return torch.cat([p.detach().flatten().clone() for p in m.parameters()])


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_each_objective_trains_both_networks(objective):
    gan = GAN2D(GAN2DConfig(objective=objective, **TINY), toy_sampler("ring8"))
    g0, d0 = _params(gan.G), _params(gan.D)
    for _ in range(3):
        ld, lg = gan.step()
    assert torch.isfinite(torch.tensor([ld, lg])).all()
    assert not torch.equal(g0, _params(gan.G)) and not torch.equal(d0, _params(gan.D))


@pytest.mark.parametrize(
    "stabiliser",
    [dict(spectral_norm=True), dict(r1=1.0), dict(pack=4), dict(minibatch_std=True), dict(unrolled=3), dict(d_steps=3)],
    ids=lambda d: next(iter(d)),
)
def test_each_stabiliser_runs_and_changes_the_weights(stabiliser):
    gan = GAN2D(GAN2DConfig(**TINY, **stabiliser), toy_sampler("grid25"))
    g0, d0 = _params(gan.G), _params(gan.D)
    for _ in range(3):
        gan.step()
    assert not torch.equal(g0, _params(gan.G)) and not torch.equal(d0, _params(gan.D))
    assert gan.critic_surface(3.0, n=16).shape == (16, 16)
    x, grad = gan.generator_gradients(n=8)
    assert x.shape == grad.shape == (8, 2)


def test_wgan_clips_d_weights():
    cfg = GAN2DConfig(objective="wgan", **TINY)
    gan = GAN2D(cfg, toy_sampler("ring8"))
    gan.step()
    assert max(p.abs().max().item() for p in gan.D.parameters()) <= cfg.clip + 1e-7


def test_unrolling_leaves_the_real_d_as_plain_d_steps_would():
    base = GAN2D(GAN2DConfig(**TINY), toy_sampler("ring8"))
    unrolled = GAN2D(GAN2DConfig(**TINY, unrolled=4), toy_sampler("ring8"))
    base.step()
    unrolled.step()
    # the look-ahead copy consumes random numbers, but the real D has taken exactly one step
    assert unrolled.steps == base.steps == 1


def test_same_seed_same_run():
    a = GAN2D(GAN2DConfig(**TINY, seed=3), toy_sampler("ring8"))
    b = GAN2D(GAN2DConfig(**TINY, seed=3), toy_sampler("ring8"))
    for _ in range(5):
        a.step(), b.step()
    assert torch.equal(a.sample(100), b.sample(100))


def test_losses_match_their_formulas():
    cfg = GAN2DConfig()
    s_r, s_f = torch.tensor([2.0, -1.0]), torch.tensor([0.5, -3.0])
    sig = torch.sigmoid
    torch.testing.assert_close(d_loss(cfg, s_r, s_f), -(torch.log(sig(s_r)).mean() + torch.log(1 - sig(s_f)).mean()))
    torch.testing.assert_close(g_loss(cfg, s_f), -torch.log(sig(s_f)).mean())
    mm = dataclasses.replace(cfg, objective="minimax")
    torch.testing.assert_close(g_loss(mm, s_f), torch.log(1 - sig(s_f)).mean())
    hinge = dataclasses.replace(cfg, objective="hinge")
    torch.testing.assert_close(d_loss(hinge, s_r, s_f), torch.relu(1 - s_r).mean() + torch.relu(1 + s_f).mean())


def _trained_gan(steps=300, **over):
    gan = GAN2D(GAN2DConfig(**{**TINY, **over}), toy_sampler("ring8"))
    for _ in range(steps):
        gan.step()
    return gan


@pytest.mark.parametrize("over", [dict(), dict(pack=4), dict(minibatch_std=True)], ids=["plain", "pack", "mbstd"])
def test_critic_scores_each_point_on_its_own(over):
    gan = _trained_gan(steps=3, **over)
    x = torch.randn(7, 2)  # not a multiple of the pack size
    s = gan.critic(x)
    assert s.shape == (7,)
    torch.testing.assert_close(gan.critic(x[2:3]), s[2:3])  # independent of the other points


def test_refinement_climbs_d_and_moves_the_median_sample_by_the_step():
    gan = _trained_gan()
    x = gan.sample(500)
    step = 0.01
    y1 = gan.refine(x, 1, step)
    torch.testing.assert_close((y1 - x).norm(dim=1).median(), torch.tensor(step), rtol=1e-3, atol=1e-6)
    y = gan.refine(x, 20, step)
    with torch.no_grad():
        assert gan.critic(y).mean() > gan.critic(x).mean()  # up D's logit
    assert torch.equal(gan.refine(x, 0, step), x)
    assert all(p.requires_grad for p in gan.D.parameters())  # D is left trainable


def test_the_surface_splits_at_the_decision_midpoint():
    ls, ns, centre = _trained_gan(steps=3, objective="lsgan"), _trained_gan(steps=3), torch.zeros(1, 2)
    with torch.no_grad():  # the 3 x 3 surface's middle cell is the origin
        torch.testing.assert_close(ls.critic_surface(1.0, n=3)[1, 1], ls.critic(centre)[0] - 0.5)
        torch.testing.assert_close(ns.critic_surface(1.0, n=3)[1, 1], ns.critic(centre)[0])
