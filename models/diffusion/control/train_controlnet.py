"""The ControlNet models (``python -m models.train <name>``):

- ``diffusion_figures``: the digits model extended with an 11th class, "figure" (the procedural
  mannequins), fine-tuned from ``diffusion`` on digits and figures. A separate asset, so the digits
  model and its measured numbers stay as they are; the ControlNets are built from this one.
- ``controlnet_edge``: a ControlNet on Canny edge maps of digits and figures.
- ``controlnet_pose``: a ControlNet on OpenPose skeletons of figures.

Only the ControlNet trains (the base is frozen); labels are dropped to the null class with
probability ``p_uncond`` so classifier-free guidance still works under control.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from models.core.assets import ROOT
from models.core.compute import autocast
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.diffusion.control.controlnet import ControlNetConfig, DigitControlNet, controlled_prediction
from models.diffusion.model import DigitDiffusion, to_model_space

RUNS_DIR = ROOT / "runs"

FIGURE_CLASS = 10  # in diffusion_figures: 0-9 digits, 10 figure, 11 null


NAMES = (
    "diffusion_figures",
    "controlnet_edge",
    "controlnet_pose",
)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    steps: int = 3000
    batch: int = 64
    lr: float = 1e-4
    p_uncond: float = 0.1
    n_figures: int = 6000
    ema_decay: float = 0.999
    seed: int = 0


def extend_with_figure_class(digits: DigitDiffusion) -> DigitDiffusion:
    """A copy with one more class: rows 0-9 kept, the old null row moved to 11, and the figure
    row started from the mean of the digit rows."""
    cfg = dataclasses.replace(digits.cfg, num_classes=digits.cfg.num_classes + 1)
    model = DigitDiffusion(cfg)
    state = {k: v.clone() for k, v in digits.state_dict().items()}
    old = state["unet.class_embedding.weight"]
    new = torch.cat([old[:-1], old[:-1].mean(0, keepdim=True), old[-1:]])
    state["unet.class_embedding.weight"] = new
    model.load_state_dict(state)
    return model


def _batches(x: torch.Tensor, y: torch.Tensor, c: torch.Tensor | None, cfg: TrainConfig, gen: torch.Generator):
    """Endless random batches in which the figures are half of the samples (there are 10 times
    fewer figures than digits; drawn uniformly, the new class would be seen too rarely)."""
    is_figure = y == FIGURE_CLASS
    n_fig = int(is_figure.sum())
    weights = torch.where(is_figure, 1.0 / max(n_fig, 1), 1.0 / max(len(y) - n_fig, 1))
    while True:
        idx = torch.multinomial(weights, cfg.batch, replacement=True, generator=gen)
        yield x[idx], y[idx].clone(), (None if c is None else c[idx])


def _diffusion_loss(model: DigitDiffusion, x0, y, gen, control_net=None, control=None) -> torch.Tensor:
    from diffusers import DDPMScheduler

    sched = DDPMScheduler(**model.scheduler_config())
    noise = torch.randn(x0.shape, generator=gen)
    t = torch.randint(model.cfg.num_train_timesteps, (len(x0),), generator=gen)
    x_t = sched.add_noise(x0, noise, t)
    target = sched.get_velocity(x0, noise, t) if model.cfg.prediction_type == "v_prediction" else noise
    with autocast(x0.device):
        if control_net is None:
            pred = model(x_t, t, y)
        else:
            pred = controlled_prediction(model, control_net, x_t, t, y, control)
    return F.mse_loss(pred.float(), target)


def _run_for(module, cfg: TrainConfig, run_dir: Path | None, data_gen: torch.Generator, log=print):
    """The training run of ``module``'s trainable weights: AdamW, an EMA copy and the two generators (the batches'
    and the loop's), all kept with its checkpoint -> (run, params, opt, ema, gen)."""
    from diffusers.training_utils import EMAModel

    params = [p for p in module.parameters() if p.requires_grad]
    run = TrainingRun(run_dir, log, config=cfg)
    opt = torch.optim.AdamW(params, lr=cfg.lr)
    ema = EMAModel(params, decay=cfg.ema_decay)
    _, opt = run.prepare(module, opt)
    run.keep(data_gen)
    gen = run.generator(cfg.seed + 1)
    run.register(ema)
    return run, params, opt, ema, gen


def _train_loop(name, module, loss_fn, batches, data_gen, cfg: TrainConfig, null_class: int, run_dir, log) -> None:
    """AdamW on ``module``'s trainable weights with an EMA copy (copied in at the end); with ``run_dir``, a
    checkpoint there every 250 steps and resume from it (a killed run loses minutes)."""
    run, params, opt, ema, gen = _run_for(module, cfg, run_dir, data_gen, log)
    start = run.resume()
    module.train()
    running = 0.0
    for step in range(start, cfg.steps):
        x0, y, c = next(batches)
        y[torch.rand(len(y), generator=gen) < cfg.p_uncond] = null_class
        loss = loss_fn(x0, y, c, gen)
        run.step(loss, opt, clip=1.0)
        ema.step(params)
        running += loss.item()
        if (step + 1) % 100 == 0:
            log(f"{name} step {step + 1}/{cfg.steps} loss {running / 100:.4f} ({run.seconds:.0f}s)")
            running = 0.0
        if (step + 1) % 250 == 0 or step + 1 == cfg.steps:
            run.save(step + 1)
    ema.copy_to(params)
    module.eval()


def fine_tune_figures(digits: DigitDiffusion, cfg: TrainConfig, run_dir: Path | None = None, log=print):
    """``digits`` extended with the figure class and fine-tuned (all weights) on digits + figures."""
    from models.diffusion.control.figure_data import figure_set

    torch.manual_seed(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    model = extend_with_figure_class(digits)
    figs = figure_set(cfg.n_figures, seed=cfg.seed + 100)
    split = digit_split()
    x = torch.cat([to_model_space(split.x_train), figs.images * 2 - 1])
    y = torch.cat([split.y_train, torch.full((len(figs.images),), FIGURE_CLASS)])

    def loss_fn(x0, yb, _c, g):
        return _diffusion_loss(model, x0, yb, g)

    batches = _batches(x, y, None, cfg, gen)
    _train_loop("diffusion_figures", model, loss_fn, batches, gen, cfg, model.null_class, run_dir, log)
    return model


def control_training_set(kind: str, n_figures: int, seed: int):
    """-> (x0 in [-1, 1], labels, control maps) for one ControlNet kind: edges of digits and
    figures, or skeletons of figures."""
    from models.diffusion.control.controls import canny_map
    from models.diffusion.control.figure_data import figure_set

    figs = figure_set(n_figures, seed=seed)
    if kind == "edge":
        digits = digit_split()
        padded = F.pad(digits.x_train, (2, 2, 2, 2))  # the 32 x 32 frame the model sees
        digit_edges = torch.stack([torch.from_numpy(canny_map(d[0].numpy())) for d in padded]).unsqueeze(1)
        x = torch.cat([to_model_space(digits.x_train), figs.images * 2 - 1])
        y = torch.cat([digits.y_train, torch.full((len(figs.images),), FIGURE_CLASS)])
        return x, y, torch.cat([digit_edges.float(), figs.edges])
    if kind == "pose":
        return figs.images * 2 - 1, torch.full((len(figs.images),), FIGURE_CLASS), figs.skeletons
    raise ValueError(f"kind must be edge or pose, not {kind!r}")


def train_controlnet(base: DigitDiffusion, kind: str, cfg: TrainConfig, run_dir: Path | None = None, log=print):
    """A ControlNet of ``kind`` made from ``base``'s UNet and trained with the base frozen."""
    torch.manual_seed(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    base = base.eval().requires_grad_(False)
    x, y, c = control_training_set(kind, cfg.n_figures, cfg.seed + 200)
    channels = CONTROL_CHANNELS[kind]
    net = DigitControlNet(ControlNetConfig(kind=kind, conditioning_channels=channels, base=base.cfg), base)

    def loss_fn(x0, yb, cb, g):
        return _diffusion_loss(base, x0, yb, g, control_net=net, control=cb)

    batches = _batches(x, y, c, cfg, gen)
    _train_loop(f"controlnet_{kind}", net, loss_fn, batches, gen, cfg, base.null_class, run_dir, log)
    return net


def controlnet_from_checkpoint(
    base: DigitDiffusion, kind: str, run_dir: Path | None = None, cfg: TrainConfig | None = None
) -> DigitControlNet:
    """The EMA weights of a training run's last checkpoint (to watch a run while it trains; ``cfg``: the run's
    settings, ``CONTROL_TRAIN`` by default)."""
    net = DigitControlNet(ControlNetConfig(kind=kind, conditioning_channels=CONTROL_CHANNELS[kind], base=base.cfg))
    folder = run_dir or RUNS_DIR / f"controlnet_{kind}"
    run, params, _, ema, _ = _run_for(net, cfg or CONTROL_TRAIN, folder, torch.Generator())
    if not run.resume():
        raise FileNotFoundError(f"no checkpoint of controlnet_{kind}'s training run in {run.folder}")
    ema.copy_to(params)
    return net.eval().requires_grad_(False)


CONTROL_CHANNELS = {"edge": 1, "pose": 3}
# Chosen by the runs recorded in the README's model card (CPU, 2 cores).
FIGURES_TRAIN = TrainConfig(steps=2000, lr=3e-4, n_figures=6000)
CONTROL_TRAIN = TrainConfig(steps=2500, lr=3e-4, n_figures=6000)


def main(name: str, log=print) -> dict:
    from models.core.assets import save_model
    from models.core.registry import load_model

    t0 = time.time()
    if name == "diffusion_figures":
        model = fine_tune_figures(load_model("diffusion", device="cpu").float(), FIGURES_TRAIN, RUNS_DIR / name, log)
        metrics = {"train_seconds": round(time.time() - t0, 1), "train_steps": FIGURES_TRAIN.steps}
        save_model(name, "diffusion", model, model.cfg, metrics, command=f"python -m models.train {name}", half=True)
        return metrics
    kind = name.removeprefix("controlnet_")
    base = load_model("diffusion_figures", device="cpu").float()
    net = train_controlnet(base, kind, CONTROL_TRAIN, RUNS_DIR / name, log)
    metrics = {"train_seconds": round(time.time() - t0, 1), "train_steps": CONTROL_TRAIN.steps}
    save_model(name, "controlnet", net, net.cfg, metrics, command=f"python -m models.train {name}", half=True)
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the figures-and-digits base model, or a ControlNet and how closely it follows."""
    if name == "diffusion_figures":
        acc = m.get("digit_accuracy_ddim25_w2")
        return (
            "`diffusion` with an 11th class, *figure* (the procedural mannequins), fine-tuned on digits + figures",
            "digits still drawn: "
            + (
                f"DDIM-25 at w = 2, class accuracy **{100 * acc:.1f}%** (200 samples)"
                if acc is not None
                else "unmeasured"
            ),
        )
    what = (
        f"diffusers ControlNetModel from `diffusion_figures`' UNet, {cfg['kind']} "
        f"({cfg['conditioning_channels']}-channel control)"
    )
    if cfg["kind"] == "edge":
        keys = ("edges_of_test_digits_unconditional", "edges_of_held_out_figures_unconditional")
        metric = "; ".join(
            f"{k.replace('_', ' ')}: edge F1 **{m.get(f'edge_f1_{k}_scale1', float('nan')):.2f}** at scale 1 "
            f"({m.get(f'edge_f1_{k}_scale0', float('nan')):.2f} at scale 0)"
            for k in keys
        )
    else:
        metric = (
            f"held-out poses: silhouette IoU **{m.get('silhouette_iou_scale1', float('nan')):.2f}** at scale 1 "
            f"({m.get('silhouette_iou_scale0', float('nan')):.2f} at scale 0)"
        )
    return what, metric
