"""How this process computes: the numeric precision of every network call and the CPU threads of
every request, chosen once from what the machine has — checked, then measured — and overridable.

    autocast(device)      # every sampler and trainer runs its networks inside this, never its own
    compute_plan(device)  # the choice and why (logged at start, shown in the page's footer)
    sharing_cores()       # a model-running request: while n of them run, each gets cores // n threads
    fit_threads()         # a long loop calls this per step, so a request that started alone gives
                          # back cores when a second one starts (and takes them again after)

Why not simply bf16 everywhere: where the CPU has bf16 matrix units (AMX, AVX512-BF16) bf16
autocast runs the digits UNet ~1.9x faster than fp32 (batch 32); where it has AVX2 only, oneDNN
emulates bf16 and the same call is 7-20x *slower* (``python -m benchmarks.kernels``). oneDNN's own check
(``torch.ops.mkldnn._is_mkldnn_bf16_supported``) also answers yes on AVX-512 CPUs without bf16
units, where bf16 is converted in software, so a yes is confirmed by a few timed forward passes.

Why threads per request: torch's threads spin-wait for each other, so more threads than cores
stall (a 2-thread convolution fell from 46 to 6 GFLOP/s beside a process holding one core); two
requests sharing 2 cores finish 4-7% sooner than both using every core, and one alone still gets
every core (``python -m benchmarks.concurrency``). Threads are per calling thread in torch's OpenMP
build, so each request sets its own count, at each step.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import torch

log = logging.getLogger(__name__)

PRECISIONS = ("bf16", "fp32")
# What the choice may change in a sample (on [-1, 1], DDIM-10 of the shipped model, tested): bf16
# against fp32 within this mean absolute difference (measured 0.002, max 0.06), the same digits
# read by the evaluator; channels_last against the default layout within 1e-4.
BF16_MEAN_TOLERANCE = 0.01
# bf16 must beat fp32 by this factor in the start-up measurement to be chosen: a smaller gain is
# within the noise of a busy 2-core machine and not worth the rounding.
BF16_MIN_SPEEDUP = 1.15
# CPU flags that matter for the choice, reported beside every timing (lscpu's names).
REPORTED_FLAGS = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile", "avx512_fp16")


@dataclass(frozen=True)
class ComputePlan:
    """device: "cpu" or "cuda"; precision: "bf16" (autocast) or "fp32"; basis: how it was chosen —
    "override" (PLAYGROUND_PRECISION), "no_bf16_units", "measured" (then ``speedup``, bf16's speed
    over fp32's), "forced" (tests and benchmarks) or "other_device"."""

    device: str
    precision: str
    basis: str
    speedup: float | None = None

    @property
    def bf16(self) -> bool:
        return self.precision == "bf16"

    @property
    def reason(self) -> str:
        """Why, in one English line (the log; the page words it in the visitor's language)."""
        if self.basis == "measured":
            return f"bf16 measured {self.speedup:.2f}x as fast as fp32 at start (needs {BF16_MIN_SPEEDUP}x)"
        return {
            "override": "set by PLAYGROUND_PRECISION",
            "no_bf16_units": "no bf16 units (bf16 would be emulated, several times slower)",
            "forced": "forced",
            "other_device": f"no bf16 path on {self.device}",
        }[self.basis]


def cpu_name() -> str:
    """The CPU's model name (lscpu's 'Model name'), or the platform's processor string."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or platform.machine()


def cpu_flags() -> tuple[str, ...]:
    """Which of ``REPORTED_FLAGS`` the CPU has (from /proc/cpuinfo; empty where there is none)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    have = set(line.split(":", 1)[1].split())
                    return tuple(f for f in REPORTED_FLAGS if f in have)
    except OSError:
        pass
    return ()


ISA_CAPS = ("ONEDNN_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY", "MKL_ENABLE_INSTRUCTIONS")


def isa_caps() -> str:
    """The instruction-set caps set in the environment ('' if none): oneDNN, ATen and MKL then run
    as on an older CPU — how an AVX2-only machine is measured on a newer one."""
    return ", ".join(f"{k}={os.environ[k]}" for k in ISA_CAPS if os.environ.get(k))


def usable_cores() -> int:
    """Cores this process may run on (its affinity mask: a container or taskset may allow fewer
    than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def native_bf16(device: torch.device) -> bool:
    """Whether the device claims bf16 arithmetic in hardware (a necessary condition, not sufficient)."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())


# The network the start-up measurement times: the registry's kind of the shipped digits model, at its
# default config. Named by kind, so this module depends on no family package (the registry's table
# says which class the kind is).
PROBE_KIND = "diffusion"


def _probe_unet(device: torch.device) -> torch.nn.Module:
    """A UNet of the shipped digits model's architecture with random weights (the timing depends on
    the shapes, not the weights, and building it reads no file)."""
    from models.core.registry import build

    torch.manual_seed(0)
    return build(PROBE_KIND, {}).eval().requires_grad_(False).to(device)


def measure_bf16_speedup(
    device: torch.device, batch: int = 16, rounds: int = 5, budget_s: float = 2.0, probe=_probe_unet
) -> float:
    """fp32 time / bf16-autocast time of one forward pass of the digits UNet: the fastest of up to
    ``rounds`` interleaved runs each (within ``budget_s``), after a warm-up of each (oneDNN builds
    its kernels on the first call). On the CPU with one thread: the ratio is the matrix units', and
    one thread does not stall when another process holds a core (two threads spin-wait for each
    other, and a start-up beside a busy process then took 16 s instead of 1). The fastest run, not
    the median, for the same reason. ~1 s on 2 cores. probe: device -> the network to time, called
    as ``model(x, t, y)`` with x (batch, 1, 32, 32)."""
    model = probe(device)
    x = torch.randn(batch, 1, 32, 32, device=device)
    t = torch.full((batch,), 500, device=device)
    y = torch.arange(batch, device=device) % 10

    def once(bf16: bool) -> float:
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        with torch.inference_mode(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
            model(x, t, y)
        if device.type == "cuda":
            torch.cuda.synchronize()
        return time.perf_counter() - start

    threads = torch.get_num_threads()
    if device.type == "cpu":
        torch.set_num_threads(1)
    try:
        once(False), once(True)
        best = {False: float("inf"), True: float("inf")}
        deadline = time.perf_counter() + budget_s
        for _ in range(rounds):
            for bf16 in (False, True):
                best[bf16] = min(best[bf16], once(bf16))
            if time.perf_counter() > deadline:
                break
    finally:
        torch.set_num_threads(threads)
    return best[False] / best[True]


def choose_precision(device: torch.device, override: str | None = None, measure=measure_bf16_speedup) -> ComputePlan:
    """The precision for ``device``: the override ("bf16" / "fp32") if given; fp32 where the
    hardware has no bf16; else bf16 only if it measures at least ``BF16_MIN_SPEEDUP`` faster."""
    if override:
        if override not in PRECISIONS:
            raise ValueError(f"PLAYGROUND_PRECISION must be one of auto, {', '.join(PRECISIONS)}, not {override!r}")
        return ComputePlan(device.type, override, "override")
    if device.type not in ("cpu", "cuda"):
        return ComputePlan(device.type, "fp32", "other_device")
    if not native_bf16(device):
        return ComputePlan(device.type, "fp32", "no_bf16_units")
    speedup = measure(device)
    return ComputePlan(device.type, "bf16" if speedup >= BF16_MIN_SPEEDUP else "fp32", "measured", speedup)


_plan_lock = threading.Lock()


@cache
def _plan_for(device_type: str) -> ComputePlan:
    override = os.environ.get("PLAYGROUND_PRECISION", "auto").strip().lower()
    plan = choose_precision(torch.device(device_type), None if override in ("", "auto") else override)
    log.info("compute: %s, %s (%s)", device_type, plan.precision, plan.reason)
    return plan


_forced: dict[str, ComputePlan] = {}


def compute_plan(device: torch.device | str = "cpu") -> ComputePlan:
    """The process's choice for this device type, decided on first use and kept."""
    device_type = torch.device(device).type
    if device_type in _forced:
        return _forced[device_type]
    with _plan_lock:  # two first requests at once measure once
        return _plan_for(device_type)


@contextmanager
def forced_precision(precision: str, device: torch.device | str = "cpu"):
    """Run with ``precision`` for a while, whatever the process chose (tests that compare against
    fp32 arithmetic; benchmarks that time both side by side). Not for handlers: it is process-wide."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    device_type = torch.device(device).type
    before = _forced.get(device_type)
    _forced[device_type] = ComputePlan(device_type, precision, "forced")
    try:
        yield
    finally:
        if before is None:
            _forced.pop(device_type, None)
        else:
            _forced[device_type] = before


def autocast(device: torch.device | str):
    """The one autocast context for network calls: bf16 where the plan chose it, else a no-op."""
    device = torch.device(device)
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=compute_plan(device).bf16)


# ---- threads ---------------------------------------------------------------------------------


def heavy_slots(cores: int | None = None) -> int:
    """How many model-running requests may run at once: 2 (then each gets half the cores) where
    there are 2 or more cores — two at once were measured to finish no later than one after the
    other (``python -m benchmarks.concurrency``) — else 1."""
    cores = usable_cores() if cores is None else cores
    return 2 if cores >= 2 else 1


def threads_for(cores: int, running: int) -> int:
    """Threads for each of ``running`` requests sharing ``cores``: never more threads than cores in all."""
    return max(1, cores // max(1, running))


class CoreShare:
    """Counts the model-running requests in progress and gives each its share of the cores."""

    def __init__(self, cores: int | None = None):
        self.cores = usable_cores() if cores is None else cores
        self.running = 0
        self._lock = threading.Lock()

    def threads(self) -> int:
        return threads_for(self.cores, self.running)

    def fit(self) -> None:
        """Set the calling thread's torch threads to its current share (cheap when unchanged)."""
        n = self.threads()
        if torch.get_num_threads() != n:
            torch.set_num_threads(n)

    @contextmanager
    def request(self):
        with self._lock:
            self.running += 1
        try:
            self.fit()
            yield self
        finally:
            with self._lock:
                self.running -= 1


CORES = CoreShare()


def fit_threads() -> None:
    """Re-fit the calling thread's torch threads to its share (per step of a long loop)."""
    CORES.fit()


def sharing_cores(fn):
    """``fn`` (a handler, plain or generator) run as one request of ``CORES``: its threads fitted at
    each step it yields, so a streaming request follows the others starting and ending."""
    import functools
    import inspect

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen(*args, **kwargs):
            with CORES.request():
                it = fn(*args, **kwargs)
                while True:
                    CORES.fit()  # the next step may run on another worker thread
                    try:
                        item = next(it)
                    except StopIteration as stop:
                        return stop.value
                    yield item

        return gen

    @functools.wraps(fn)
    def call(*args, **kwargs):
        with CORES.request():
            return fn(*args, **kwargs)

    return call


def where(plan: ComputePlan) -> str:
    """'CPU <model> [flags]' or 'CUDA (<GPU>)'."""
    if plan.device == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(0)})"
    return f"CPU {cpu_name()} [{', '.join(cpu_flags()) or 'no AVX2'}]"


def describe(plan: ComputePlan, slots: int) -> str:
    """One line for the start-up log: device, CPU, flags, precision and why, cores and slots."""
    return f"{where(plan)} · {plan.precision} ({plan.reason}) · {CORES.cores} cores, {slots} model requests at once"


def meta_flops(fn, *shapes) -> float:
    """FLOPs of fn on zero inputs of ``shapes``, counted by torch's ``FlopCounterMode`` on the meta
    device: shapes propagate, no arithmetic runs (a 512 x 512 UNet is counted in a fraction of a second)."""
    from torch.utils.flop_counter import FlopCounterMode

    with torch.device("meta"):
        inputs = [torch.zeros(s) if isinstance(s, tuple) else torch.zeros(s, dtype=torch.long) for s in shapes]
    with FlopCounterMode(display=False) as counter:
        fn(*inputs)
    return float(counter.get_total_flops())
