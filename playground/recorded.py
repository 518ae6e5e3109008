"""Recorded results: what a long comparison showed, kept on disk so a lecturer can show it at once (the full
guidance grid with its trade-off, DDPM-1000 beside DDIM-50), with the live button beside it.

A ``Recording`` names an API handler and the arguments it is recorded with. ``record`` runs the handler (the
last update of a streaming one) in each language and writes its outputs under ``RECORDED_DIR``: pictures as
PNG, a plotly figure as its JSON, texts as they are; ``show`` reads them back in the visitor's language, so a
recorded result is exactly what the live run returned on the recording machine. ``scripts/record_runs.py``
records every one its ``recordings()`` lists.
"""

from __future__ import annotations

import inspect
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
import plotly.graph_objects as go
import plotly.io
from PIL import Image

from models.core.assets import ASSETS_DIR
from playground.compute_note import machine_line
from playground.files import generated_file
from playground.i18n import LANGUAGE, speaking, tr

RECORDED_DIR = ASSETS_DIR / "runs" / "results"
LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class Recording:
    """name: the files' stem; handler: the API handler; args: its arguments, in order (the controls the
    UI sets when it shows the recording, so the screen says what was run)."""

    name: str
    handler: Callable
    args: tuple

    def folder(self, root: Path = RECORDED_DIR) -> Path:
        return root / self.name


def last_output(handler: Callable, args: tuple):
    """The handler's result: its return value, or a streaming handler's last update."""
    out = handler(*args)
    if inspect.isgenerator(out):
        *_, out = out  # the last update is the result
    return out


def _save(value, folder: Path, key: str):
    """One output -> a JSON-able entry (and its files in ``folder``)."""
    if value is None or isinstance(value, int | float | bool):
        return {"kind": "value", "value": value}
    if isinstance(value, Image.Image):
        value.save(folder / f"{key}.png", optimize=True)
        return {"kind": "image", "file": f"{key}.png"}
    if isinstance(value, go.Figure):
        (folder / f"{key}.json").write_text(value.to_json())
        return {"kind": "plot", "file": f"{key}.json"}
    if isinstance(value, list):  # a gallery: [(picture, caption)]
        return {"kind": "gallery", "items": [[_save(p, folder, f"{key}-{i}"), c] for i, (p, c) in enumerate(value)]}
    if isinstance(value, str) and "\n" not in value and len(value) < 1024 and Path(value).is_file():
        name = f"{key}{Path(value).suffix}"
        shutil.copy(value, folder / name)
        return {"kind": "file", "file": name, "name": Path(value).name}  # the name it downloads under
    if isinstance(value, str):
        return {"kind": "text", "value": value}
    raise TypeError(f"cannot record an output of type {type(value).__name__}")


def _load(entry: dict, folder: Path):
    kind = entry["kind"]
    if kind in ("value", "text"):
        return entry["value"]
    if kind == "image":
        return Image.open(folder / entry["file"]).copy()
    if kind == "plot":
        return plotly.io.from_json((folder / entry["file"]).read_text())
    if kind == "gallery":
        return [(_load(p, folder), c) for p, c in entry["items"]]
    # a download, served from Gradio's cache like every generated file, under a name that says what it holds (a
    # recording made before names were kept: its recording's, e.g. cfg-trade-off.png, not out3.png)
    path = generated_file(entry.get("name") or folder.parent.name + Path(entry["file"]).suffix)
    shutil.copy(folder / entry["file"], path)
    return str(path)


def record(rec: Recording, about: dict, root: Path = RECORDED_DIR) -> Path:
    """Run ``rec`` in every language and write its outputs; ``about``: where and how it was made."""
    folder = rec.folder(root)
    shutil.rmtree(folder, ignore_errors=True)
    seconds = {}
    for lang in LANGUAGES:
        (folder / lang).mkdir(parents=True)
        t0 = time.perf_counter()
        with speaking(lang):
            out = last_output(rec.handler, rec.args)
        seconds[lang] = round(time.perf_counter() - t0, 1)
        out = out if isinstance(out, tuple) else (out,)
        entries = [_save(v, folder / lang, f"out{i}") for i, v in enumerate(out)]
        (folder / lang / "outputs.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1))
    about = {"args": list(rec.args), "seconds": seconds["en"], **about}
    (folder / "about.json").write_text(json.dumps(about, ensure_ascii=False, indent=1))
    return folder


def available(rec: Recording, root: Path = RECORDED_DIR) -> bool:
    return all((rec.folder(root) / lang / "outputs.json").exists() for lang in LANGUAGES)


def about(rec: Recording, root: Path = RECORDED_DIR) -> dict:
    return json.loads((rec.folder(root) / "about.json").read_text())


def show(rec: Recording, root: Path = RECORDED_DIR) -> tuple:
    """The recorded outputs, in the visitor's language (a missing recording: a message saying how to make it)."""
    if not available(rec, root):
        raise gr.Error(tr("This recorded result does not ship: `python -m scripts.record_runs` makes it."))
    folder = rec.folder(root) / LANGUAGE.get()
    return tuple(_load(e, folder) for e in json.loads((folder / "outputs.json").read_text()))


def recorded_note(rec: Recording, root: Path = RECORDED_DIR) -> str:
    """The line that says a result is recorded: by what, where, in how long, and how to run it live."""
    a = about(rec, root)
    return tr(
        "**Recorded** by `python -m scripts.record_runs` on {machine}, in {seconds:.0f} s: what the button "
        "beside this one runs live.",
        machine=machine_line(a["machine"]),
        seconds=a["seconds"],
    )
