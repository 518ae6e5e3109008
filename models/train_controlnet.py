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

import torch
import torch.nn.functional as F

from models.controlnet import ControlNetConfig, DigitControlNet
from models.data import digit_split
from models.diffusion import DiffusionConfig, DigitDiffusion, to_model_space

FIGURE_CLASS = 10  # in diffusion_figures: 0-9 digits, 10 figure, 11 null


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    steps: int = 3000
    batch: int = 64
    lr: float = 1e-4
    p_uncond: float = 0.1
    n_figures: int = 6000
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
    while True:
        idx = torch.randint(len(x), (cfg.batch,), generator=gen)
        yield x[idx], y[idx].clone(), (None if c is None else c[idx])


def _diffusion_loss(model: DigitDiffusion, x0, y, gen, control_net=None, control=None) -> torch.Tensor:
    from diffusers import DDPMScheduler

    sched = DDPMScheduler(**model.scheduler_config())
    noise = torch.randn(x0.shape, generator=gen)
    t = torch.randint(model.cfg.num_train_timesteps, (len(x0),), generator=gen)
    x_t = sched.add_noise(x0, noise, t)
    target = sched.get_velocity(x0, noise, t) if model.cfg.prediction_type == "v_prediction" else noise
    with torch.autocast("cpu", dtype=torch.bfloat16):
        if control_net is None:
            pred = model(x_t, t, y)
        else:
            from models.controlnet import controlled_prediction

            pred = controlled_prediction(model, control_net, x_t, t, y, control)
    return F.mse_loss(pred.float(), target)


def fine_tune_figures(digits: DigitDiffusion, cfg: TrainConfig, log=print) -> DigitDiffusion:
    from models.figure_data import figure_set

    torch.manual_seed(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    model = extend_with_figure_class(digits).train()
    figs = figure_set(cfg.n_figures, seed=cfg.seed + 100)
    x = torch.cat([to_model_space(digit_split().x_train), figs.images * 2 - 1])
    y = torch.cat([digit_split().y_train, torch.full((len(figs.images),), FIGURE_CLASS)])
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr * 3)
    t0 = time.time()
    for step, (x0, yb, _) in zip(range(cfg.steps), _batches(x, y, None, cfg, gen), strict=False):
        yb[torch.rand(len(yb), generator=gen) < cfg.p_uncond] = model.null_class
        loss = _diffusion_loss(model, x0, yb, gen)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if (step + 1) % 100 == 0:
            log(f"figures step {step + 1}/{cfg.steps} loss {loss.item():.4f} ({time.time() - t0:.0f}s)")
    return model.eval()


def train_controlnet(base: DigitDiffusion, kind: str, cfg: TrainConfig, log=print) -> DigitControlNet:
    from models.controls import canny_map
    from models.figure_data import figure_set

    torch.manual_seed(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    base = base.eval().requires_grad_(False)
    figs = figure_set(cfg.n_figures, seed=cfg.seed + 200)
    if kind == "edge":
        digits = digit_split()
        padded = F.pad(digits.x_train, (2, 2, 2, 2))  # the 32 x 32 frame the model sees
        digit_edges = torch.stack([torch.from_numpy(canny_map(d[0].numpy())) for d in padded]).unsqueeze(1)
        x = torch.cat([to_model_space(digits.x_train), figs.images * 2 - 1])
        y = torch.cat([digits.y_train, torch.full((len(figs.images),), FIGURE_CLASS)])
        c = torch.cat([digit_edges.float(), figs.edges])
        channels = 1
    elif kind == "pose":
        x, y, c = figs.images * 2 - 1, torch.full((len(figs.images),), FIGURE_CLASS), figs.skeletons
        channels = 3
    else:
        raise ValueError(f"kind must be edge or pose, not {kind!r}")
    net = DigitControlNet(ControlNetConfig(kind=kind, conditioning_channels=channels, base=base.cfg), base).train()
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr)
    t0 = time.time()
    for step, (x0, yb, cb) in zip(range(cfg.steps), _batches(x, y, c, cfg, gen), strict=False):
        yb[torch.rand(len(yb), generator=gen) < cfg.p_uncond] = base.null_class
        loss = _diffusion_loss(base, x0, yb, gen, control_net=net, control=cb)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if (step + 1) % 100 == 0:
            log(f"controlnet {kind} step {step + 1}/{cfg.steps} loss {loss.item():.4f} ({time.time() - t0:.0f}s)")
    return net.eval()


def base_config_for_figures() -> DiffusionConfig:
    return dataclasses.replace(DiffusionConfig(), num_classes=11)
