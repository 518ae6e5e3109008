"""``python -m playground.tabs.t2i``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.t2i import TAB

run_alone(TAB)
