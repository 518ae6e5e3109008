"""Ready for Hugging Face Spaces: ``spaces`` is imported before torch and gradio, the model-running
handlers are wrapped in ``spaces.GPU``, and starting the app opens no connection to the outside."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from benchmarks.app_process import ROOT, free_port
from playground.gpu import gpu_task

# A stand-in for the `spaces` package: it records what was imported before it and what it wrapped.
FAKE_SPACES = """
import sys
LOADED_BEFORE = sorted(m for m in ("torch", "gradio", "diffusers") if m in sys.modules)
WRAPPED = []
def GPU(task=None, *, duration=None, **kwargs):
    def wrap(fn):
        WRAPPED.append([fn.__name__, duration])
        return fn
    return wrap(task) if task is not None else wrap
"""

# Start the app like `python app.py` (on a free port), record every outward
# connection attempt (anything but loopback), stop, and print what happened as JSON.
PROBE = """
import json, socket, sys
attempts = []
_connect = socket.socket.connect
def connect(self, address):
    host = address[0] if isinstance(address, tuple) else str(address)
    if host not in ("127.0.0.1", "::1", "localhost", "0.0.0.0"):
        attempts.append(host)
        raise OSError("network disabled by the test")
    return _connect(self, address)
socket.socket.connect = connect
_create = socket.create_connection
def create_connection(address, *a, **k):
    if address[0] not in ("127.0.0.1", "::1", "localhost"):
        attempts.append(address[0])
        raise OSError("network disabled by the test")
    return _create(address, *a, **k)
socket.create_connection = create_connection

import app  # imports spaces first, when installed
import spaces
from models.core.registry import configure
from playground.ui import build_demo
configure(device="cpu")
demo = build_demo()
demo.launch(prevent_thread_lock=True, quiet=True)  # port: GRADIO_SERVER_PORT
demo.close()
print("RESULT " + json.dumps({"before": spaces.LOADED_BEFORE, "wrapped": spaces.WRAPPED, "attempts": attempts}))
"""


def _run_probe(tmp_path) -> dict:
    (tmp_path / "spaces.py").write_text(FAKE_SPACES)
    env = {
        "PYTHONPATH": f"{tmp_path}:{ROOT}",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "GRADIO_ANALYTICS_ENABLED": "False",  # Gradio's usage ping, off as on any offline machine
        "GRADIO_SERVER_PORT": str(free_port()),
    }
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PROBE)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, f"the probe did not finish:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}"
    return json.loads(lines[-1][len("RESULT ") :])


def test_spaces_first_gpu_handlers_wrapped_and_no_download_at_start(tmp_path):
    result = _run_probe(tmp_path)
    assert result["before"] == [], f"imported before spaces: {result['before']}"
    wrapped = {name for name, _ in result["wrapped"]}
    for handler in (
        "gan_train",
        "gan_compare",
        "diffusion_reverse",
        "diffusion_compare",
        "cfg_grid",
        "controlnet_edge",
        "controlnet_pose",
        "vae_decode",
        "gan_snapshot",
    ):
        assert handler in wrapped, f"{handler} is not wrapped in spaces.GPU"
    durations = dict(result["wrapped"])
    assert durations["gan_train"] > durations["vae_decode"], "long requests ask for a longer GPU slot"
    assert result["attempts"] == [], f"starting the app tried to reach {result['attempts']}"


def test_without_spaces_the_wrapper_only_shares_the_cores():
    def handler(x):
        return x

    wrapped = gpu_task(handler)
    assert wrapped.__wrapped__ is handler and wrapped(3) == 3
