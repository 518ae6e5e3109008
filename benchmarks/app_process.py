"""Start ``python app.py`` in its own process, as a user does, and time it to its first page.
Used by the benchmarks and by the end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App(NamedTuple):
    url: str
    seconds: float  # from process start to the first 200 of the page
    pid: int


def rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def local_client(url: str):
    """A ``gradio_client.Client`` for the app started here. It is served over plain HTTP on this
    machine, so there is no certificate to check; with the default ``ssl_verify=True`` httpx loads
    the CA bundle for every one of the client's requests (~20 ms of CPU each, several per call)."""
    from gradio_client import Client

    return Client(url, verbose=False, ssl_verify=False)


@contextmanager
def running_app(timeout: float = 180.0, log_path: Path | None = None, extra_env: dict | None = None):
    """Yields App(url, seconds to the first page, pid)."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", **(extra_env or {})}
    log = open(log_path, "w") if log_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port), "--device", "cpu"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited with code {proc.returncode} before serving (log: {log_path})")
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError(f"app.py did not serve its page within {timeout:.0f} s")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        yield App(url, time.perf_counter() - t0, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
