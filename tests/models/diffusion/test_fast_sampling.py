"""Fast samplers, the consistency student and the cascade's upsampler, on tiny configs (no weights)."""

import pytest
import torch

from models.diffusion.cascade.model import DigitUpsampler, UpsamplerConfig, augment, to_low_res, upsample_bicubic
from models.diffusion.distill.consistency import ConsistencyStudent, StudentConfig, boundary_scalings, solver_grid
from models.diffusion.fast_samplers import FAST_SAMPLERS, evaluations, make_fast_scheduler, steps_for
from models.diffusion.model import DiffusionConfig, DigitDiffusion
from models.diffusion.samplers import sample_progressive
from tests.fixtures import TINY_UNET_SHALLOW as TINY

TRAIN = {"num_train_timesteps": 1000, "beta_schedule": "squaredcos_cap_v2", "prediction_type": "v_prediction"}


@pytest.mark.parametrize("name", FAST_SAMPLERS)
@pytest.mark.parametrize("nfe", [1, 2, 4, 8])
def test_each_sampler_loop_calls_the_network_within_its_budget(name, nfe):
    calls = []

    def model_fn(x, t):
        calls.append(float(t))
        return torch.zeros_like(x)

    scheduler = make_fast_scheduler(name, TRAIN)
    steps = steps_for(name, nfe)
    for _ in sample_progressive(model_fn, scheduler, torch.randn(2, 1, 8, 8), steps, record=False):
        pass
    assert len(calls) == evaluations(make_fast_scheduler(name, TRAIN), steps) <= nfe
    assert len(calls) >= nfe - 1  # Heun's 2·steps − 1 may leave one unused


def test_student_samples_on_the_grid_it_was_trained_on_with_lcm_scalings():
    from diffusers import LCMScheduler

    student = ConsistencyStudent(StudentConfig(**TINY))
    scheduler = student.make_scheduler()
    assert isinstance(scheduler, LCMScheduler)
    grid = set(solver_grid(1000, student.cfg.ddim_timesteps).tolist())
    for steps in (1, 2, 4, 8):
        scheduler.set_timesteps(steps)
        assert set(scheduler.timesteps.tolist()) <= grid
    t = torch.tensor([0, 19, 499, 999])
    c_skip, c_out = boundary_scalings(t)
    for i, ti in enumerate(t.tolist()):
        ref_skip, ref_out = scheduler.get_scalings_for_boundary_condition_discrete(ti)
        assert c_skip[i].item() == pytest.approx(float(ref_skip), rel=1e-5)
        assert c_out[i].item() == pytest.approx(float(ref_out), rel=1e-5, abs=1e-7)
    assert c_skip[0] == 1 and c_out[0] == 0  # f(x, 0) = x


def test_distillation_loss_is_finite_and_has_gradients():
    from diffusers import DDPMScheduler

    from models.diffusion.distill.train_student import distillation_loss

    cfg = StudentConfig(**TINY, sample_size=8)
    teacher = DigitDiffusion(DiffusionConfig(**TINY, sample_size=8)).eval()
    student = ConsistencyStudent(cfg)
    target = ConsistencyStudent(cfg).requires_grad_(False)
    x0, y = torch.rand(4, 1, 8, 8) * 2 - 1, torch.arange(4)
    ac = DDPMScheduler(**teacher.scheduler_config()).alphas_cumprod
    loss = distillation_loss(
        student, target, teacher, x0, y, torch.randn_like(x0), torch.tensor([0, 1, 25, 49]), cfg, ac
    )
    loss.backward()
    assert torch.isfinite(loss) and any(p.grad is not None and p.grad.abs().sum() > 0 for p in student.parameters())


def test_the_upsampler_uses_its_low_resolution_condition_and_noise_level():
    torch.manual_seed(0)
    up = DigitUpsampler(UpsamplerConfig(**TINY)).eval()
    x_t, low = torch.randn(2, 1, 32, 32), torch.rand(2, 1, 16, 16) * 2 - 1
    level = torch.tensor([0, 0])
    with torch.no_grad():
        out = up(x_t, 500, low, level)
        assert not torch.allclose(out, up(x_t, 500, torch.zeros_like(low), level))
        assert not torch.allclose(out, up(x_t, 500, low, torch.tensor([300, 300])))


def test_low_resolution_round_trip_and_augmentation_levels():
    x = torch.rand(3, 1, 32, 32) * 2 - 1
    low = to_low_res(x)
    assert low.shape == (3, 1, 16, 16) and torch.allclose(low.mean(), x.mean(), atol=1e-6)
    assert upsample_bicubic(low).shape == (3, 1, 32, 32)
    noise = torch.randn_like(low)
    clean = augment(low, torch.tensor([0, 0, 0]), noise)
    assert (clean - low).abs().mean() < 0.02  # level 0: ᾱ = 0.9999, σ = 0.01
    assert (augment(low, torch.tensor([350] * 3), noise) - low).abs().mean() > 0.3


def test_the_shipped_student_reads_as_its_class_in_two_steps():
    """Recorded: 100% of 200 two-step samples (``python -m benchmarks.fast_sampling --only student``)."""
    from models.core.registry import load_model, model_info
    from models.diffusion.distill.consistency import student_samples
    from models.measure.metrics import class_accuracy

    student, evaluator = load_model("student"), load_model("evaluator")
    assert model_info("student")["metrics"]["accuracy_2step"] >= 0.95
    labels = torch.arange(50) % 10
    assert class_accuracy(evaluator, student_samples(student, labels, 2, seed=0), labels) >= 0.95


def test_the_shipped_upsamplers_draw_the_digit_their_condition_holds():
    """The true 16 x 16 of 20 held-out digits upsampled by each shipped model (recorded at n = 200
    by ``python -m benchmarks.cascade``: class accuracy in its ``true_low_res`` row): read as the
    digit they came from; a blank condition gives no digit of those classes."""
    from models.core.data import digit_split
    from models.core.registry import load_model
    from models.diffusion.cascade.model import to_low_res, upsample
    from models.diffusion.model import to_digit_space, to_model_space
    from models.measure.metrics import class_accuracy

    split, evaluator = digit_split(), load_model("evaluator")
    index = torch.arange(10) * 50  # the first of each class: the test split is 50 per class in order
    index = torch.cat([index, index + 1])
    low, labels = to_low_res(to_model_space(split.x_test[index])), split.y_test[index]
    for name, level in (("upsampler", 150), ("upsampler_noaug", 0)):
        x = to_digit_space(upsample(load_model(name), low, level, 10, seed=0))
        assert class_accuracy(evaluator, x, labels) >= 0.9, name
    blank = to_digit_space(upsample(load_model("upsampler"), torch.full_like(low, -1.0), 150, 10, seed=0))
    assert float(blank.mean()) < 0.1  # background in, (almost) background out: the condition is used


def test_the_transposed_conv_baseline_beats_bicubic_at_its_own_objective():
    from models.core.data import digit_split
    from models.core.registry import load_model
    from models.diffusion.cascade.model import to_low_res, upsample_bicubic
    from models.diffusion.model import to_model_space

    hi = to_model_space(digit_split().x_test[:100])
    low = to_low_res(hi)
    with torch.inference_mode():
        tconv = load_model("upsampler_tconv")(low)
    assert torch.nn.functional.mse_loss(tconv, hi) < 0.8 * torch.nn.functional.mse_loss(upsample_bicubic(low), hi)
