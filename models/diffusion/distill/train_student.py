"""Distil the digits diffusion model into a few-step student: ``python -m models.train student``.

Latent-consistency distillation as diffusers' ``examples/consistency_distillation/
train_lcm_distill_sd_wds.py`` does it, in pixels and with a class instead of a prompt, per batch:

    n ~ U{0..49}, s = t_{n+k} = grid[n], t = s − k (k = 20)      x_s = √ᾱ_s x₀ + √(1−ᾱ_s) ε
    student:  f_θ(x_s)  = c_skip(s) x_s + c_out(s) x̂₀,θ(x_s, s, y)
    teacher:  x̂₀, ε̂ guided at w (one batched pass), x_t = √ᾱ_t x̂₀ + √(1−ᾱ_t) ε̂   (one DDIM step)
    target:   f_θ⁻(x_t) = c_skip(t) x_t + c_out(t) x̂₀,θ⁻(x_t, t, y),   θ⁻ ← EMA(θ, 0.95)
    loss = mean(√((f_θ − f_θ⁻)² + c²) − c)

The student and θ⁻ start as copies of the teacher. θ⁻ is the network shipped. The run checkpoints
to ``runs/student/`` every 250 steps and resumes from there; every 250 steps it logs the class
accuracy of 100 two-step samples. Measured by ``python -m benchmarks.fast_sampling --only student``.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

import torch

from models.core.assets import ROOT
from models.core.compute import autocast
from models.core.data import digit_split
from models.core.training import TrainingRun
from models.diffusion.distill.consistency import (
    ConsistencyStudent,
    StudentConfig,
    boundary_scalings,
    solver_grid,
    student_samples,
)
from models.diffusion.model import to_model_space
from models.diffusion.samplers import guidance_combine, split_prediction
from models.diffusion.train_diffusion import _lr_factor

NAMES = ("student",)  # what ``python -m models.train NAME`` accepts (``models.core.registry.trainers``)


RUN_DIR = ROOT / "runs" / "student"


def _expand(v: torch.Tensor) -> torch.Tensor:
    return v.view(-1, 1, 1, 1)


def distillation_loss(student, target, teacher, x0, y, noise, index, cfg: StudentConfig, alphas_cumprod):
    """The consistency-distillation loss of one batch: x0 (B, 1, 32, 32), y (B,), noise like x0,
    index (B,) into the solver grid. -> a scalar."""
    grid = solver_grid(cfg.num_train_timesteps, cfg.ddim_timesteps).to(x0.device)
    k = cfg.num_train_timesteps // cfg.ddim_timesteps
    s = grid[index]
    t = (s - k).clamp(min=0)
    a_s, a_t = _expand(alphas_cumprod[s]), _expand(alphas_cumprod[t])
    x_s = a_s.sqrt() * x0 + (1 - a_s).sqrt() * noise
    skip_s, out_s = (_expand(c) for c in boundary_scalings(s))
    skip_t, out_t = (_expand(c) for c in boundary_scalings(t))
    with autocast(x0.device):
        v = student(x_s, s, y).float()
    f_student = skip_s * x_s + out_s * split_prediction(v, x_s, a_s, cfg.prediction_type)[0]
    with torch.no_grad(), autocast(x0.device):
        null = torch.full_like(y, teacher.null_class)
        cond, uncond = teacher(torch.cat([x_s, x_s]), torch.cat([s, s]), torch.cat([y, null])).float().chunk(2)
        x0_hat, eps_hat = split_prediction(guidance_combine(uncond, cond, cfg.guidance), x_s, a_s, cfg.prediction_type)
        x_t = a_t.sqrt() * x0_hat + (1 - a_t).sqrt() * eps_hat
        v_target = target(x_t, t, y).float()
        f_target = skip_t * x_t + out_t * split_prediction(v_target, x_t, a_t, cfg.prediction_type)[0]
    return (((f_student - f_target) ** 2 + cfg.huber_c**2).sqrt() - cfg.huber_c).mean()


def _run(cfg: StudentConfig, run_dir: Path, log, teacher=None):
    """The distillation run: θ (from the teacher's UNet, where one is given), θ⁻ its copy, AdamW and the schedule, the
    data generator -> (run, student, target, opt, sched, gen). θ⁻, pulled towards θ by an EMA, is what ships."""
    run = TrainingRun(run_dir, log, config=cfg)
    student = ConsistencyStudent(cfg)
    if teacher is not None:
        student.unet.load_state_dict(teacher.unet.state_dict())
    target = copy.deepcopy(student).requires_grad_(False).to(run.device)
    opt = torch.optim.AdamW(student.parameters(), lr=cfg.lr, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: _lr_factor(step, cfg))
    student, opt, sched = run.prepare(student, opt, sched)
    gen = run.generator(cfg.seed)
    run.register(target)
    return run, student, target, opt, sched, gen


def student_from_checkpoint(cfg: StudentConfig = StudentConfig(), run_dir: Path = RUN_DIR):
    """θ⁻ of a training run's last checkpoint and its step (to measure a run while it trains)."""
    run, _, target, *_ = _run(cfg, run_dir, lambda *a: None)
    if not run.resume():
        raise FileNotFoundError(f"no checkpoint of the student's training run in {run_dir}")
    return target.eval().requires_grad_(False), run.done


def train_student(cfg: StudentConfig = StudentConfig(), run_dir: Path = RUN_DIR, log=print) -> ConsistencyStudent:
    """-> θ⁻ (eval mode, CPU)."""
    from diffusers import DDPMScheduler

    from models.core.registry import load_model
    from models.measure.metrics import class_accuracy

    torch.manual_seed(cfg.seed)
    device = TrainingRun(None).device
    teacher = load_model(cfg.teacher, device=str(device)).float().requires_grad_(False)
    evaluator = load_model("evaluator", device="cpu")
    run, student, target, opt, sched, gen = _run(cfg, run_dir, log, teacher)
    alphas_cumprod = DDPMScheduler(**teacher.scheduler_config()).alphas_cumprod.to(device)
    x_train, y_train = to_model_space(digit_split().x_train), digit_split().y_train
    running = 0.0
    for step in range(run.resume(), cfg.steps):
        student.train()
        idx = torch.randint(len(x_train), (cfg.batch,), generator=gen)
        x0, y = x_train[idx].to(device), y_train[idx].to(device)
        noise = torch.randn(x0.shape, generator=gen).to(device)
        index = torch.randint(cfg.ddim_timesteps, (cfg.batch,), generator=gen).to(device)
        loss = distillation_loss(student, target, teacher, x0, y, noise, index, cfg, alphas_cumprod)
        run.step(loss, opt, sched, clip=1.0)
        with torch.no_grad():
            for p_target, p in zip(target.parameters(), student.parameters(), strict=True):
                p_target.lerp_(p, 1 - cfg.target_ema)
        running += loss.item()
        if (step + 1) % 50 == 0:
            log(f"step {step + 1}/{cfg.steps} loss {running / 50:.5f} ({run.seconds:.0f}s)")
            running = 0.0
        if (step + 1) % 250 == 0 or step + 1 == cfg.steps:
            labels = torch.arange(100) % 10
            acc = class_accuracy(evaluator, student_samples(target.eval(), labels, 2, seed=123), labels)
            log(f"step {step + 1}: 2-step accuracy {acc:.1%}")
            run.save(step + 1)
    return target.eval().cpu()


def main(name: str = "student", log=print) -> dict:
    from models.core.assets import save_model

    t0 = time.time()
    model = train_student(log=log)
    metrics = {"train_seconds": round(time.time() - t0, 1), "train_steps": model.cfg.steps}
    save_model(
        name, "consistency_student", model, model.cfg, metrics, command=f"python -m models.train {name}", half=True
    )
    log(f"saved {name}; now measure it: python -m benchmarks.fast_sampling --only student")
    return metrics


def card(name: str, cfg: dict, m: dict) -> tuple[str, str]:
    """The model card's row: how the student was distilled and its FID per step count beside its teacher's."""
    what = (
        f"LCM consistency-distilled student of `{cfg['teacher']}` (the same UNet, guidance w = {cfg['guidance']:g} "
        f"folded in, {cfg['ddim_timesteps']}-step DDIM solver grid, Huber c = {cfg['huber_c']:g}), sampled with "
        "diffusers' LCMScheduler"
    )
    metric = (
        f"digits-FID ({m['n']} samples) 1 step {m['fid_1step']:.1f}, **2 steps {m['fid_2step']:.1f}**, 4 steps "
        f"{m['fid_4step']:.1f}; the teacher's DDIM-50 {m['teacher_fid_ddim50']:.1f}, DDIM-2 "
        f"{m['teacher_fid_ddim2']:.1f}; 2-step class accuracy **{100 * m['accuracy_2step']:.1f}%**"
    )
    return what, metric
