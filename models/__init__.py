"""Torch code of the playground: data, networks, training, sampling, metrics, registry.

Nothing in here imports gradio, plotly or ``playground``: imports flow app -> playground -> models.
"""
