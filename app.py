"""Generative Models Playground: ``python app.py [--host H] [--port P] [--share] [--device auto|cpu|cuda]
[--sd-path DIR]``."""

from __future__ import annotations

# On a ZeroGPU Space, `spaces` must be imported before torch and gradio so that it can patch CUDA
# initialisation; elsewhere it is not installed and nothing happens.
try:
    import spaces  # noqa: F401
except ImportError:
    pass

import argparse
import os


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Serve the Generative Models Playground.")
    p.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"), help="address to listen on")
    p.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", 7860)), help="port")
    p.add_argument("--share", action="store_true", help="also open a public gradio.live link (needs network)")
    p.add_argument(
        "--device",
        default=os.environ.get("PLAYGROUND_DEVICE", "auto"),
        choices=["auto", "cpu", "cuda"],
        help="where the models run; auto = CUDA when present",
    )
    p.add_argument(
        "--sd-path",
        default=os.environ.get("PLAYGROUND_SD_PATH", ""),
        help="a local StableDiffusionPipeline folder for the Text to image tab (e.g. SD 1.5 or SD-Turbo from your "
        "Hugging Face cache, on a GPU); default: the shipped miniature. Nothing is downloaded",
    )
    return p.parse_args(argv)


def limit_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives threads their own malloc arenas, up to 8 per core; Gradio runs every request on a
    worker thread, and with torch's large, short-lived buffers the arenas fragment: under 8 visitors
    the resident memory grew by up to 670 MB per 60-s round, and stayed flat with 2 (``python -m benchmarks.load``).
    Same as MALLOC_ARENA_MAX=2, set here because a Space does not let us set the environment first."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, arenas)  # -8 = M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to limit
        pass


def main(argv=None) -> None:
    args = parse_args(argv)
    limit_malloc_arenas()
    import threading

    import torch

    from models.core.compute import CORES, compute_plan, describe
    from models.core.lazy_imports import resolve_diffusers
    from models.core.registry import configure
    from playground.ui import build_demo, launch_options
    from playground.widgets import heavy_limit

    if args.sd_path:  # read by the tab's handlers (playground.tabs.t2i.prompt.SD_PATH), as if set in the environment
        os.environ["PLAYGROUND_SD_PATH"] = args.sd_path
    resolve_diffusers()
    torch.set_num_threads(CORES.cores)  # the cores this process may use, not the machine's
    device = configure(device=args.device).device
    # Precision is decided before the first visitor waits for it: where the hardware check is not
    # conclusive, timed forward passes on one thread (~1 s), beside building the page on the other
    # core. The page's footer, built last, waits for the choice.
    threading.Thread(target=compute_plan, args=(device,), daemon=True).start()
    demo = build_demo()
    print(f"Compute: {describe(compute_plan(device), heavy_limit())}", flush=True)
    demo.launch(server_name=args.host, server_port=args.port, share=args.share, **launch_options())


if __name__ == "__main__":
    main()
