"""Convolutional VAE on 28x28 digits (Kingma & Welling 2014; β-VAE: Higgins et al. 2017).

Notation: x -> image in [0, 1]; q(z|x) = N(μ, diag σ²) -> (mu, logvar); p(z) = N(0, I);
p(x|z) = Bernoulli(sigmoid(decoder logits)).
ELBO(x) = E_q[log p(x|z)] - KL(q(z|x) || p(z)); the β-VAE trains on E_q[log p(x|z)] - β·KL.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass
class VAEConfig:
    latent_dim: int = 16  # 2 shows the whole latent plane; 16 reconstructs digits faithfully
    beta: float = 1.0  # weight of the KL term; β > 1 trades sharpness for a smoother latent space
    width: int = 32  # channels of the first conv; the decoder mirrors the encoder
    hidden: int = 256  # fully connected layer between the conv stack and the latent
    epochs: int = 60  # held-out ELBO stops improving around here on 4,500 digits
    batch_size: int = 128  # many updates per epoch on a small training split
    lr: float = 1e-3  # Adam; decayed by a cosine schedule to 0
    augment: bool = True  # small random affine jitter: a cheap regulariser for only 4,500 digits
    seed: int = 0  # everything random is seeded


class ConvVAE(nn.Module):
    def __init__(self, cfg: VAEConfig = VAEConfig()):
        super().__init__()
        self.cfg = cfg
        w, h, d = cfg.width, cfg.hidden, cfg.latent_dim
        self.encoder = nn.Sequential(
            nn.Conv2d(1, w, 4, 2, 1),
            nn.SiLU(),  # 28 -> 14
            nn.Conv2d(w, 2 * w, 4, 2, 1),
            nn.SiLU(),  # 14 -> 7
            nn.Flatten(),
            nn.Linear(2 * w * 49, h),
            nn.SiLU(),
            nn.Linear(h, 2 * d),
        )
        self.decoder = nn.Sequential(
            nn.Linear(d, h),
            nn.SiLU(),
            nn.Linear(h, 2 * w * 49),
            nn.SiLU(),
            nn.Unflatten(1, (2 * w, 7, 7)),
            nn.ConvTranspose2d(2 * w, w, 4, 2, 1),
            nn.SiLU(),  # 7 -> 14
            nn.ConvTranspose2d(w, 1, 4, 2, 1),  # 14 -> 28, logits
        )

    @property
    def latent_dim(self) -> int:
        return self.cfg.latent_dim

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """x: (B, 1, 28, 28) in [0, 1] -> (μ, log σ²), each (B, D)."""
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        return mu, logvar.clamp(-12.0, 8.0)  # keeps σ finite for strange drawn inputs

    def decode_logits(self, z: torch.Tensor) -> torch.Tensor:
        """z: (B, D) -> Bernoulli logits (B, 1, 28, 28)."""
        return self.decoder(z)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """z: (B, D) -> mean image (B, 1, 28, 28) in [0, 1]."""
        return torch.sigmoid(self.decoder(z))

    def forward(self, x: torch.Tensor, generator: torch.Generator | None = None):
        mu, logvar = self.encode(x)
        z = reparameterise(mu, logvar, generator=generator)
        return self.decode_logits(z), mu, logvar


def reparameterise(
    mu: torch.Tensor, logvar: torch.Tensor, n: int | None = None, generator: torch.Generator | None = None
) -> torch.Tensor:
    """z = μ + σ ⊙ ε, ε ~ N(0, I): a differentiable sample of q(z|x).

    mu, logvar: (B, D). With n, returns (n, B, D) samples; otherwise (B, D).
    """
    shape = mu.shape if n is None else (n, *mu.shape)
    eps = torch.randn(shape, generator=generator, device=mu.device, dtype=mu.dtype)
    return mu + torch.exp(0.5 * logvar) * eps


def kl_to_standard_normal(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(μ, σ²) || N(0, I)) = ½ Σ_d (μ² + σ² − log σ² − 1), in nats. (B, D) -> (B,)."""
    return 0.5 * (mu.pow(2) + logvar.exp() - logvar - 1.0).sum(dim=1)


def reconstruction_log_likelihood(logits: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """log p(x|z) under a per-pixel Bernoulli, in nats. (B, 1, H, W) -> (B,)."""
    return -F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)


@dataclass
class ELBOTerms:
    """Per-image terms, each (B,), in nats; elbo = recon - kl."""

    recon: torch.Tensor
    kl: torch.Tensor

    @property
    def elbo(self) -> torch.Tensor:
        return self.recon - self.kl


def elbo_terms(
    model: ConvVAE, x: torch.Tensor, samples: int = 1, generator: torch.Generator | None = None
) -> ELBOTerms:
    """Monte-Carlo estimate of E_q[log p(x|z)] over ``samples`` draws, and the exact KL."""
    mu, logvar = model.encode(x)
    z = reparameterise(mu, logvar, n=samples, generator=generator)  # (S, B, D)
    logits = model.decode_logits(z.flatten(0, 1))
    xs = x.unsqueeze(0).expand(samples, *x.shape).flatten(0, 1)
    recon = reconstruction_log_likelihood(logits, xs).view(samples, -1).mean(0)
    return ELBOTerms(recon=recon, kl=kl_to_standard_normal(mu, logvar))


def importance_weighted_bound(
    model: ConvVAE, x: torch.Tensor, k: int = 100, generator: torch.Generator | None = None, chunk: int = 50
) -> torch.Tensor:
    """The importance-weighted bound (Burda et al. 2016), (B,) nats:

        log p(x) ≥ L_k = log (1/k) Σ_j p(x|z_j) p(z_j) / q(z_j|x),  z_j ~ q(z|x).

    L_1 is the ELBO; L_k never falls as k grows and tends to log p(x). x: (B, 1, 28, 28) in {0, 1}
    for a likelihood (grey x gives the number the training loss saw, not a probability).
    """
    import math

    mu, logvar = model.encode(x)
    std = torch.exp(0.5 * logvar)
    log_w = []
    for start in range(0, k, chunk):
        m = min(chunk, k - start)
        z = reparameterise(mu, logvar, n=m, generator=generator)  # (m, B, D)
        log_q = torch.distributions.Normal(mu, std).log_prob(z).sum(-1)
        log_prior = torch.distributions.Normal(0.0, 1.0).log_prob(z).sum(-1)
        xs = x.unsqueeze(0).expand(m, *x.shape).flatten(0, 1)
        log_lik = reconstruction_log_likelihood(model.decode_logits(z.flatten(0, 1)), xs).view(m, -1)
        log_w.append(log_lik + log_prior - log_q)
    return torch.logsumexp(torch.cat(log_w), 0) - math.log(k)
