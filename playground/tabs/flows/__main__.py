"""``python -m playground.tabs.flows``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.flows import TAB

run_alone(TAB)
