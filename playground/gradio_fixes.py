"""A fix to Gradio 6.31's image cache, applied when the app is built.

Gradio saves every output picture to ``<cache>/<hash of its bytes>/image.<fmt>`` with a plain
``write_bytes``, which truncates the file first. When the same picture is produced again while a
browser or client is still fetching it — every visitor in a lecture hall pressing the same default
button, or one visitor repeating a seeded request — the fetch can read the truncated file
(seen in ``python -m benchmarks.load``: "peer closed connection without sending complete message
body (received 0 bytes, expected 6310)"). Here an existing, complete copy is reused, and a new one is
written under a temporary name and renamed into place, as Gradio already does for copied files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gradio import processing_utils


def save_pil_to_cache(img, cache_dir: str, name: str = "image", format: str = "webp") -> str:  # noqa: A002
    data = processing_utils.encode_pil_to_bytes(img, format)
    folder = Path(cache_dir) / processing_utils.hash_bytes(data)
    folder.mkdir(exist_ok=True, parents=True)
    path = (folder / f"{name}.{format}").resolve()
    if path.exists() and path.stat().st_size == len(data):
        try:
            os.utime(path)  # delete_cache ages files by time: a picture handed out again is young again
        except OSError:
            pass
        return str(path)
    fd, staging = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return str(path)


def apply() -> None:
    """Install the fix (idempotent). ``save_img_array_to_cache`` and the Image/Gallery components
    all look the function up on the module, so replacing it there covers them."""
    processing_utils.save_pil_to_cache = save_pil_to_cache
