"""``python -m playground.tabs.cfg``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.cfg import TAB

run_alone(TAB)
