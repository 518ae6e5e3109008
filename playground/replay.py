"""Replays shared by the tabs that show a process step by step (diffusion steps, a GAN's training,
and later a PixelCNN's pixels or a flow's layers): which steps to keep, and the GIF."""

from __future__ import annotations

import gradio as gr
import numpy as np
from PIL import Image

from playground.files import generated_file

# The scrubber of a live lab (GAN, flows): a snapshot is kept every 100 steps and at the end of every
# streamed view update (about 50 a Train, whatever its length) and every Step: a 200-step Train keeps one
# every 4 steps, a 16,000-step one 201 snapshots.
SNAPSHOT_LABEL = "Replay: snapshot (one per view update while training, and every 100 steps; its step is in the title)"


def chunks(n: int, parts: int) -> list[int]:
    """n training steps in at most ``parts`` nearly equal chunks that add up to n: one streamed view
    update after each (the GAN and flow labs)."""
    parts = min(parts, n)
    return [n // parts + (i < n % parts) for i in range(parts)]


def evenly_spaced(count: int, kept: int) -> np.ndarray:
    """Indices of at most ``kept`` of ``count`` frames, evenly spaced, the first and the last included
    (a film strip or a GIF over a replay of any length)."""
    return np.unique(np.linspace(0, count - 1, kept).round().astype(int))


def scrubber(frames: list) -> gr.Slider:
    """The replay's slider, at the last frame."""
    return gr.Slider(minimum=0, maximum=max(0, len(frames) - 1), value=len(frames) - 1, step=1, interactive=True)


def write_gif(
    frames: list[Image.Image], ms_per_frame: int = 80, hold_last_ms: int = 1200, name: str = "animation.gif"
) -> str:
    """Frames -> a looping GIF in Gradio's cache (pruned with the app's files); returns its path."""
    path = str(generated_file(name))
    durations = [ms_per_frame] * (len(frames) - 1) + [hold_last_ms]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=durations, loop=0)
    return path
