"""One line describing the machine a benchmark ran on: CPU, the flags that decide its speed, cores,
threads, the chosen precision (``models.core.compute``) and GPU, so a table never hides where it was measured."""

from __future__ import annotations

import torch

from models.core import compute


def describe() -> str:
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    flags = ", ".join(compute.cpu_flags()) or "no AVX2"
    plan = compute.compute_plan("cpu")
    caps = compute.isa_caps()
    capped = f" capped to {caps}" if caps else ""
    return (
        f"{compute.cpu_name()} [{flags}]{capped}, {compute.usable_cores()} cores, {gpu}, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads, {plan.precision}: {_basis(plan)})"
    )


def _basis(plan: compute.ComputePlan) -> str:
    """Why, without the measured ratio (it varies run to run; the machine must not)."""
    if plan.basis == "measured":
        return f"bf16 {'measured faster' if plan.bf16 else 'not measured faster'} than fp32 at start"
    return plan.reason
