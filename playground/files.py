"""Where generated files (GIFs, grid PNGs, keypoint JSON) are written: inside Gradio's cache folder.

Gradio serves a returned file from its cache; a file already there is served as is and is pruned
with the app's other temporary files (``delete_cache``). A file written anywhere else would be
copied into the cache and the original left behind for ever."""

from __future__ import annotations

import uuid
from pathlib import Path

from gradio.utils import get_upload_folder


def generated_file(name: str) -> Path:
    """A fresh path ``<gradio cache>/playground/<random>/<name>``; the folder exists, the file not yet.
    A folder per file keeps the name the user downloads (``cfg_grid.png``) without collisions."""
    folder = Path(get_upload_folder()) / "playground" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
