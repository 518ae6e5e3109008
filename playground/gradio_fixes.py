"""The one workaround for a Gradio bug, applied when the app is built and only on the Gradio versions that
have it (``AFFECTED``): its image cache rewrites a picture in place.

Gradio saves every output picture to ``<cache>/<hash of its bytes>/image.<fmt>`` with a plain
``write_bytes``, which truncates the file first. When the same picture is produced again while a
browser or client is still fetching it — every visitor in a lecture hall pressing the same default
button, or one visitor repeating a seeded request — the fetch can read the truncated file
(seen in ``python -m benchmarks.load``: "peer closed connection without sending complete message
body (received 0 bytes, expected 6310)"). Here an existing, complete copy is reused, and a new one is
written under a temporary name and renamed into place, as Gradio already does for copied files.

No upstream issue describes this race as such (searched the gradio-app/gradio tracker, December 2026); the
nearest is gradio-app/gradio#7155 ("Response content longer than Content-Length": a cached file that
changed while it was served). ``tests/playground/test_gradio_fixes.py`` runs Gradio's own function and
fails once it no longer rewrites in place: then this file and its gate go.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import gradio
from gradio import processing_utils

# Gradio versions whose ``save_pil_to_cache`` truncates and rewrites an existing file (6.31.0 checked).
AFFECTED = ((6, 0), (6, 32))
STOCK = processing_utils.save_pil_to_cache  # Gradio's own, for the test that watches it


def affected(version: str = gradio.__version__) -> bool:
    major_minor = tuple(int(part) for part in version.split(".")[:2])
    return AFFECTED[0] <= major_minor < AFFECTED[1]


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


def apply() -> bool:
    """Install the fix where the Gradio version has the bug (idempotent); returns whether it did.
    ``save_img_array_to_cache`` and the Image/Gallery components all look the function up on the module,
    so replacing it there covers them."""
    if not affected():
        return False
    processing_utils.save_pil_to_cache = save_pil_to_cache
    return True
