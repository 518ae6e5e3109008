"""The tests' stand-ins, in one place (as diffusers' tests keep their dummy configs): tiny model configs that
build in milliseconds and run a forward pass on a CPU core, and a demo holding a single tab.

The configs are plain keyword dicts, so a test builds the config class it is about
(``DiffusionConfig(**TINY_UNET, steps=1)``) and this file imports no model code at collection time.
The builders below import theirs when called.
"""

from __future__ import annotations

import functools

# The digit diffusion UNet at its smallest: three resolutions like the shipped model (so a ControlNet, which copies
# the encoder, has every block kind to copy), widths the 4 norm groups divide, one 8-wide attention head.
TINY_UNET = dict(block_out_channels=(8, 16, 16), attention_head_dim=8, norm_num_groups=4)
# Two resolutions: for the 8x8 inputs of the student and teacher tests and the cascade's upsampler.
TINY_UNET_SHALLOW = dict(block_out_channels=(8, 16), attention_head_dim=8, norm_num_groups=4)
# Latent diffusion: an autoencoder 4x down to 8x8, and a UNet over its 4 latent channels.
TINY_AUTOENCODER = dict(factor=4, width=8, norm_num_groups=4)
TINY_LATENT_UNET = dict(block_out_channels=(16, 32), attention_head_dim=8, norm_num_groups=4)
# The 2-D GAN lab's run as its handler tests train it: big enough to cover a ring's modes in a few hundred steps.
TAB_GAN2D = dict(width=32, depth=2, batch=64)


def tiny_diffusion(seed: int = 0, **over):
    """A randomly initialised ``DigitDiffusion`` on ``TINY_UNET``, in eval mode; ``over`` sets config fields."""
    import torch

    from models.diffusion.model import DiffusionConfig, DigitDiffusion

    torch.manual_seed(seed)
    return DigitDiffusion(DiffusionConfig(**TINY_UNET, **over)).eval()


@functools.cache
def tab_demo(tab_id: str):
    """A ``gr.Blocks`` page holding one tab (``playground.tabs.<tab_id>``) as the app adds it, on CPU. Built once per
    test session: building a tab wires every event, and the tests only read the page's blocks and events."""
    import importlib

    import gradio as gr

    from models.core.registry import configure
    from playground.tab import add_tab

    tab = importlib.import_module(f"playground.tabs.{tab_id}").TAB
    configure("cpu")
    with gr.Blocks() as demo, gr.Tabs():
        add_tab(demo, tab)
    return demo


def by_elem_id(demo) -> dict:
    """The page's blocks by their ``elem_id`` (those that have one)."""
    return {b.elem_id: b for b in demo.blocks.values() if getattr(b, "elem_id", None)}
