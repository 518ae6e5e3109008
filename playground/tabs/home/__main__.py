"""``python -m playground.tabs.home``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.home import TAB

run_alone(TAB)
