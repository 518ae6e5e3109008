"""One line describing the machine a benchmark ran on: CPU, the flags that decide its speed, cores,
threads, the chosen precision (``models.compute``) and GPU, so a table never hides where it was measured."""

from __future__ import annotations

import torch

from models import compute


def describe() -> str:
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    flags = ", ".join(compute.cpu_flags()) or "no AVX2"
    plan = compute.compute_plan("cpu")
    caps = compute.isa_caps()
    capped = f" capped to {caps}" if caps else ""
    return (f"{compute.cpu_name()} [{flags}]{capped}, {compute.usable_cores()} cores, {gpu}, torch {torch.__version__} "
            f"({torch.get_num_threads()} threads, {plan.precision}: {plan.reason})")  # fmt: skip
