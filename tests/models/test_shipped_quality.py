"""The shipped weights still meet the claims of docs/model-card.md and docs/tabs.md (measured on the test split)."""

import pytest
import torch

from models.core.data import digit_split
from models.core.registry import Registry
from models.measure.metrics import class_accuracy, class_histogram, digits_fid

pytestmark = pytest.mark.shipped

REG = Registry(device="cpu")


def test_evaluator_held_out_accuracy():
    s = digit_split()
    assert class_accuracy(REG.load("evaluator"), s.x_test, s.y_test) >= 0.975


def test_high_dim_vae_reconstructions_are_recognised():
    s = digit_split()
    vae = REG.load("vae16")
    with torch.inference_mode():
        recon = vae.decode(vae.encode(s.x_test)[0])
    assert class_accuracy(REG.load("evaluator"), recon, s.y_test) >= 0.90


def test_fid_and_histogram_behave():
    s = digit_split()
    ev = REG.load("evaluator")
    same = digits_fid(ev, s.x_test, s.x_test)
    train_vs_test = digits_fid(ev, s.x_train[:500], s.x_test)
    noise = digits_fid(ev, torch.rand(500, 1, 28, 28), s.x_test)
    assert abs(same) < 1e-3 and train_vs_test < noise / 10
    counts, entropy = class_histogram(ev, s.x_test)
    assert counts.sum() == 500 and entropy > 2.2  # near log(10) = 2.30 for a balanced set
    ones = s.x_test[s.y_test == 1]
    assert class_histogram(ev, ones)[1] < 0.3  # a collapsed "generator" has low entropy


def test_digit_gan_snapshots_show_collapse_and_its_fix():
    ev = REG.load("evaluator")
    final = {}
    for name in ("dcgan_vanilla", "dcgan_stable"):
        bundle = REG.load(name)
        last = max(bundle.cfg.snapshots)
        with torch.inference_mode():
            final[name] = class_histogram(ev, bundle.sample(last, 1000, seed=0).float())
    (van_counts, van_h), (st_counts, st_h) = final["dcgan_vanilla"], final["dcgan_stable"]
    assert (van_counts == 0).sum() >= 2  # whole digits never generated
    assert (st_counts >= 30).all() and st_h > 2.15 > van_h + 0.5  # every digit, near-uniform (log 10 = 2.30)


def test_shipped_diffusion_model_loads_offline_and_samples_its_class():
    # A short guided DDIM run (20 steps, 20 samples, two per class) is recognised by the evaluator
    # for most samples; the full claim (≥ 98% over 1,000 DDIM-50 samples) is in models.diffusion.eval_diffusion.
    from models.diffusion.eval_diffusion import balanced_labels, generate
    from models.diffusion.model import to_digit_space

    model = REG.load("diffusion")
    labels = balanced_labels(20)
    x = generate(model, labels, model_info_scale(), "DDIM", 20, seed=0)
    assert x.shape == (20, 1, 28, 28) and 0 <= float(x.min()) and float(x.max()) <= 1
    assert class_accuracy(REG.load("evaluator"), x, labels) >= 0.85
    assert to_digit_space(torch.zeros(1, 1, 32, 32)).shape == (1, 1, 28, 28)


def model_info_scale() -> float:
    return float(REG.info("diffusion")["metrics"].get("recommended_guidance", 2.0))


def test_shipped_2d_diffusion_covers_the_ring():
    from models.core.toy2d import TOY_SETS
    from models.diffusion.samplers import make_scheduler, sample
    from models.measure.mode_coverage import mode_coverage

    bundle = REG.load("diffusion2d")
    noise = torch.randn(1000, 2, generator=torch.Generator().manual_seed(0))
    with torch.inference_mode():
        pts = sample(bundle.models["ring8"], make_scheduler("DDPM", bundle.scheduler_config()), noise, 100)
    cov = mode_coverage(pts.numpy() * bundle.scale("ring8"), TOY_SETS["ring8"].centres, TOY_SETS["ring8"].sigma)
    assert cov.modes_covered == 8


def test_shipped_controlnets_steer_the_figure_model():
    # 10 held-out controls per set, DDIM-10: the ControlNet at scale 1 is far more faithful than the
    # base model alone (scale 0). The full table (100 controls, DDIM-25) is benchmarks.controlnet;
    # edge F1 at scale 0 is already about 0.55 there (a 1-pixel tolerance on 32 x 32 outlines), so
    # its bar is a margin, not a ratio.
    import numpy as np

    from benchmarks.controlnet import held_out_controls
    from models.diffusion.control.control_sampling import ControlRequest, controlled_samples

    base = REG.load("diffusion_figures")
    sets = held_out_controls(10, base.null_class)
    bars = {
        "edges of held-out figures, unconditional": (0.9, 0.2),
        "pose of held-out figures, class figure": (0.6, 0.3),
    }
    for name, (at_least, margin) in bars.items():
        controls, labels, targets, measure, _ = sets[name]
        net = REG.load("controlnet_pose" if name.startswith("pose") else "controlnet_edge")
        score = {}
        for s in (0.0, 1.0):
            out = controlled_samples(base, net, ControlRequest(controls, labels, (s,) * 10, tuple(range(10)), steps=10))
            score[s] = np.mean([measure(o, t) for o, t in zip(out.numpy(), targets, strict=True)])
        assert score[1.0] >= at_least and score[1.0] >= score[0.0] + margin, (name, score)


@pytest.mark.parametrize("name", ["pixelcnn_gated", "pixelcnn_plain", "transformer_ar"])
def test_shipped_pixelcnns_reproduce_their_recorded_likelihood(name):
    from models.autoregressive.pixelcnn import NULL_CLASS, nll
    from models.core.data import binarize

    s = digit_split()
    model, recorded = REG.load(name), REG.info(name)["metrics"]
    x = binarize(s.x_test)
    with torch.inference_mode():
        given = float(nll(model, x, s.y_test).mean())
        free = float(nll(model, x, torch.full_like(s.y_test, NULL_CLASS)).mean())
    assert abs(given - recorded["test_nll_nats"]) < 0.05 and abs(free - recorded["test_nll_unconditional_nats"]) < 0.05
    assert given < free  # knowing the class is worth some nats


def test_shipped_gated_pixelcnn_draws_the_class_it_is_asked_for():
    # two digits per class at the recommended T and w (docs/tabs.md's 78.9%: 1,000 samples, the trilemma)
    from models.autoregressive.pixelcnn import RECOMMENDED_GUIDANCE, RECOMMENDED_TEMPERATURE, sample

    labels = torch.arange(20) % 10
    with torch.inference_mode():
        x = sample(REG.load("pixelcnn_gated"), labels, RECOMMENDED_TEMPERATURE, 0, RECOMMENDED_GUIDANCE)
    assert class_accuracy(REG.load("evaluator"), x, labels) >= 0.6


def test_shipped_image_transformer_draws_the_class_it_is_asked_for():
    # five digits per class at the recommended T and w, seed 7: 47 of 50 (94%) on the 2-core AMD EPYC (the
    # manifest's accuracy: 1,000 samples, ``python -m benchmarks.pixelcnn --models transformer``); 85% leaves
    # room for another CPU's rounding to draw a few other digits
    from models.autoregressive.pixelcnn import RECOMMENDED_GUIDANCE, RECOMMENDED_TEMPERATURE, sample

    labels = torch.arange(50) % 10
    with torch.inference_mode():
        x = sample(REG.load("transformer_ar"), labels, RECOMMENDED_TEMPERATURE, 7, RECOMMENDED_GUIDANCE)
    assert class_accuracy(REG.load("evaluator"), x, labels) >= 0.85


@pytest.mark.parametrize("name", ["flow_digits", "flow_binary"])
def test_shipped_flows_reproduce_their_recorded_likelihood(name):
    # every 5th held-out digit (100, 10 a class), one seeded draw of the dequantization noise, fp32, as
    # benchmarks.flows recorded it beside the 500-digit numbers
    from models.flows.train_flow import evaluate_flow

    s = digit_split()
    measured = evaluate_flow(REG.load(name), s.x_test[::5], s.y_test[::5])
    recorded = REG.info(name)["metrics"]
    assert abs(measured["nll_nats"] - recorded["test_every5th_nll_nats"]) < 0.05
    assert abs(measured["bits_per_dim"] - recorded["test_every5th_bits_per_dim"]) < 1e-4
    assert abs(measured["bits_per_dim"] - recorded["test_bits_per_dim"]) < 0.05  # the subset is near the whole
    assert measured["nll_nats"] < measured["nll_unconditional_nats"]  # knowing the class is worth some nats


def test_shipped_flow_inverts_exactly_and_draws_digits_of_the_class():
    # 50 samples at the recommended T (docs/tabs.md's 68%: 1,000 samples, the trilemma)
    from models.flows.flow_digits import RECOMMENDED_TEMPERATURE, dequantize, quantize, sample

    model, s = REG.load("flow_digits"), digit_split()
    with torch.inference_mode():
        y = dequantize(quantize(s.x_test[:20], model.cfg), model.cfg, torch.Generator().manual_seed(0))
        z, _ = model.encode(y)
        assert float((model.decode(z) - y).abs().max()) < 1e-4
        labels = torch.arange(50) % 10
        x = sample(model, labels, RECOMMENDED_TEMPERATURE, seed=0)
    assert class_accuracy(REG.load("evaluator"), x, labels) >= 0.5


@pytest.mark.parametrize("factor", [2, 4, 8])
def test_shipped_autoencoders_reproduce_their_factor_table_row(factor):
    # the 500 held-out digits through the posterior mean, as models.diffusion.latent.train_autoencoder recorded them
    from models.diffusion.latent.train_autoencoder import evaluate_autoencoder

    s = digit_split()
    name = f"autoencoder_f{factor}"
    measured = evaluate_autoencoder(REG.load(name), s.x_test, s.y_test)
    recorded = REG.info(name)["metrics"]
    assert abs(measured["psnr_db"] - recorded["test_psnr_db"]) < 0.1  # fp16 weights on disk, fp32 at load
    assert abs(measured["reconstruction_accuracy"] - recorded["test_reconstruction_accuracy"]) <= 0.004


def test_shipped_latent_model_samples_its_class_and_has_unit_variance_latents():
    # 20 DDIM-20 samples, two a class (docs/tabs.md's number: 1,000 DDIM-50 samples, benchmarks.latent)
    from models.diffusion.latent.latent_diffusion import encode_digits, latent_samples

    ldm = REG.load("ldm")
    ae = REG.load(ldm.cfg.autoencoder)
    z = encode_digits(ae, digit_split().x_train[::9])
    assert abs(float(z.std()) - 1) < 0.05  # the scale factor makes the latent unit-variance, as in SD
    labels = torch.arange(20) % 10
    x = latent_samples(ldm, ae, labels, 2.0, "DDIM", 20, seed=0)
    assert class_accuracy(REG.load("evaluator"), x, labels) >= 0.9
