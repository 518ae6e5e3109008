"""A benchmark measured in sections (``--only``): its results file keeps the sections not rerun,
and the finished file is labelled with the machine of the latest run."""

from __future__ import annotations

import json
from pathlib import Path

# The Markdown twin of every sectioned benchmark, wherever its JSON lives.
REPORTS = Path(__file__).resolve().parent / "results"


class SectionResults:
    def __init__(self, path: Path):
        self.path = path
        self.data = json.loads(path.read_text()) if path.exists() else {}

    def save(self, section: str, value) -> None:
        """Keep one section's value, written at once (a long run loses nothing when killed)."""
        self.data[section] = value
        self.path.parent.mkdir(exist_ok=True)
        self.path.write_text(json.dumps(self.data, indent=1) + "\n")

    def finish(self, sections, record, markdown) -> None:
        """Label with this machine, record the headline rows of ``sections``, write and print the
        Markdown twin. record: (data, sections) -> None; markdown: (data, machine) -> str."""
        from benchmarks.machine import describe

        self.save("machine", describe())
        record(self.data, sections)
        text = markdown(self.data, self.data["machine"])
        (REPORTS / f"{self.path.stem}.md").write_text(text + "\n")  # the JSON may live in assets/results
        print(text)
