"""A short version of the load benchmark (``python -m benchmarks.load``): eight visitors use every
tab at once; no request fails and no visitor gets another's result or GAN run."""

from pathlib import Path

import pytest

from benchmarks.load import latency_table, load_round, make_visitors

pytestmark = pytest.mark.e2e


def test_eight_visitors_at_once_no_failure_no_cross_talk(app_url, tmp_path: Path):
    visitors = make_visitors(app_url, 8, tmp_path)
    calls = load_round(visitors, seconds=15)
    failures = [f"visitor {c.visitor} {c.endpoint}: {c.error}" for c in calls if c.error]
    assert not failures, "\n".join(failures) + "\n" + latency_table(calls)
    assert len({c.endpoint for c in calls}) >= 6 and len(calls) >= 16, latency_table(calls)
