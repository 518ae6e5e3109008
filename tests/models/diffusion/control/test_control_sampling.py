"""Sampling under a ControlNet and the fidelity measures, on tiny models built in memory."""

import numpy as np
import pytest
import torch

from models.diffusion.control.control_sampling import ControlRequest, controlled_samples, edge_fidelity, pose_fidelity
from models.diffusion.control.controlnet import ControlNetConfig, DigitControlNet
from models.diffusion.control.controls import canny_map
from models.diffusion.control.figures import PRESETS, fit_to_canvas, keypoints, render, render_keypoints
from models.diffusion.guidance_grid import seed_noise
from models.diffusion.model import DiffusionConfig, DigitDiffusion
from models.diffusion.samplers import guided_model_fn, make_scheduler, sample
from tests.fixtures import TINY_UNET

TINY = DiffusionConfig(**TINY_UNET)


@pytest.fixture(scope="module")
def models():
    torch.manual_seed(0)
    base = DigitDiffusion(TINY).eval()
    net = DigitControlNet(ControlNetConfig(kind="edge", conditioning_channels=1, base=TINY), base).eval()
    with torch.no_grad():  # make the zero convolutions act, so the scale has something to scale
        for p in net.controlnet.controlnet_down_blocks.parameters():
            p.normal_(0, 0.2)
        for p in net.controlnet.controlnet_mid_block.parameters():
            p.normal_(0, 0.2)
    return base, net


def test_scale_zero_is_the_base_model_and_other_scales_differ(models):
    base, net = models
    control = torch.from_numpy(canny_map(render(PRESETS["waving"]).image)).float()[None]
    req = ControlRequest(control, label=3, scales=(0.0, 1.0, 0.0), seeds=(5, 5, 6), guidance=2.0, steps=4)
    out = controlled_samples(base, net, req)
    assert out.shape == (3, 32, 32) and 0 <= float(out.min()) and float(out.max()) <= 1
    scheduler = make_scheduler("DDIM", base.scheduler_config())
    plain = sample(guided_model_fn(base, torch.tensor([3]), 2.0), scheduler, seed_noise((5,)), 4)
    torch.testing.assert_close(out[0], ((plain[0, 0].float() + 1) / 2).clamp(0, 1), atol=2e-2, rtol=0)  # bf16
    assert (out[1] - out[0]).abs().max() > 0.05  # the ControlNet steers
    assert (out[2] - out[0]).abs().max() > 0.05  # another seed is another start


def test_guidance_window_outside_the_run_switches_the_controlnet_off(models):
    base, net = models
    control = torch.ones(1, 32, 32)
    on = controlled_samples(base, net, ControlRequest(control, 1, (1.0,), (0,), steps=4))
    off = controlled_samples(base, net, ControlRequest(control, 1, (1.0,), (0,), steps=4, start=1.0, end=1.0))
    zero = controlled_samples(base, net, ControlRequest(control, 1, (0.0,), (0,), steps=4))
    torch.testing.assert_close(off, zero, atol=2e-2, rtol=0)  # bf16: the same up to rounding
    assert (on - off).abs().max() > 0.05


def test_render_keypoints_draws_the_same_figure_as_the_pose():
    for pose in PRESETS.values():
        fig = render(pose)
        pts, _ = fit_to_canvas(keypoints(pose), 32)
        np.testing.assert_array_equal(render_keypoints(pts, 32), fig.image)
        assert pose_fidelity(fig.image, fig.image) == 1.0


def test_fidelity_known_answers():
    fig = render(PRESETS["t-pose"])
    assert edge_fidelity(fig.image, canny_map(fig.image)) == 1.0
    assert edge_fidelity(np.zeros((32, 32)), canny_map(fig.image)) == 0.0
    assert pose_fidelity(np.zeros((32, 32)), fig.image) == 0.0
    shifted = np.roll(fig.image, 6, axis=1)
    assert 0 < pose_fidelity(shifted, fig.image) < 0.7
