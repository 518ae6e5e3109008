"""Bad-input sweep through the API: ``python -m benchmarks.bad_input``.

Every public endpoint, one parameter at a time, gets values a script or a confused user could send:
wrong types, missing values, negative and enormous numbers, unknown choices, a corrupt file, a
10,000 x 10,000 picture, an empty drawing. The other parameters keep small valid values. Each call
must come back with a clear message (a ``gr.Error`` text, not Gradio's generic "upstream app raised
an exception") or with a result, quickly, and the app must still serve afterwards. The test suite
runs the same sweep (``tests/test_bad_input_sweep.py``); this script also writes the latency table.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks.summary import record

RESULTS = Path(__file__).resolve().parent / "results"
GENERIC = "upstream Gradio app has raised an exception"

# Small valid values for the parameters whose widget defaults would make a call slow; the sweep
# changes one parameter at a time, so a bad value that is (rightly) ignored runs this quickly.
FAST = {
    "/gan_train": {"steps": 10},  # each step is a streamed frame up to 50: 100 steps held a heavy slot ~8 s
    "/gan_compare": {"variants": ["fix: R1 penalty + rate drop"], "steps": 500},
    "/diffusion_reverse": {"steps": 5, "n": 1},
    "/diffusion_compare": {"n": 1},
    "/cfg_grid": {"classes": ["1"], "scales": "2", "steps": 5, "extra": 0, "third_values": "5"},
    "/cfg_mechanics": {"steps": 5, "at_step": 1},
    "/controlnet_edge": {"steps": 5},
    "/controlnet_pose": {"steps": 5},
    "/ar_sample": {"n": 1},
    "/ar_complete": {"rows": 26, "n": 1},
    "/flow_train": {"steps": 10},
    "/flow_matching": {"steps": 100},
    "/ldm_sample": {"steps": 5, "n": 1},
    "/ldm_compare": {"steps": 5, "n": 1},
    "/ldm_img2img": {"steps": 5},
    "/ldm_inpaint": {"steps": 5, "n": 1},
    "/ldm_negative": {"steps": 5, "n": 2},
    "/fast_sample": {"n": 1},
    "/student_compare": {"n": 1},
    "/upsample": {"base_steps": 5, "up_steps": 5, "n": 1},
    "/t2i_sample": {"steps": 5, "n": 1},
    "/t2i_attention": {"steps": 5},
    "/t2i_negative": {"steps": 5, "at_step": 1},
    "/t2i_swap": {"steps": 5, "n": 1},
    "/t2i_guidance": {"scales": "3", "steps": 5, "n": 1},
}


@dataclasses.dataclass
class Outcome:
    endpoint: str
    parameter: str
    value: str  # a short description of the bad value
    seconds: float
    message: str  # the error text shown to the user, or "" when the call succeeded

    @property
    def clear(self) -> bool:
        return self.message == "" or (GENERIC not in self.message and len(self.message.strip()) > 0)


def bad_files(folder: Path) -> dict[str, Path]:
    """A corrupt 'PNG' and a 10,000 x 10,000 one (100 M pixels; about 100 kB on disk)."""
    folder.mkdir(parents=True, exist_ok=True)
    corrupt = folder / "corrupt.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"this is not a picture" * 50)
    huge = folder / "huge.png"
    if not huge.exists():
        Image.new("L", (10_000, 10_000), 0).save(huge, optimize=False)
    return {"corrupt file": corrupt, "10,000 x 10,000 picture": huge}


def bad_values(component: str, files: dict[str, Path]) -> dict[str, object]:
    from gradio_client import handle_file

    component = component.lower()
    if component in ("slider", "number"):
        return {"text 'abc'": "abc", "missing (null)": None, "-1e9": -1e9, "1e12": 1e12}
    if component == "textbox":
        return {"number 12345": 12345, "missing (null)": None, "200,000 characters": "9," * 100_000}
    if component in ("dropdown", "radio"):
        return {"unknown choice": "no such choice", "missing (null)": None, "number 5": 5}
    if component == "checkbox":
        return {"text 'maybe'": "maybe", "missing (null)": None}
    if component == "checkboxgroup":
        return {"text, not a list": "not a list", "unknown choice": ["no such choice"], "missing (null)": None}
    if component == "image":
        return {name: handle_file(str(p)) for name, p in files.items()}
    if component == "imageeditor":
        empty = {"background": None, "layers": [], "composite": None}
        out = {"empty drawing": empty}
        for name, p in files.items():
            out[name] = {"background": None, "layers": [handle_file(str(p))], "composite": handle_file(str(p))}
        return out
    return {}


def baseline(endpoint: str, params: list[dict]) -> dict[str, object]:
    values = {p["parameter_name"]: p.get("parameter_default") for p in params}
    values.update(FAST.get(endpoint, {}))
    return values


def call(client, endpoint: str, kwargs: dict) -> tuple[float, str]:
    from gradio_client.exceptions import AppError

    t0 = time.perf_counter()
    try:
        client.predict(*kwargs.values(), api_name=endpoint)
        message = ""
    except AppError as e:
        message = str(e) or "(empty message)"
    except Exception as e:  # noqa: BLE001 - anything else is reported as unclear, with its type
        message = f"{GENERIC} [{type(e).__name__}: {e}]"
    return time.perf_counter() - t0, message


def sweep_endpoint(client, endpoint: str, params: list[dict], files: dict[str, Path]) -> list[Outcome]:
    """One endpoint, one parameter at a time, each bad value in turn (one call after the other)."""
    base = baseline(endpoint, params)
    outcomes = []
    for p in params:
        for desc, value in bad_values(p["component"], files).items():
            kwargs = {**base, p["parameter_name"]: value}
            seconds, message = call(client, endpoint, kwargs)
            outcomes.append(Outcome(endpoint, p["parameter_name"], desc, seconds, message))
    return outcomes


def sweep(client, folder: Path, endpoints: list[str] | None = None, visitors: int = 1) -> list[Outcome]:
    """Every endpoint's sweep, in the API's order. ``visitors`` > 1: that many clients (sessions) at
    once, each sweeping whole endpoints, one call at a time (the client waits ~50 ms per call for
    its answer, so one client leaves the app mostly idle); the times then include any wait for a
    slot behind another visitor's call, so the limits on them are no looser."""
    from concurrent.futures import ThreadPoolExecutor
    from queue import Queue

    from benchmarks.app_process import local_client

    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    files = bad_files(folder)
    todo = [(ep, info["parameters"]) for ep, info in api.items() if not endpoints or ep in endpoints]
    clients: Queue = Queue()
    clients.put(client)
    for _ in range(visitors - 1):
        clients.put(local_client(client.src))

    def one(item: tuple[str, list[dict]]) -> tuple[str, list[Outcome]]:
        c = clients.get()
        try:
            return item[0], sweep_endpoint(c, *item, files)
        finally:
            clients.put(c)

    # the endpoints with the most bad values first, so the visitors finish at about the same time
    size = {ep: sum(len(bad_values(p["component"], files)) for p in params) for ep, params in todo}
    with ThreadPoolExecutor(max(1, visitors)) as pool:
        done = dict(pool.map(one, sorted(todo, key=lambda item: -size[item[0]])))
    return [o for ep, _ in todo for o in done[ep]]


def table(outcomes: list[Outcome]) -> str:
    by_endpoint: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_endpoint.setdefault(o.endpoint, []).append(o)
    lines = [
        "| endpoint | bad inputs sent | answered with a message | accepted (ignored or valid) | unclear | "
        "median s | max s |",
        "|---|---|---|---|---|---|---|",
    ]
    for ep, rows in by_endpoint.items():
        t = [o.seconds for o in rows]
        lines.append(
            f"| `{ep}` | {len(rows)} | {sum(o.message != '' and o.clear for o in rows)} | "
            f"{sum(o.message == '' for o in rows)} | {sum(not o.clear for o in rows)} | "
            f"{np.median(t):.2f} | {max(t):.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    import tempfile

    from benchmarks.app_process import local_client, running_app
    from benchmarks.machine import describe

    with running_app() as (url, _, _), tempfile.TemporaryDirectory() as tmp:
        client = local_client(url)
        outcomes = sweep(client, Path(tmp))
    text = f"Machine: {describe()}\n\n{table(outcomes)}\n"
    unclear = [o for o in outcomes if not o.clear]
    if unclear:
        text += "\nUnclear answers:\n" + "\n".join(
            f"- {o.endpoint} {o.parameter} = {o.value}: {o.message}" for o in unclear
        )
    refused = [o.seconds for o in outcomes if o.message]
    record(
        "Bad input",
        "bad values sent to every endpoint's parameters: unclear answers",
        f"{len(unclear)} of {len(outcomes)}",
        "0",
        "python -m benchmarks.bad_input",
    )
    record(
        "Bad input",
        "time to the refusal, median / max",
        f"{np.median(refused):.2f} / {max(refused):.2f} s",
        "a second or two",
        "python -m benchmarks.bad_input",
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bad_input.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
