"""The Gradio UI of the playground: one module per tab plus shared settings, images and plots.

Tab modules build widgets and wire events to callables they are given; the callables (handlers)
validate their inputs and call into ``models``.
"""

from playground.pictures import use_app_font_in_plots

use_app_font_in_plots()  # before any tab builds a figure
