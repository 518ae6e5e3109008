"""The Gradio UI of the playground: one module per tab plus shared settings, images and plots.

Tab modules build widgets and wire events to callables they are given; the callables (handlers)
validate their inputs and call into ``models``.
"""
