"""Train the two digit DCGANs and ship G's weights at several steps of training.

``python -m models.train dcgan_vanilla`` / ``dcgan_stable``. Each snapshot's 1,000 samples are
classified by the evaluator; the manifest records the class histogram's entropy (nats; log 10 = 2.30
is a uniform spread over the ten digits) and the digits-FID against the test split.
"""

from __future__ import annotations

import time

import torch
import torch.nn.functional as F

from models.core.assets import save_model
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.gan.dcgan import DCDiscriminator, DCGANConfig, DCGenerator, SnapshotGenerators

DCGAN_CONFIGS = {
    # The collapsing run: a 2-D z and G's learning rate 10x D's, so G outruns D (the recipe that
    # collapses the 2-D lab too). Measured while choosing it: 2e-3 for both with Adam β1 0.9 diverged
    # to blank images instead of collapsing.
    "dcgan_vanilla": DCGANConfig(latent=2, lr_g=1e-3, lr_d=1e-4),
    # The run that covers every digit: the same recipe with a 64-D z (DCGAN's usual size). Measured
    # while choosing it (2,000 steps, evaluator's classes of 1,000 samples): with a 2-D z, no
    # stabiliser tried brought back every digit — minibatch std with D faster than G (entropy 1.84
    # nats, one digit missing; 1.78 at 4,000 steps), the same with spectral norm (one missing), R1 at
    # γ 0.1 (one missing) or at γ 1 with minibatch std and D faster (1.55 at 3,000 steps) — while the
    # 64-D z alone gives 2.27 of 2.30; with a 64-D z, D faster than G or DCGAN's 2e-4 rates plus
    # minibatch std were worse (1.97, 2.10). These trials ran with scratch scripts, not a repo command.
    "dcgan_stable": DCGANConfig(latent=64, lr_g=1e-3, lr_d=1e-4),
}
NAMES = tuple(DCGAN_CONFIGS)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


def _g_loss(objective: str, s_fake: torch.Tensor) -> torch.Tensor:
    return -F.softplus(s_fake).mean() if objective == "minimax" else F.softplus(-s_fake).mean()


def train_dcgan(cfg: DCGANConfig, log=print) -> dict[int, dict[str, torch.Tensor]]:
    """-> {step: G state dict} at cfg.snapshots."""
    torch.manual_seed(cfg.seed)
    run = TrainingRun(None, log, config=cfg)  # a 1-2 minute run: no checkpoint
    gen = run.generator(cfg.seed)
    x_train = digit_split().x_train
    G, D = DCGenerator(cfg), DCDiscriminator(cfg)
    opt_g = torch.optim.Adam(G.parameters(), lr=cfg.lr_g, betas=(cfg.beta1, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=cfg.lr_d, betas=(cfg.beta1, 0.999))
    G, D, opt_g, opt_d = run.prepare(G, D, opt_g, opt_d)
    snaps = {}
    for step in range(cfg.steps + 1):
        if step in cfg.snapshots:
            snaps[step] = {k: v.detach().cpu().clone() for k, v in run.unwrap(G).state_dict().items()}
        if step == cfg.steps:
            break
        real = x_train[torch.randint(len(x_train), (cfg.batch,), generator=gen)].to(run.device)
        fake = G(torch.randn(cfg.batch, cfg.latent, generator=gen).to(run.device))
        if cfg.r1 > 0:
            real.requires_grad_(True)
        s_real = D(real)
        loss_d = F.softplus(-s_real).mean() + F.softplus(D(fake.detach())).mean()
        if cfg.r1 > 0:  # R1: keep D flat on the data, so G is not thrown between modes
            (grad,) = torch.autograd.grad(s_real.sum(), real, create_graph=True)
            loss_d = loss_d + cfg.r1 / 2 * grad.pow(2).sum((1, 2, 3)).mean()
        run.step(loss_d, opt_d)
        loss_g = _g_loss(cfg.objective, D(fake))
        run.step(loss_g, opt_g)
        if (step + 1) % 500 == 0:
            log(f"step {step + 1}/{cfg.steps} D {loss_d.item():.3f} G {loss_g.item():.3f} ({run.seconds:.0f}s)")
    return snaps


def main(name: str, log=print) -> dict:
    from models.core.registry import load_model
    from models.measure.metrics import class_histogram, digits_fid

    cfg = DCGAN_CONFIGS[name]
    t0 = time.time()
    snaps = train_dcgan(cfg, log=log)
    bundle = SnapshotGenerators(cfg)
    for step, state in snaps.items():
        bundle.at(step).load_state_dict(state)
    bundle.eval()
    evaluator = load_model("evaluator", device="cpu")
    x_test = digit_split().x_test
    per_step = {}
    for step in cfg.snapshots:
        x = bundle.sample(step, 1000, seed=0)
        counts, entropy = class_histogram(evaluator, x)
        per_step[str(step)] = {
            "entropy_nats": round(entropy, 3),
            "fid": round(digits_fid(evaluator, x, x_test), 1),
            "histogram": counts.tolist(),
        }
        log(f"{name} step {step}: entropy {entropy:.2f}, FID {per_step[str(step)]['fid']}")
    metrics = {"snapshots": per_step, "train_seconds": round(time.time() - t0, 1)}
    save_model(name, "dcgan_snapshots", bundle, cfg, metrics, command=f"python -m models.train {name}", half=True)
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the DCGAN's settings and its last snapshot's class coverage."""
    snaps = m["snapshots"]
    last = str(max(int(k) for k in snaps))
    what = f"DCGAN, z {cfg['latent']}-D, lr G {cfg['lr_g']:g} / D {cfg['lr_d']:g}" + (
        ", minibatch std" if cfg["minibatch_std"] else ""
    )
    missing = sum(c == 0 for c in snaps[last]["histogram"])
    metric = (
        f"at step {last}: class entropy **{snaps[last]['entropy_nats']:.2f}** nats of 2.30, "
        f"{missing} digits never generated, digits-FID {snaps[last]['fid']:.0f} (1,000 samples)"
    )
    return what, metric
