"""Torch code of the playground: data, networks, training, sampling, metrics, registry.

Nothing in here imports gradio, plotly or ``playground``: imports flow app -> playground -> models.
Inside, they point down: ``generators`` (the seam) and ``train`` (the CLI) -> a family package
(``vae``, ``gan``, ``autoregressive``, ``flows``, ``diffusion`` with its sub-packages) -> ``measure``
-> ``core`` (``tests/test_architecture.py`` checks it).
"""
