"""The physical limit a call is measured against: the FLOPs it needs and the machine's measured peak.

    gflop(fn)            # GFLOP of one call of fn, counted by torch's FlopCounterMode
    peak_gflops("fp32")  # this machine's matmul rate with this process's threads, GFLOP/s

A call's *fraction of peak* is gflop / seconds / peak: how close the kernels come to what the
matrix units can do. Small convolutions (8-96 channels at 8-32 pixels) stay far below a large
matmul's rate; the fraction says how much a better kernel could still win, and fewer FLOPs win the rest.
"""

from __future__ import annotations

import time
from functools import cache

import torch


def gflop(fn) -> float:
    """GFLOP of one call of ``fn()`` (multiply-adds count 2), as torch's FlopCounterMode sees it."""
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter, torch.inference_mode():
        fn()
    return counter.get_total_flops() / 1e9


@cache
def peak_gflops(precision: str = "fp32", n: int = 1024, repeats: int = 20) -> float:
    """The best of ``repeats`` (n x n) @ (n x n) matmuls, GFLOP/s, in fp32 or bf16 (bf16 tensors
    directly, as autocast runs them), with the calling thread's torch threads."""
    dtype = {"fp32": torch.float32, "bf16": torch.bfloat16}[precision]
    gen = torch.Generator().manual_seed(0)
    a, b = (torch.randn(n, n, generator=gen).to(dtype) for _ in range(2))
    best = float("inf")
    for _ in range(repeats + 2):
        t0 = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t0)
    return 2 * n**3 / best / 1e9


def fraction_of_peak(call_gflop: float, seconds: float, precision: str) -> float:
    return call_gflop / seconds / peak_gflops(precision)
