"""``python -m playground.tabs.diffusion``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.diffusion import TAB

run_alone(TAB)
