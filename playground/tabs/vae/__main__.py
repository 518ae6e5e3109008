"""``python -m playground.tabs.vae``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.vae import TAB

run_alone(TAB)
