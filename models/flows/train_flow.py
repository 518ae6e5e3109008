"""Train the shipped digit flows on the train split: ``python -m models.train flow_digits`` (256
levels, bits/dim) and ``flow_binary`` (binarized at half grey, nats per digit beside the PixelCNN).

Each epoch shifts the digits by up to a pixel, dequantizes them with fresh uniform noise and
minimises −log p(y | c) (``models.flows.flow_digits``). Adam with a one-epoch warm-up and cosine decay,
gradients clipped (Glow's couplings can spike early). Precision as the app chooses it
(``models.core.compute``); the reported numbers are measured in fp32. Resumable: ``runs/<name>.pt``
after every epoch (kill it and run the same command again).
"""

from __future__ import annotations

import torch

from models.core.assets import ROOT, save_model
from models.core.augment import random_shift
from models.core.checkpoint import split_report
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.flows.flow_digits import FlowDigitsConfig, GlowDigits, bits_per_dim, dequantize, nll_bound_nats, quantize

FLOW_CONFIGS = {
    # logit α = 0.001 (``python -m scripts.flow_search``): held-out 1.50 bits/dim after 10 epochs, where y − ½ took
    # 100 epochs to reach 1.90
    "flow_digits": FlowDigitsConfig(data="grey", epochs=100, logit=0.001),
    "flow_binary": FlowDigitsConfig(data="binary", epochs=60),
}
NAMES = tuple(FLOW_CONFIGS)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)
RUNS_DIR = ROOT / "runs"


@torch.inference_mode()
def evaluate_flow(model: GlowDigits, x: torch.Tensor, y: torch.Tensor) -> dict:
    """Held-out bound in nats per digit (with the class and unconditional) and bits/dim, fp32."""
    model.eval()
    levels = quantize(x, model.cfg)
    cond = nll_bound_nats(model, levels, y)
    uncond = nll_bound_nats(model, levels, None)
    return {
        "nll_nats": round(float(cond.mean()), 2),
        "nll_unconditional_nats": round(float(uncond.mean()), 2),
        "bits_per_dim": round(bits_per_dim(cond), 4),
        "bits_per_dim_unconditional": round(bits_per_dim(uncond), 4),
    }


def train_flow(name: str, cfg: FlowDigitsConfig, log=print) -> GlowDigits:
    torch.manual_seed(cfg.seed)
    data = digit_split()
    run = TrainingRun(RUNS_DIR / name, log, config=cfg)
    model = GlowDigits(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    batches = -(-len(data.x_train) // cfg.batch_size)
    warm = torch.optim.lr_scheduler.LinearLR(opt, 0.01, 1.0, batches)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(opt, (cfg.epochs - 1) * batches)
    sched = torch.optim.lr_scheduler.SequentialLR(opt, [warm, cosine], [batches])
    model, opt, sched = run.prepare(model, opt, sched)
    gen = run.generator(cfg.seed)
    for epoch in range(run.resume(), cfg.epochs):
        model.train()
        perm = torch.randperm(len(data.x_train), generator=gen)
        total = 0.0
        for i in range(0, len(perm), cfg.batch_size):
            idx = perm[i : i + cfg.batch_size]
            levels = quantize(random_shift(data.x_train[idx], gen, cfg.max_shift), cfg)
            with run.autocast():
                loss = -model.log_prob(dequantize(levels, cfg, gen).to(run.device), data.y_train[idx].to(run.device))
                loss = loss.float().mean()
            run.step(loss, opt, sched, clip=50.0)
            total += loss.item() * len(idx)
        msg = f"epoch {epoch + 1}/{cfg.epochs} train −log p(y) {total / len(perm):.1f} ({run.seconds:.0f}s)"
        if (epoch + 1) % 5 == 0 or epoch == 0:
            msg += f" test {evaluate_flow(model, data.x_test.to(run.device), data.y_test.to(run.device))}"
        log(msg)
        run.save(epoch + 1)
    model = run.unwrap(model).eval().cpu()
    model.train_seconds = run.seconds
    return model


def main(name: str, log=print) -> dict:
    cfg = FLOW_CONFIGS[name]
    model = train_flow(name, cfg, log=log)
    metrics = split_report(model, evaluate_flow, digit_split())
    save_model(name, "flow_digits", model, cfg, metrics, command=f"python -m models.train {name}")
    log(f"{name}: {metrics}")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the Glow's shape and its held-out likelihood bound (bits/dim on grey digits)."""
    levels = "256 grey levels" if cfg["data"] == "grey" else "binarized at half grey"
    what = (
        f"Glow (normflows), {cfg['levels']} levels × {cfg['steps']} steps, coupling nets of {cfg['hidden']} "
        f"channels, class-conditional prior, {m.get('parameters', 0) / 1e3:.0f}k parameters; {levels}"
    )
    if cfg.get("logit"):
        what += f"; RealNVP's logit pre-processing, α = {cfg['logit']}"
    metric = (
        f"−log P(x) ≤ **{m['test_nll_nats']:.1f}** nats, class given "
        f"({m['test_nll_unconditional_nats']:.1f} without; train {m['train_nll_nats']:.1f})"
    )
    if cfg["data"] == "grey":
        metric += f" = **{m['test_bits_per_dim']:.3f} bits/dim** (train {m['train_bits_per_dim']:.3f})"
    return what, metric
