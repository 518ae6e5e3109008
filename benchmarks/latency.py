"""Single-visitor latency of every endpoint at its widget defaults: ``python -m benchmarks.latency``.

Starts ``python app.py``, calls each named endpoint once through ``gradio_client`` with the defaults the
page starts with (what a visitor gets by pressing the button at once), and times it, noting whether it
streamed (more than one update). It lists what the issue on lecture use asks about: the actions over ~2 s
on this machine, and which of them still answer in one piece (no progress, no Stop, not cancelled when the
visitor leaves). Writes ``benchmarks/results/latency.md``.
"""

from __future__ import annotations

import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SLOW_S = 2.0
# endpoints not timed: the API page's own, and one that must be given a file to mean anything
SKIPPED = ("/lecture_mode", "/figure_only", "/read_keypoint_file")


def run() -> str:
    from benchmarks.app_process import local_client, running_app
    from benchmarks.machine import describe

    rows = []
    with running_app() as (url, _, _):
        client = local_client(url)
        api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
        for endpoint, info in api.items():
            if endpoint in SKIPPED:
                continue
            values = [p.get("parameter_default") for p in info["parameters"]]
            t0 = time.perf_counter()
            job = client.submit(*values, api_name=endpoint)
            try:
                job.result(timeout=300)
                error = ""
            except Exception as e:  # noqa: BLE001 -- a default that needs a picture, say: listed, not timed
                error = type(e).__name__
            seconds = time.perf_counter() - t0
            rows.append((endpoint, seconds, len(job.outputs()) > 1, error))
    slow = [r for r in rows if r[1] > SLOW_S and not r[3]]
    rows_by_time = sorted(rows, key=lambda r: -r[1])
    lines = [
        f"Machine: {describe()}. One visitor, each endpoint once at the page's defaults.",
        "",
        f"Over {SLOW_S:g} s: {len(slow)} endpoints; in one piece (no progress or Stop): "
        + (", ".join(f"`{e}`" for e, _, streams, _ in slow if not streams) or "none"),
        "",
        "| endpoint | seconds | streams | note |",
        "|---|---|---|---|",
        *(f"| `{e}` | {s:.2f} | {'yes' if st else 'no'} | {err} |" for e, s, st, err in rows_by_time),
    ]
    table = "\n".join(lines)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latency.md").write_text(table + "\n")
    return table


if __name__ == "__main__":
    print(run())
