"""A short version of the load benchmark (``python -m benchmarks.load``): eight visitors use every
tab at once; no request fails and no visitor gets another's result or GAN run.

The benchmark has every visitor call every endpoint, for two rounds of a minute. Here the eight
visitors share the twelve actions out, three each (so every endpoint is used by two visitors at
once, with different seeds), all call them at once to record their own results, then all call them
again at once: every seeded result must equal the visitor's own first one, and each GAN run counts
exactly its own steps (checked inside the action)."""

from pathlib import Path

import pytest

from benchmarks.load import latency_table, load_round, make_visitors

pytestmark = pytest.mark.e2e

ACTIONS_EACH = 3


def test_eight_visitors_at_once_no_failure_no_cross_talk(app_url, tmp_path: Path):
    visitors = make_visitors(app_url, 8, tmp_path, actions_each=ACTIONS_EACH)
    assert len({name for v in visitors for name, _ in v.actions}) == 12  # every tab's endpoints
    calls = load_round(visitors, seconds=0, min_calls=ACTIONS_EACH)  # each visitor's actions once more
    failures = [f"visitor {c.visitor} {c.endpoint}: {c.error}" for c in calls if c.error]
    assert not failures, "\n".join(failures) + "\n" + latency_table(calls)
    assert len({c.endpoint for c in calls}) == 12 and len(calls) == 8 * ACTIONS_EACH, latency_table(calls)
