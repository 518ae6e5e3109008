"""Which kernels run the digits UNet fastest on this CPU: ``python -m benchmarks.kernels``.

One forward pass of the shipped diffusion model at batch 32 (a guided step of 16 samples), side by
side, interleaved, medians over ``--repeats``:

- eager PyTorch, fp32 (the reference) and bf16 autocast (emulated where the CPU has no bf16 units);
- eager with ``channels_last`` tensors (oneDNN's preferred layout);
- ``torch.compile`` (inductor; needs a C++ compiler) — its compile time is reported apart, since it
  would be paid at every cold start;
- the graph exported to ONNX and run by ONNX Runtime, and by OpenVINO (both from PyPI, not
  requirements of the app: install them to run those rows; a missing one is reported as such).

Each row also gives the largest difference from the eager fp32 output and the fraction of the
machine's measured matmul peak that the call reaches.
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.physical import gflop, peak_gflops
from benchmarks.summary import record
from benchmarks.timing import interleaved_medians
from models.core import compute

RESULTS = Path(__file__).resolve().parent / "results"
COMMAND = "python -m benchmarks.kernels"


class _Exportable(torch.nn.Module):
    """The UNet with plain tensor inputs and output (what an exporter traces)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, t, y):
        return self.model(x, t, y)


def _inputs(batch: int):
    gen = torch.Generator().manual_seed(0)
    return torch.randn(batch, 1, 32, 32, generator=gen), torch.full((batch,), 500), torch.arange(batch) % 11


def _eager(model, inputs, bf16=False, channels_last=False):
    x, t, y = inputs
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)

    def call():
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            return model(x, t, y).float()

    return call


def _compiled(model, inputs):
    """-> (call, compile seconds) or a reason it is not available."""
    import shutil

    if not shutil.which("gcc") and not shutil.which("cc"):
        return "no C++ compiler"
    compiled = torch.compile(model)
    x, t, y = inputs
    t0 = time.perf_counter()
    with torch.inference_mode():
        compiled(x, t, y)
    return (lambda: _run_inference(compiled, x, t, y)), time.perf_counter() - t0


def _run_inference(fn, x, t, y):
    with torch.inference_mode():
        return fn(x, t, y)


def _export_onnx(model, inputs, path: Path) -> Path:
    torch.onnx.export(
        _Exportable(model),
        inputs,
        str(path),
        input_names=["x", "t", "y"],
        output_names=["v"],
        dynamo=False,
        opset_version=17,
    )
    return path


def _onnxruntime(onnx_path: Path, inputs):
    if importlib.util.find_spec("onnxruntime") is None:
        return "onnxruntime not installed"
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = torch.get_num_threads()
    t0 = time.perf_counter()
    session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
    feed = {"x": inputs[0].numpy(), "t": inputs[1].numpy(), "y": inputs[2].numpy()}
    session.run(None, feed)
    return (lambda: torch.from_numpy(session.run(None, feed)[0])), time.perf_counter() - t0


def _openvino(onnx_path: Path, inputs):
    if importlib.util.find_spec("openvino") is None:
        return "openvino not installed"
    import openvino as ov

    t0 = time.perf_counter()
    core = ov.Core()
    compiled = core.compile_model(
        str(onnx_path), "CPU", {"INFERENCE_NUM_THREADS": torch.get_num_threads(), "INFERENCE_PRECISION_HINT": "f32"}
    )
    feed = [v.numpy() for v in inputs]
    compiled(feed)
    return (lambda: torch.from_numpy(np.asarray(compiled(feed)[0]))), time.perf_counter() - t0


def run(repeats: int = 7, batch: int = 32) -> str:
    from models.core.registry import load_model

    # The default layout as the reference (the registry keeps the UNet in channels_last on the CPU).
    model = _copy(load_model("diffusion", device="cpu")).to(memory_format=torch.contiguous_format)
    inputs = _inputs(batch)
    native = compute.native_bf16(torch.device("cpu"))
    variants = {"eager fp32": _eager(model, inputs)}
    # Where the CPU has no bf16 units this row shows what emulated bf16 costs (what the app avoids).
    variants["eager bf16 autocast" + ("" if native else " (emulated)")] = _eager(model, inputs, bf16=True)
    setup, missing = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        candidates = {"channels_last fp32": lambda: (_eager(_copy(model), inputs, channels_last=True), 0.0)}
        if native:
            candidates["channels_last bf16 autocast"] = lambda: (_eager(_copy(model), inputs, True, True), 0.0)
        candidates["torch.compile (inductor) fp32"] = lambda: _compiled(_copy(model), inputs)
        onnx_path = None
        try:
            onnx_path = _export_onnx(_copy(model), inputs, Path(tmp) / "unet.onnx")
        except Exception as e:  # noqa: BLE001 - an exporter failure is a result to report
            missing["ONNX export"] = f"failed: {type(e).__name__}: {str(e)[:120]}"
        if onnx_path is not None:
            candidates["ONNX Runtime fp32"] = lambda: _onnxruntime(onnx_path, inputs)
            candidates["OpenVINO fp32"] = lambda: _openvino(onnx_path, inputs)
        for name, make in candidates.items():
            try:
                got = make()
            except Exception as e:  # noqa: BLE001
                got = f"failed: {type(e).__name__}: {str(e)[:120]}"
            if isinstance(got, str):
                missing[name] = got
            else:
                variants[name], setup[name] = got
        med = interleaved_medians(variants, repeats)
        reference = variants["eager fp32"]()
        diffs = {k: float((fn().float() - reference).abs().max()) for k, fn in variants.items()}
    x, t, y = inputs
    call_gflop = gflop(lambda: model(x, t, y))
    peaks = {p: peak_gflops(p) for p in (("fp32", "bf16") if native else ("fp32",))}
    base = med["eager fp32"]
    rows = []
    for k, v in med.items():
        peak = peaks["bf16" if "bf16" in k and native else "fp32"]
        rows.append(
            f"| {k} | {v * 1000:.1f} | {base / v:.2f}x | {setup.get(k, 0.0):.1f} | {diffs[k]:.1e} | "
            f"{call_gflop / v:.0f} ({call_gflop / v / peak:.0%}) |"
        )
    rows += [f"| {k} | – | – | – | – | {why} |" for k, why in missing.items()]
    record(
        "Kernels",
        f"UNet forward, batch {batch}: speed of each over eager fp32",
        ", ".join(f"{k} {base / v:.2f}x" for k, v in med.items() if k != "eager fp32"),
        "",
        COMMAND,
    )
    return (
        f"One forward pass of the digits UNet, batch {batch} ({call_gflop:.1f} GFLOP), {torch.get_num_threads()} "
        f"threads, median of {repeats} interleaved runs. Measured matmul peak: "
        + ", ".join(f"{p} {g:.0f} GFLOP/s" for p, g in peaks.items())
        + ".\n\n| kernels | ms | speed vs eager fp32 | set-up s (export/compile, once per start) | "
        "max abs diff vs eager fp32 | GFLOP/s (fraction of peak) |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )


def _copy(model):
    import copy

    return copy.deepcopy(model)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.kernels", description=__doc__)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--out", default=str(RESULTS / "kernels.md"))
    args = p.parse_args(argv)
    from benchmarks.machine import describe

    table = f"Machine: {describe()}\n\n" + run(args.repeats, args.batch)
    print(table)
    Path(args.out).write_text("Measured by `python -m benchmarks.kernels`.\n\n" + table)


if __name__ == "__main__":
    main()
