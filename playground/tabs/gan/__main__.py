"""``python -m playground.tabs.gan``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.gan import TAB

run_alone(TAB)
