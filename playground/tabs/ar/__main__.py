"""``python -m playground.tabs.ar``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.ar import TAB

run_alone(TAB)
