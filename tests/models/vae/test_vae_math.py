import math

import torch

from models.vae.latent import interpolate
from models.vae.model import (
    ConvVAE,
    VAEConfig,
    elbo_terms,
    kl_to_standard_normal,
    reconstruction_log_likelihood,
    reparameterise,
)


def test_kl_matches_monte_carlo():
    g = torch.Generator().manual_seed(0)
    mu = torch.randn(3, 4, generator=g)
    logvar = torch.randn(3, 4, generator=g) * 0.5
    z = reparameterise(mu, logvar, n=200_000, generator=g)  # (S, B, D)
    var = logvar.exp()
    log_q = -0.5 * (((z - mu) ** 2) / var + logvar + math.log(2 * math.pi)).sum(-1)
    log_p = -0.5 * (z**2 + math.log(2 * math.pi)).sum(-1)
    mc = (log_q - log_p).mean(0)
    torch.testing.assert_close(kl_to_standard_normal(mu, logvar), mc, rtol=0.02, atol=0.02)


def test_kl_closed_form_against_torch_distributions():
    mu, logvar = torch.randn(5, 16), torch.randn(5, 16)
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    torch.testing.assert_close(kl_to_standard_normal(mu, logvar), torch.distributions.kl_divergence(q, p).sum(1))
    assert torch.allclose(kl_to_standard_normal(torch.zeros(2, 3), torch.zeros(2, 3)), torch.zeros(2))


def test_reparameterisation_statistics_and_gradient():
    mu = torch.tensor([[1.5, -2.0]], requires_grad=True)
    logvar = torch.tensor([[math.log(0.25), math.log(4.0)]], requires_grad=True)
    z = reparameterise(mu, logvar, n=100_000, generator=torch.Generator().manual_seed(0))[:, 0]
    torch.testing.assert_close(z.mean(0), mu[0].detach(), atol=0.02, rtol=0)
    torch.testing.assert_close(z.std(0), torch.tensor([0.5, 2.0]), atol=0.02, rtol=0)
    z.sum().backward()  # the trick's point: gradients flow to μ and σ
    assert mu.grad is not None and logvar.grad is not None and torch.all(mu.grad != 0)


def test_bernoulli_log_likelihood_matches_torch():
    logits, x = torch.randn(2, 1, 28, 28), torch.rand(2, 1, 28, 28).round()
    expected = torch.distributions.Bernoulli(logits=logits).log_prob(x).flatten(1).sum(1)
    torch.testing.assert_close(reconstruction_log_likelihood(logits, x), expected)


def test_vae_shapes_and_elbo_is_recon_minus_kl():
    model = ConvVAE(VAEConfig(latent_dim=3, width=4, hidden=8)).eval()
    x = torch.rand(2, 1, 28, 28)
    mu, logvar = model.encode(x)
    assert mu.shape == logvar.shape == (2, 3)
    assert model.decode(mu).shape == (2, 1, 28, 28)
    t = elbo_terms(model, x, samples=4, generator=torch.Generator().manual_seed(0))
    torch.testing.assert_close(t.elbo, t.recon - t.kl)
    assert torch.all(t.kl >= 0) and torch.all(t.recon <= 0)


def test_interpolation_endpoints_and_slerp_norm():
    a, b = torch.tensor([3.0, 0.0]), torch.tensor([0.0, 3.0])
    for method in ("linear", "spherical"):
        path = interpolate(a, b, 7, method)
        assert path.shape == (7, 2)
        torch.testing.assert_close(path[0], a)
        torch.testing.assert_close(path[-1], b)
    torch.testing.assert_close(interpolate(a, b, 7, "spherical").norm(dim=1), torch.full((7,), 3.0))
    assert interpolate(a, b, 3, "linear")[1].norm() < 3.0  # lerp cuts through the low-norm middle


def test_importance_weighted_bound_climbs_to_the_exact_likelihood():
    # A 2-D latent space can be integrated on a grid: log p(x) = log ∫ p(x|z) p(z) dz exactly (to the
    # grid's error). The decoder is made to care where z is, so q(z|x) is a poor proposal: the ELBO
    # falls well short, L_k climbs with k (in expectation: one estimate can overshoot) to log p(x).
    from models.vae.model import importance_weighted_bound

    torch.manual_seed(0)
    model = ConvVAE(VAEConfig(latent_dim=2, width=4, hidden=16)).eval()
    x = (torch.rand(2, 1, 28, 28, generator=torch.Generator().manual_seed(1)) < 0.2).float()
    with torch.no_grad():
        model.decoder[0].weight.mul_(8)
        side = torch.linspace(-7, 7, 281)
        z = torch.stack(torch.meshgrid(side, side, indexing="ij"), -1).reshape(-1, 2)
        log_joint = [
            reconstruction_log_likelihood(model.decode_logits(z), xi.expand(len(z), 1, 28, 28))
            + torch.distributions.Normal(0.0, 1.0).log_prob(z).sum(-1)
            for xi in x
        ]
        exact = torch.stack([torch.logsumexp(lj, 0) for lj in log_joint]) + 2 * math.log(float(side[1] - side[0]))
        elbo = elbo_terms(model, x, samples=4000, generator=torch.Generator().manual_seed(3)).elbo
        l10 = torch.stack(
            [importance_weighted_bound(model, x, 10, torch.Generator().manual_seed(s)) for s in range(20)]
        )
        l10k = importance_weighted_bound(model, x, 10_000, torch.Generator().manual_seed(2))
    assert (elbo < exact - 3).all()
    assert (elbo < l10.mean(0)).all() and (l10.mean(0) < exact + 0.05).all()
    assert ((l10k - exact).abs() < 0.3).all()
