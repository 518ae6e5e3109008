"""The progressive sampler on a tiny random UNet: one record per step with the right shapes, the
same result as a plain diffusers loop and as diffusers' own DDIM pipeline, and the guidance maths."""

import pytest
import torch

from models.diffusion.model import CONTEXT_DIM
from models.diffusion.samplers import (
    SAMPLERS,
    guidance_combine,
    guided_model_fn,
    make_scheduler,
    predict_x0,
    rescale_guided,
    sample,
    sample_progressive,
    split_prediction,
)
from tests.fixtures import tiny_diffusion


@pytest.fixture(autouse=True)
def _fp32(fp32):
    """The guidance and sampler maths are checked against fp32 arithmetic."""


@pytest.fixture(scope="module")
def tiny():
    return tiny_diffusion()


def _noise(n=2, seed=0):
    return torch.randn(n, 1, 32, 32, generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("name", SAMPLERS)
def test_one_record_per_step_with_the_right_shapes(tiny, name):
    eps_fn = guided_model_fn(tiny, torch.tensor([3, 7]), 2.0)
    scheduler = make_scheduler(name, tiny.scheduler_config())
    records = list(sample_progressive(eps_fn, scheduler, _noise(), 6, generator=torch.Generator().manual_seed(1)))
    assert [r.index for r in records] == list(range(6)) and all(r.steps == 6 for r in records)
    ts = [r.t for r in records]
    assert ts == sorted(ts, reverse=True) and ts[0] == 999
    for r in records:
        for x in (r.x_t, r.x0_hat, r.eps_hat, r.x_prev):
            assert x.shape == (2, 1, 32, 32) and x.dtype == torch.float32 and torch.isfinite(x).all()
    for a, b in zip(records, records[1:], strict=False):
        torch.testing.assert_close(a.x_prev, b.x_t)  # each step starts where the last ended


@pytest.mark.parametrize("name", SAMPLERS)
def test_sample_is_the_progressive_loops_end(tiny, name):
    eps_fn = guided_model_fn(tiny, torch.tensor([1, 2]), 3.0)
    gen = lambda: torch.Generator().manual_seed(5)  # noqa: E731
    records = list(
        sample_progressive(eps_fn, make_scheduler(name, tiny.scheduler_config()), _noise(), 5, generator=gen())
    )
    final = sample(eps_fn, make_scheduler(name, tiny.scheduler_config()), _noise(), 5, generator=gen())
    torch.testing.assert_close(final, records[-1].x_prev)


def test_plain_diffusers_loop_gives_the_same_samples(tiny):
    labels = torch.tensor([4, 9])
    scheduler = make_scheduler("DDIM", tiny.scheduler_config())
    scheduler.set_timesteps(8)
    x = _noise()
    with torch.inference_mode():
        for t in scheduler.timesteps:
            eps = tiny.unet(
                torch.cat([x, x]),
                t,
                encoder_hidden_states=torch.zeros(4, 1, CONTEXT_DIM),
                class_labels=torch.tensor([4, 9, 10, 10]),
            ).sample
            cond, uncond = eps.chunk(2)
            x = scheduler.step(uncond + 2.5 * (cond - uncond), t, x).prev_sample
    ours = sample(guided_model_fn(tiny, labels, 2.5), make_scheduler("DDIM", tiny.scheduler_config()), _noise(), 8)
    torch.testing.assert_close(ours, x, rtol=1e-4, atol=1e-5)


def test_matches_diffusers_ddim_pipeline_on_an_unconditional_unet():
    from diffusers import DDIMPipeline, DDIMScheduler, UNet2DModel

    torch.manual_seed(0)
    unet = UNet2DModel(
        sample_size=16,
        in_channels=1,
        out_channels=1,
        block_out_channels=(8, 16),
        down_block_types=("DownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "UpBlock2D"),
        layers_per_block=1,
        norm_num_groups=4,
    ).eval()
    config = {"num_train_timesteps": 1000, "beta_schedule": "squaredcos_cap_v2", "prediction_type": "epsilon"}
    pipe = DDIMPipeline(unet=unet, scheduler=DDIMScheduler(**config, clip_sample=False, timestep_spacing="trailing"))
    pipe.set_progress_bar_config(disable=True)
    expected = pipe(
        batch_size=2, generator=torch.Generator().manual_seed(3), num_inference_steps=10, eta=0.0, output_type="np"
    ).images
    noise = torch.randn(2, 1, 16, 16, generator=torch.Generator().manual_seed(3))
    with torch.inference_mode():
        ours = sample(lambda x, t: unet(x, t).sample, make_scheduler("DDIM", config), noise, 10)
    ours = (ours / 2 + 0.5).clamp(0, 1).permute(0, 2, 3, 1).numpy()
    assert abs(ours - expected).max() < 1e-5


def test_guidance_combination_formula_and_its_ends():
    u, c = torch.randn(3, 1, 4, 4), torch.randn(3, 1, 4, 4)
    torch.testing.assert_close(guidance_combine(u, c, 0.0), u)
    torch.testing.assert_close(guidance_combine(u, c, 1.0), c)
    torch.testing.assert_close(guidance_combine(u, c, 4.0), u + 4.0 * (c - u))
    assert all(
        type(guidance_combine(u, c, w)) is torch.Tensor and guidance_combine(u, c, w).shape == u.shape
        for w in (0, 1, 7.5)
    )


def test_guided_eps_is_one_batched_forward_pass(tiny):
    calls = []
    handle = tiny.unet.register_forward_hook(lambda m, args, out: calls.append(args[0].shape[0]))
    try:
        sample(
            guided_model_fn(tiny, torch.tensor([0, 1, 2]), 2.0),
            make_scheduler("DDIM", tiny.scheduler_config()),
            _noise(3),
            4,
        )
    finally:
        handle.remove()
    assert calls == [6, 6, 6, 6]  # 4 steps, each cond + uncond of 3 images in one pass


def test_guidance_at_one_is_the_conditional_model(tiny):
    x, t = _noise(2), torch.tensor(500)
    with torch.inference_mode():
        cond = tiny(x, t, torch.tensor([5, 6]))
    torch.testing.assert_close(guided_model_fn(tiny, torch.tensor([5, 6]), 1.0)(x, t), cond, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("prediction_type", ["epsilon", "v_prediction"])
def test_split_prediction_matches_ddims_x0_and_recovers_the_truth(prediction_type):
    config = {"num_train_timesteps": 1000, "beta_schedule": "squaredcos_cap_v2", "prediction_type": prediction_type}
    scheduler = make_scheduler("DDIM", config)
    scheduler.set_timesteps(10)
    t = scheduler.timesteps[3]
    a = scheduler.alphas_cumprod[t]
    x0, eps = torch.rand(2, 1, 8, 8) * 2 - 1, torch.randn(2, 1, 8, 8)
    x_t = a.sqrt() * x0 + (1 - a).sqrt() * eps
    truth = eps if prediction_type == "epsilon" else a.sqrt() * eps - (1 - a).sqrt() * x0  # v
    x0_hat, eps_hat = split_prediction(truth, x_t, a, prediction_type)
    torch.testing.assert_close(x0_hat, x0, rtol=1e-4, atol=1e-4)
    torch.testing.assert_close(eps_hat, eps, rtol=1e-4, atol=1e-4)
    torch.testing.assert_close(scheduler.step(truth, t, x_t).pred_original_sample, x0_hat)
    if prediction_type == "epsilon":
        torch.testing.assert_close(predict_x0(x_t, eps, a), x0_hat)


def test_clip_sample_changes_ddim_and_is_off_by_default(tiny):
    assert make_scheduler("DDIM", tiny.scheduler_config()).config.clip_sample is False
    assert make_scheduler("DDIM", tiny.scheduler_config(), clip_sample=True).config.clip_sample is True


def test_unknown_sampler_is_refused(tiny):
    with pytest.raises(ValueError, match="sampler must be one of"):
        make_scheduler("Euler", tiny.scheduler_config())


def test_per_sample_scales_match_one_scale_at_a_time():
    u, c = torch.randn(3, 1, 4, 4), torch.randn(3, 1, 4, 4)
    both = guidance_combine(u, c, torch.tensor([0.0, 1.0, 5.0]))
    for i, w in enumerate((0.0, 1.0, 5.0)):
        torch.testing.assert_close(both[i], guidance_combine(u[i], c[i], w))


def test_cfg_rescale_restores_the_conditional_std():
    cond = torch.randn(2, 1, 8, 8)
    guided = 5 * torch.randn(2, 1, 8, 8)
    torch.testing.assert_close(rescale_guided(guided, cond, 0.0), guided)
    full = rescale_guided(guided, cond, 1.0)
    torch.testing.assert_close(full.std(dim=(1, 2, 3)), cond.std(dim=(1, 2, 3)))


def test_two_pass_guidance_equals_the_batched_one(tiny):
    labels, x, t = torch.tensor([2, 5]), _noise(2), torch.tensor(300)
    one = guided_model_fn(tiny, labels, 3.0)(x, t)
    two = guided_model_fn(tiny, labels, 3.0, batched=False)(x, t)
    torch.testing.assert_close(one, two, rtol=1e-4, atol=1e-5)
