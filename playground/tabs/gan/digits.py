"""Handlers of the digit-DCGAN section: a sample grid at a chosen snapshot of the vanilla
(collapsing) or stabilised run, and the evaluator's class histogram of 1,000 samples."""

from __future__ import annotations

import gradio as gr
import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image

from models.core.registry import default_registry
from models.measure.metrics import class_histogram
from playground import validate
from playground.i18n import tr
from playground.pictures import digit_grid
from playground.tabs.gan.texts import say

DIGIT_RUNS = {"vanilla (collapsing)": "dcgan_vanilla", "stabilised": "dcgan_stable"}
N_SAMPLES = 1000  # classified per snapshot; the histogram's y-axis spans 0 to all of them, for every run and step


def available() -> bool:
    names = default_registry().names()
    return all(v in names for v in DIGIT_RUNS.values())


def snapshot_steps(run: str) -> list[int]:
    name = DIGIT_RUNS[validate.choice(run, list(DIGIT_RUNS), "run")]
    return list(default_registry().load(name).cfg.snapshots)


def _histogram(counts: np.ndarray, entropy: float) -> go.Figure:
    """The class histogram on one fixed y-axis (0 to all the samples, whatever the run or step), so that
    toggling between runs and steps compares bar heights, not rescaled axes."""
    fig = go.Figure(go.Bar(x=list(range(10)), y=counts, marker_color="#9467bd"))
    fig.update_layout(
        title=say("entropy_entropy_2f_nats", entropy=entropy),
        xaxis=dict(title=say("predicted_digit"), dtick=1),
        yaxis=dict(title=say("samples"), range=[0, N_SAMPLES], autorange=False),
        height=300,
        margin=dict(l=40, r=10, t=50, b=40),
    )
    return fig


@torch.inference_mode()
def gan_snapshot(run: str, step, seed):
    """API /gan_snapshot: (run, training step, seed) -> (8x8 sample grid, class histogram, summary)."""
    name = DIGIT_RUNS[validate.choice(run, list(DIGIT_RUNS), "run")]
    bundle = default_registry().load(name)
    steps = list(bundle.cfg.snapshots)
    step = validate.number(step, 0, max(steps), "training step", integer=True)
    if step not in steps:
        raise gr.Error(say("snapshots_exist_steps_steps", steps=", ".join(map(str, steps)), step=step))
    seed = validate.number(seed, 0, 2**31 - 1, "seed", integer=True)
    x = bundle.sample(step, N_SAMPLES, seed).float()
    counts, entropy = class_histogram(default_registry().load("evaluator"), x)
    grid = Image.fromarray(digit_grid(x[:64].cpu(), 8, 8)).resize((448, 448), Image.NEAREST)
    top = int(np.argmax(counts))
    summary = say(
        "run_step_step_class",
        run=tr(run),
        step=step,
        entropy=entropy,
        top=top,
        share=100 * counts[top] / N_SAMPLES,
    )
    return grid, _histogram(counts, entropy), summary
