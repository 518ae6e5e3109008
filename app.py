"""Generative Models Playground: ``python app.py [--host H] [--port P] [--share] [--device auto|cpu|cuda]``."""

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
    return p.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    from models.registry import configure
    from playground.ui import build_demo, launch_options

    configure(device=args.device)
    demo = build_demo()
    demo.launch(server_name=args.host, server_port=args.port, share=args.share, **launch_options())


if __name__ == "__main__":
    main()
