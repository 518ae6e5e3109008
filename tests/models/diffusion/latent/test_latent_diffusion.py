"""Latent diffusion's maths on tiny configs: the autoencoder's round trip and KL term, the img2img
strength rule against diffusers' own pipeline, inpainting that keeps what it must, and the
negative class reducing to plain CFG."""

from types import SimpleNamespace

import pytest
import torch

from models.diffusion.inpainting import make_repaint_scheduler, preset_fill, repaint_calls, repaint_progressive
from models.diffusion.latent.autoencoder import AutoencoderConfig, DigitAutoencoder, values_ratio
from models.diffusion.latent.latent_diffusion import LatentDiffusionConfig, LatentDigitDiffusion, latent_mask
from models.diffusion.model import DiffusionConfig, DigitDiffusion
from models.diffusion.samplers import guided_model_fn, make_scheduler, sample_progressive, strength_start
from tests.fixtures import TINY_AUTOENCODER, TINY_LATENT_UNET, TINY_UNET

TINY_AE = AutoencoderConfig(**TINY_AUTOENCODER)
TINY_LDM = LatentDiffusionConfig(**TINY_LATENT_UNET)
TINY_PIXEL = DiffusionConfig(**TINY_UNET)
SCHEDULE = DigitDiffusion.scheduler_config(SimpleNamespace(cfg=LatentDiffusionConfig()))


def _randomised(model):
    torch.manual_seed(0)
    for p in model.parameters():  # diffusers zero-initialises some output layers: make every path count
        torch.nn.init.normal_(p, std=0.05)
    return model.eval()


def test_autoencoder_shapes_kl_and_scale():
    ae = DigitAutoencoder(TINY_AE).eval()
    ae.scaling_factor.fill_(0.5)
    x = torch.rand(3, 1, 32, 32) * 2 - 1
    with torch.no_grad():
        dist = ae.posterior(x)
        z = ae.encode(x)
        assert z.shape == (3, 4, 8, 8) == (3, *ae.latent_shape)
        torch.testing.assert_close(z, dist.mean * 0.5)  # the scaled posterior mean
        torch.testing.assert_close(ae.decode(z), ae.vae.decode(dist.mean).sample)  # decode undoes the scale
        # KL(N(μ, σ²) ‖ N(0, I)) in closed form, summed over the latent's values
        kl = 0.5 * (dist.mean**2 + dist.var - 1 - dist.logvar).flatten(1).sum(1)
        torch.testing.assert_close(ae(x, torch.Generator().manual_seed(0))[1], kl)
    assert [values_ratio(AutoencoderConfig(factor=f)) for f in (2, 4, 8)] == [1, 4, 16]


def test_autoencoder_learns_a_round_trip():
    # a few steps on one batch of digits: the L1 loss must fall well below its start
    from models.core.data import digit_split
    from models.diffusion.model import to_model_space

    torch.manual_seed(0)
    ae = DigitAutoencoder(TINY_AE)
    x = to_model_space(digit_split().x_train[:32])
    opt = torch.optim.Adam(ae.parameters(), 3e-3)
    losses = []
    for _ in range(40):
        x_hat, kl = ae(x)
        loss = (x_hat - x).abs().mean() + 1e-6 * kl.mean() / x[0].numel()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]


def _diffusers_get_timesteps():
    """``StableDiffusionImg2ImgPipeline.get_timesteps`` from diffusers' source, compiled alone: the
    pipeline's module imports transformers (CLIP), which this app does not install."""
    import ast
    from pathlib import Path

    import diffusers

    path = Path(diffusers.__file__).parent / "pipelines/stable_diffusion/pipeline_stable_diffusion_img2img.py"
    fn = next(
        n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef) and n.name == "get_timesteps"
    )
    namespace = {}
    exec(compile(ast.Module([fn], type_ignores=[]), str(path), "exec"), namespace)
    return namespace["get_timesteps"]


@pytest.mark.parametrize("sampler", ["DDIM", "DPM-Solver++", "DDPM"])
@pytest.mark.parametrize("steps", [10, 50])
def test_strength_starts_where_diffusers_img2img_pipeline_starts(sampler, steps):
    get_timesteps = _diffusers_get_timesteps()
    for strength in (0.0, 0.13, 0.3, 0.5, 0.77, 1.0):
        ours, theirs = make_scheduler(sampler, SCHEDULE), make_scheduler(sampler, SCHEDULE)
        ours.set_timesteps(steps)
        theirs.set_timesteps(steps)
        timesteps, n = get_timesteps(SimpleNamespace(scheduler=theirs), steps, strength, "cpu")
        first = strength_start(ours, steps, strength)
        torch.testing.assert_close(ours.timesteps[first:], timesteps)
        assert n == len(ours.timesteps[first:]) // ours.order


def test_img2img_runs_the_steps_strength_implies_and_zero_returns_the_input():
    model = _randomised(LatentDigitDiffusion(TINY_LDM))
    start, noise = torch.randn(2, 4, 8, 8), torch.randn(2, 4, 8, 8)
    fn = guided_model_fn(model, torch.tensor([3, 4]), 2.0)
    for strength, expected in ((0.0, 0), (0.3, 6), (1.0, 20)):
        recs = list(
            sample_progressive(
                fn, make_scheduler("DDIM", model.scheduler_config()), noise, 20, start=start, strength=strength
            )
        )
        assert len(recs) == expected
    # s = 1: the first x_t is the input noised to t = 999, almost pure noise (ᾱ ≈ 0)
    rec = next(sample_progressive(fn, make_scheduler("DDIM", model.scheduler_config()), noise, 20, start=start))
    assert rec.t == 999 and (rec.x_t - noise).abs().max() < 1e-3


def test_latent_blending_keeps_the_kept_latent_exactly():
    model = _randomised(LatentDigitDiffusion(TINY_LDM))
    start, noise = torch.randn(2, 4, 8, 8), torch.randn(2, 4, 8, 8)
    fill = latent_mask(preset_fill("bottom half"), 4)
    assert fill.shape == (1, 1, 8, 8) and fill[..., :4, :].sum() == 0 and fill[..., 4:, :].min() == 1
    keep = 1 - fill
    fn = guided_model_fn(model, torch.tensor([3, 4]), 2.0)
    *_, last = sample_progressive(
        fn, make_scheduler("DDIM", model.scheduler_config()), noise, 10, start=start, keep=keep
    )
    torch.testing.assert_close(last.x_prev * keep, start * keep)
    assert (last.x_prev * fill - start * fill).abs().max() > 0.1  # the rest was generated


def test_repaint_keeps_the_known_pixels_and_counts_its_calls():
    model = _randomised(DigitDiffusion(TINY_PIXEL))
    original = torch.rand(2, 1, 32, 32) * 2 - 1
    keep = 1 - preset_fill("top half")
    noise = torch.randn(2, 1, 32, 32)
    fn = guided_model_fn(model, torch.tensor([0, 1]), 2.0)
    recs = list(
        repaint_progressive(
            fn,
            make_repaint_scheduler(model.scheduler_config()),
            original,
            keep,
            noise,
            10,
            jump_length=3,
            jump_n_sample=2,
            generator=torch.Generator().manual_seed(0),
            prediction_type="v_prediction",
        )
    )
    assert len(recs) == recs[0].steps == repaint_calls(10, 3, 2) > 10  # the jumps cost extra calls
    final = recs[-1].x_prev
    assert float(((final - original) * keep).abs().max()) < 1e-5  # RePaint's last step is the original
    assert float(((final - original) * (1 - keep)).abs().max()) > 0.1


def test_negative_class_is_cfg_when_it_is_the_null_class_and_the_formula_otherwise(fp32):
    model = _randomised(LatentDigitDiffusion(TINY_LDM))
    x, t, labels, w = torch.randn(3, 4, 8, 8), torch.tensor(500), torch.tensor([7, 7, 2]), 3.0
    null = torch.full_like(labels, model.null_class)
    torch.testing.assert_close(
        guided_model_fn(model, labels, w, negative=null)(x, t), guided_model_fn(model, labels, w)(x, t)
    )
    negative = torch.tensor([1, 1, 5])
    with torch.no_grad():
        eps_c, eps_neg = model(x, t, labels), model(x, t, negative)
    torch.testing.assert_close(
        guided_model_fn(model, labels, w, negative=negative)(x, t),
        eps_neg + w * (eps_c - eps_neg),
        atol=1e-4,
        rtol=1e-4,
    )
