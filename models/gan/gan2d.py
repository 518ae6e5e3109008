"""A small GAN on 2-D toy data, with the objectives and stabilisers whose effect on mode collapse
the GAN tab shows. Notation: G(z) generator, D(x) discriminator/critic logit, z ~ N(0, I).

Objectives (losses to minimise; s = D logit):
- minimax (saturating, Goodfellow 2014):  L_D = softplus(−s_r) + softplus(s_f);  L_G = −softplus(s_f)
- non-saturating:                          same L_D;                               L_G = softplus(−s_f)
- lsgan (Mao 2017):                         L_D = ½(s_r − 1)² + ½ s_f²;              L_G = ½(s_f − 1)²
- wgan (Arjovsky 2017, weight clipping):    L_D = s_f − s_r, clip D's weights;       L_G = −s_f
- wgan-gp (Gulrajani 2017):                 wgan + λ (‖∇D(x̂)‖ − 1)², x̂ on real–fake lines
- hinge (Lim & Ye 2017; Miyato 2018):       L_D = relu(1 − s_r) + relu(1 + s_f);     L_G = −s_f
Stabilisers: spectral norm on D's layers (Miyato 2018); R1 = γ/2 E‖∇D(x_r)‖² (Mescheder 2018);
PacGAN packing of m samples per D input (Lin 2018); minibatch standard deviation as an extra D
feature (Karras 2018); unrolled D (Metz 2017) in its first-order form: G steps against a copy of D
advanced k steps, without back-propagating through those steps.
Sampling: D-guided refinement moves G's samples up D's logit after training (the deterministic
core of DOT, Tanaka 2019, and DDLS, Che et al. 2020): x_{k+1} = x_k + η ∇_x D(x_k).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

OBJECTIVES = ("minimax", "nonsaturating", "lsgan", "wgan", "wgan-gp", "hinge")


@dataclass
class GAN2DConfig:
    dataset: str = "ring8"  # which toy set (models.core.toy2d.TOY_SETS) or "drawn"
    objective: str = "nonsaturating"  # one of OBJECTIVES
    spectral_norm: bool = False  # Lipschitz-bound D by normalising each layer's top singular value
    r1: float = 0.0  # γ of the R1 gradient penalty on real data; 0 = off
    pack: int = 1  # PacGAN: D judges m samples at once, so it can see a lack of diversity
    minibatch_std: bool = False  # append the batch's feature std to D's input for the same reason
    unrolled: int = 0  # k look-ahead D steps for each G step; 0 = off
    d_steps: int = 1  # D updates per G update
    lr_g: float = 1e-3  # Adam learning rates per network (TTUR when they differ)
    lr_d: float = 1e-3
    lr_drop_every: int = 0  # every this many G steps both learning rates drop 10x (0 = never): sharpens modes
    width: int = 128  # hidden units per layer, both networks
    depth: int = 3  # hidden layers, both networks
    latent: int = 2  # z dimension; 2 makes collapse easy to see and to cause
    batch: int = 256  # samples per step (real and fake each)
    clip: float = 0.01  # WGAN weight clipping bound
    gp: float = 10.0  # WGAN-GP λ
    seed: int = 0  # everything random is seeded


def _mlp(n_in: int, width: int, depth: int, n_out: int, sn: bool = False) -> nn.Sequential:
    wrap = nn.utils.parametrizations.spectral_norm if sn else (lambda m: m)
    layers, d = [], n_in
    for _ in range(depth):
        layers += [wrap(nn.Linear(d, width)), nn.LeakyReLU(0.2)]
        d = width
    layers.append(wrap(nn.Linear(d, n_out)))
    return nn.Sequential(*layers)


class Generator(nn.Module):
    """z: (B, latent) -> x: (B, 2)."""

    def __init__(self, cfg: GAN2DConfig):
        super().__init__()
        self.net = _mlp(cfg.latent, cfg.width, cfg.depth, 2)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


class Discriminator(nn.Module):
    """x: (B, 2) -> logits (B / pack,). With packing, consecutive ``pack`` samples form one input."""

    def __init__(self, cfg: GAN2DConfig):
        super().__init__()
        self.pack, self.mbstd = cfg.pack, cfg.minibatch_std
        self.net = _mlp(2 * cfg.pack + int(cfg.minibatch_std), cfg.width, cfg.depth, 1, cfg.spectral_norm)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.reshape(-1, 2 * self.pack)
        if self.mbstd:  # one scalar: mean over features of the std over the batch
            std = (x.var(0, unbiased=False) + 1e-8).sqrt().mean().expand(len(x), 1)  # finite gradient at 0
            x = torch.cat([x, std], 1)
        return self.net(x).squeeze(1)


def d_loss(cfg: GAN2DConfig, s_real: torch.Tensor, s_fake: torch.Tensor) -> torch.Tensor:
    o = cfg.objective
    if o in ("minimax", "nonsaturating"):
        return F.softplus(-s_real).mean() + F.softplus(s_fake).mean()
    if o == "lsgan":
        return 0.5 * ((s_real - 1) ** 2).mean() + 0.5 * (s_fake**2).mean()
    if o in ("wgan", "wgan-gp"):
        return s_fake.mean() - s_real.mean()
    if o == "hinge":
        return F.relu(1 - s_real).mean() + F.relu(1 + s_fake).mean()
    raise ValueError(f"unknown objective {o!r}")


def g_loss(cfg: GAN2DConfig, s_fake: torch.Tensor) -> torch.Tensor:
    o = cfg.objective
    if o == "minimax":
        return -F.softplus(s_fake).mean()  # = E log(1 − D(G(z))): its gradient vanishes when D wins
    if o == "nonsaturating":
        return F.softplus(-s_fake).mean()  # = −E log D(G(z))
    if o == "lsgan":
        return 0.5 * ((s_fake - 1) ** 2).mean()
    if o in ("wgan", "wgan-gp", "hinge"):
        return -s_fake.mean()
    raise ValueError(f"unknown objective {o!r}")


def _grad_norm_sq(D: Discriminator, x: torch.Tensor) -> torch.Tensor:
    """‖∇_x D(x)‖² per D input (packed samples' gradients summed over the pack)."""
    x = x.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(D(x).sum(), x, create_graph=True)
    return g.reshape(-1, 2 * D.pack).pow(2).sum(1)


class GAN2D:
    """G, D, their optimisers and one training step. The data sampler is given, not owned."""

    def __init__(self, cfg: GAN2DConfig, sample_real):
        """sample_real(n, generator) -> (n, 2) float tensor of real data."""
        self.cfg, self.sample_real = cfg, sample_real
        torch.manual_seed(cfg.seed)
        self.gen = torch.Generator().manual_seed(cfg.seed)
        self.G, self.D = Generator(cfg), Discriminator(cfg)
        betas = (0.0, 0.9) if cfg.objective == "wgan-gp" else (0.5, 0.999)
        if cfg.objective == "wgan":  # RMSProp, as the WGAN paper: momentum destabilises clipping
            self.opt_d = torch.optim.RMSprop(self.D.parameters(), lr=cfg.lr_d)
            self.opt_g = torch.optim.RMSprop(self.G.parameters(), lr=cfg.lr_g)
        else:
            # fused: one kernel per step instead of one per tensor, for these many tiny tensors
            self.opt_d = torch.optim.Adam(self.D.parameters(), lr=cfg.lr_d, betas=betas, fused=True)
            self.opt_g = torch.optim.Adam(self.G.parameters(), lr=cfg.lr_g, betas=betas, fused=True)
        self.steps = 0

    def z(self, n: int) -> torch.Tensor:
        return torch.randn(n, self.cfg.latent, generator=self.gen)

    def _batch(self) -> int:  # a multiple of the pack size
        return max(self.cfg.pack, self.cfg.batch // self.cfg.pack * self.cfg.pack)

    def _d_step(self, D: Discriminator, opt: torch.optim.Optimizer) -> float:
        cfg, b = self.cfg, self._batch()
        real = self.sample_real(b, self.gen)
        with torch.no_grad():
            fake = self.G(self.z(b))
        loss = d_loss(cfg, D(real), D(fake))
        if cfg.objective == "wgan-gp":
            t = torch.rand(b, 1, generator=self.gen)
            loss = loss + cfg.gp * ((_grad_norm_sq(D, t * real + (1 - t) * fake) + 1e-12).sqrt() - 1).pow(2).mean()
        if cfg.r1 > 0:
            loss = loss + cfg.r1 / 2 * _grad_norm_sq(D, real).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if cfg.objective == "wgan":
            with torch.no_grad():
                for p in D.parameters():
                    p.clamp_(-cfg.clip, cfg.clip)
        return float(loss.detach())

    def step(self) -> tuple[float, float]:
        """d_steps D updates then one G update. -> (D loss, G loss)."""
        if self.cfg.lr_drop_every and self.steps and self.steps % self.cfg.lr_drop_every == 0:
            for opt in (self.opt_g, self.opt_d):
                for group in opt.param_groups:
                    group["lr"] *= 0.1
        for _ in range(self.cfg.d_steps):
            ld = self._d_step(self.D, self.opt_d)
        D = self.D
        if self.cfg.unrolled > 0:
            D = copy.deepcopy(self.D)
            opt = torch.optim.Adam(D.parameters(), lr=self.cfg.lr_d, betas=(0.5, 0.999), fused=True)
            opt.load_state_dict(self.opt_d.state_dict())
            for _ in range(self.cfg.unrolled):
                self._d_step(D, opt)
        D.requires_grad_(False)
        lg = g_loss(self.cfg, D(self.G(self.z(self._batch()))))
        self.opt_g.zero_grad(set_to_none=True)
        lg.backward()
        self.opt_g.step()
        D.requires_grad_(True)
        self.steps += 1
        return ld, float(lg.detach())

    @torch.no_grad()
    def sample(self, n: int, seed: int = 1234) -> torch.Tensor:
        """(n, 2) samples from a fixed noise seed, so snapshots over training compare."""
        return self.G(torch.randn(n, self.cfg.latent, generator=torch.Generator().manual_seed(seed)))

    def critic(self, x: torch.Tensor) -> torch.Tensor:
        """D's logit of each point on its own: x (N, 2) -> (N,). With packing, D sees ``pack`` copies
        of the point; with minibatch std, the std term of a batch of identical points, 0."""
        pts = x.reshape(-1, 1, 2).expand(-1, self.cfg.pack, 2).reshape(-1, 2 * self.cfg.pack)
        if self.cfg.minibatch_std:
            return self.D.net(torch.cat([pts, torch.zeros(len(pts), 1)], 1)).squeeze(1)
        return self.D(pts)

    @torch.no_grad()
    def critic_surface(self, extent: float, n: int = 64) -> torch.Tensor:
        """D's output minus its real/fake midpoint on an n x n grid over [-extent, extent]² (row 0 =
        top): > 0 where D says "real". The midpoint is 0.5 for LSGAN's 0/1 targets, 0 for the others
        (logits, hinge's ±1, critics), so the heat map splits where D's decision does."""
        v = torch.linspace(-extent, extent, n)
        yy, xx = torch.meshgrid(v.flip(0), v, indexing="ij")
        midpoint = 0.5 if self.cfg.objective == "lsgan" else 0.0
        return self.critic(torch.stack([xx, yy], -1).reshape(-1, 2)).view(n, n) - midpoint

    def refine(self, x: torch.Tensor, steps: int, step: float) -> torch.Tensor:
        """D-guided refinement: x (N, 2) -> (N, 2) after ``steps`` steps of x ← x + η ∇_x D(x).

        D's logit scale depends on the objective and the penalties (an R1-flattened D spans ±0.05, a
        WGAN critic is unbounded), so η is set once, from the first step, to move the median sample by
        ``step`` (data units): samples where D's slope is steeper than typical (the bridges between
        modes) move further."""
        self.D.requires_grad_(False)
        eta = None
        for _ in range(steps):
            x = x.detach().requires_grad_(True)
            (g,) = torch.autograd.grad(self.critic(x).sum(), x)
            if eta is None:
                eta = step / (g.norm(dim=1).median() + 1e-12)
            x = x + eta * g
        self.D.requires_grad_(True)
        return x.detach()

    def generator_gradients(self, n: int = 128, seed: int = 99) -> tuple[torch.Tensor, torch.Tensor]:
        """-> (x = G(z) (n, 2), −∇_x L_G (n, 2)): where D pushes each generated sample."""
        with torch.no_grad():
            x = self.G(torch.randn(n, self.cfg.latent, generator=torch.Generator().manual_seed(seed)))
        x.requires_grad_(True)
        self.D.requires_grad_(False)
        (g,) = torch.autograd.grad(g_loss(self.cfg, self.D(x)), x)
        self.D.requires_grad_(True)
        return x.detach(), -g * n  # the per-sample gradient (the loss averages over n)
