"""``python -m playground.tabs.controlnet``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.controlnet import TAB

run_alone(TAB)
