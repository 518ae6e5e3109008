"""``python -m playground.tabs.latent``: this tab alone."""

from playground.tab import run_alone
from playground.tabs.latent import TAB

run_alone(TAB)
