"""Diffusion on the 2-D toy sets: a small ε-MLP per set, trained in seconds, shipped together.

Points are divided by the set's standard deviation before noising (so "pure noise" N(0, I) is on
the data's scale) and multiplied back for display. Same schedule and samplers as the digits model.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from models.core.toy2d import TOY_SETS
from models.core.training import TrainingRun

DATASETS_2D = ("ring8", "grid25", "spiral", "moons")


NAMES = ("diffusion2d",)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


@dataclass(frozen=True)
class Diffusion2DConfig:
    datasets: tuple[str, ...] = DATASETS_2D
    hidden: int = 256
    depth: int = 4
    time_dim: int = 32
    num_train_timesteps: int = 1000
    # The linear schedule with ε-prediction, the classic DDPM pair. With the cosine schedule (ᾱ ≈ 2e-9
    # at the last step) DDIM's first step turned small ε errors into paths shooting far out of the
    # picture; v-prediction fixed that but measured worse here (ring: 18% of samples high quality).
    beta_schedule: str = "linear"
    prediction_type: str = "epsilon"
    steps: int = 8000
    batch: int = 1024
    lr: float = 2e-3
    seed: int = 0

    def __post_init__(self):
        object.__setattr__(self, "datasets", tuple(self.datasets))


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    """Sinusoidal embedding of t (B,) -> (B, dim), as in the Transformer / DDPM."""
    half = dim // 2
    freqs = torch.exp(-math.log(10_000) * torch.arange(half, device=t.device) / half)
    angles = t.float()[:, None] * freqs[None]
    return torch.cat([angles.sin(), angles.cos()], 1)


class Eps2D(nn.Module):
    """The network for 2-D points (predicts ε or v, per the config): x (B, 2), t (B,) -> (B, 2)."""

    def __init__(self, cfg: Diffusion2DConfig):
        super().__init__()
        self.time_dim = cfg.time_dim
        layers, width = [], 2 + cfg.time_dim
        for _ in range(cfg.depth):
            layers += [nn.Linear(width, cfg.hidden), nn.SiLU()]
            width = cfg.hidden
        self.net = nn.Sequential(*layers, nn.Linear(width, 2))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        t = torch.as_tensor(t, device=x.device)
        if t.ndim == 0:
            t = t.expand(x.shape[0])
        return self.net(torch.cat([x, timestep_embedding(t, self.time_dim)], 1))


class Diffusion2D(nn.Module):
    """One ε-MLP per toy set, plus each set's scale (the std its points are divided by)."""

    def __init__(self, cfg: Diffusion2DConfig):
        super().__init__()
        self.cfg = cfg
        self.models = nn.ModuleDict({name: Eps2D(cfg) for name in cfg.datasets})
        self.register_buffer("scales", torch.ones(len(cfg.datasets)))

    def scale(self, dataset: str) -> float:
        return float(self.scales[self.cfg.datasets.index(dataset)])

    def scheduler_config(self) -> dict:
        return {
            "num_train_timesteps": self.cfg.num_train_timesteps,
            "beta_schedule": self.cfg.beta_schedule,
            "prediction_type": self.cfg.prediction_type,
        }


def train_diffusion2d(cfg: Diffusion2DConfig = Diffusion2DConfig(), log=print) -> Diffusion2D:
    from diffusers import DDPMScheduler

    torch.manual_seed(cfg.seed)
    bundle = Diffusion2D(cfg)
    sched = DDPMScheduler(**bundle.scheduler_config())
    for k, name in enumerate(cfg.datasets):
        t0 = time.time()
        gen = torch.Generator().manual_seed(cfg.seed + k)
        data = torch.from_numpy(TOY_SETS[name].sample(50_000, seed=cfg.seed + k))
        scale = float(data.std())
        bundle.scales[k] = scale
        data = data / scale
        run = TrainingRun(None, log, config=cfg)  # ~7 minutes a toy set: no checkpoint
        model = bundle.models[name]
        opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
        lr_sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, cfg.steps)
        model, opt, lr_sched = run.prepare(model, opt, lr_sched)
        for _ in range(cfg.steps):
            x0 = data[torch.randint(len(data), (cfg.batch,), generator=gen)]
            noise = torch.randn(x0.shape, generator=gen)
            t = torch.randint(cfg.num_train_timesteps, (cfg.batch,), generator=gen)
            target = noise if cfg.prediction_type == "epsilon" else sched.get_velocity(x0, noise, t)
            x_t, t, target = (v.to(run.device) for v in (sched.add_noise(x0, noise, t), t, target))
            loss = F.mse_loss(model(x_t, t), target)
            run.step(loss, opt, lr_sched)
        log(f"{name}: final loss {loss.item():.3f} ({time.time() - t0:.0f}s)")
    return bundle.eval().cpu()


def main(name: str = "diffusion2d", log=print) -> dict:
    from models.core.assets import save_model
    from models.diffusion.samplers import make_scheduler, sample
    from models.measure.mode_coverage import mode_coverage

    t0 = time.time()
    bundle = train_diffusion2d(log=log)
    metrics = {"train_seconds": round(time.time() - t0, 1)}
    for ds in ("ring8", "grid25"):  # the mode metric of the GAN tab, for comparison
        noise = torch.randn(2500, 2, generator=torch.Generator().manual_seed(0))
        with torch.inference_mode():
            pts = sample(bundle.models[ds], make_scheduler("DDPM", bundle.scheduler_config()), noise, 200)
        cov = mode_coverage(pts.numpy() * bundle.scale(ds), TOY_SETS[ds].centres, TOY_SETS[ds].sigma)
        metrics[ds] = {"modes": cov.modes_covered, "high_quality": round(cov.high_quality, 3)}
        log(f"{ds}: {metrics[ds]}")
    save_model(name, "diffusion2d", bundle, bundle.cfg, metrics, command=f"python -m models.train {name}")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: the MLPs and the modes each toy set's samples cover."""
    what = f"2-D diffusion, one {cfg['depth']}x{cfg['hidden']} MLP per toy set ({cfg['prediction_type']})"
    metric = "; ".join(
        f"{k}: {v['modes']} modes, {100 * v['high_quality']:.0f}% high quality (DDPM-200, 2,500 samples)"
        for k, v in m.items()
        if isinstance(v, dict)
    )
    return what, metric
