"""The plain loops every tab path is timed against: what a diffusers user writes by hand — a
scheduler, a for-loop, one batched guided forward pass per step, nothing recorded — in a precision
given explicitly (not the app's choice), so "the tab's path / a plain fp32 loop" is one ratio.

Also the physical limit of such a loop: its GFLOP (torch's FlopCounterMode on one step, times the
steps) and, from a measured time, the fraction of this machine's matmul peak it reaches.
"""

from __future__ import annotations

import torch

from benchmarks.physical import fraction_of_peak, gflop
from models.diffusion.samplers import make_scheduler


def _step_output(model, x, t, labels, scales, control=None):
    """One guided prediction: 2B images in one pass (labels, then the null class)."""
    both = torch.cat([labels, torch.full_like(labels, model.null_class)])
    x2 = torch.cat([x, x])
    if control is None:
        out = model(x2, t, both)
    else:
        from models.diffusion.control.controlnet import controlled_prediction

        net, maps, control_scales = control
        out = controlled_prediction(
            model, net, x2, t, both, torch.cat([maps, maps]), torch.cat([control_scales, control_scales])
        )
    cond, uncond = out.float().chunk(2)
    w = scales.view(-1, 1, 1, 1)
    return uncond + w * (cond - uncond)


def plain_loop(model, labels, scales, noise, steps: int, precision: str = "fp32", control=None) -> torch.Tensor:
    """DDIM-``steps`` from ``noise`` (B, 1, 32, 32); labels (B,), scales (B,) guidance per sample;
    control: (ControlNet, maps (B, C, 32, 32), conditioning scales (B,)) or None."""
    scheduler = make_scheduler("DDIM", model.scheduler_config())
    scheduler.set_timesteps(steps)
    x = noise
    with torch.inference_mode():
        for t in scheduler.timesteps:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                guided = _step_output(model, x, t, labels, scales, control)
            x = scheduler.step(guided, t, x).prev_sample
    return x


def loop_gflop(model, labels, scales, noise, steps: int, control=None) -> float:
    """GFLOP of ``plain_loop``: one step counted, times the steps (every step is the same call)."""
    t = torch.tensor(500)
    return steps * gflop(lambda: _step_output(model, noise, t, labels, scales, control))


def peak_note(call_gflop: float, seconds: float, precision: str) -> str:
    """'635 GFLOP, 32% of peak' for a table cell."""
    return f"{call_gflop:.0f} GFLOP, {fraction_of_peak(call_gflop, seconds, precision):.0%} of the {precision} peak"
