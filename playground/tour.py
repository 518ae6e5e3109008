"""A tab's guided tour: 3–6 numbered steps of Markdown, each opening with a deep link that puts the tab in
that state and presses its button. ``?tab=<id>&tour=<n>`` follows step n (``deep_links``).

    TOUR = '''
    **Guided tour**
    1. [The collapse preset](?tab=gan-lab&gan-preset=...&run=gan-train): one blob hopping round the ring.
    2. ...
    '''
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from playground.i18n import tr

STEP = re.compile(r"^\s*(\d+)\.\s+(.*?)(?=^\s*\d+\.\s|\Z)", re.M | re.S)
LINK = re.compile(r"\]\((\?(?:[^()\s]|\([^()\s]*\))+)\)")  # a link's URL may hold balanced parentheses


def steps(tour: str) -> list[str]:
    """The numbered steps of a tour's Markdown, in order."""
    return [m.group(2).strip() for m in STEP.finditer(tour or "")]


def step_query(tour: str, n: int) -> dict[str, str]:
    """The deep-link parameters of step ``n`` (1-based): its first link. Raises ValueError with a reason."""
    all_steps = steps(tour)
    if not 1 <= n <= len(all_steps):
        raise ValueError(tr("tour steps are 1–{n}", n=len(all_steps)))
    link = LINK.search(all_steps[n - 1])
    if link is None:
        raise ValueError(tr("step {n} has no link", n=n))
    return dict(parse_qsl(link.group(1)[1:]))
