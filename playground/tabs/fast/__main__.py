"""``python -m playground.tabs.fast``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.fast import TAB

run_alone(TAB)
