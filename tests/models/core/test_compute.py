"""The one choice of precision and threads (models/core/compute.py): how it is made, that every network
call goes through it, and that the paths it can choose give the same samples within tolerance."""

import copy
import re
import threading
from pathlib import Path

import pytest
import torch

from models.core import compute
from models.core.compute import ComputePlan, CoreShare, choose_precision, heavy_slots, threads_for
from tests.fixtures import TINY_UNET

ROOT = Path(__file__).resolve().parents[3]
CPU = torch.device("cpu")


def _never(_device):
    raise AssertionError("no measurement was needed")


def test_a_cpu_without_bf16_units_picks_fp32_without_measuring(monkeypatch):
    monkeypatch.setattr(compute, "native_bf16", lambda d: False)
    plan = choose_precision(CPU, measure=_never)
    assert plan == ComputePlan("cpu", "fp32", "no_bf16_units") and not plan.bf16 and "no bf16 units" in plan.reason


@pytest.mark.parametrize(("speedup", "precision"), [(2.7, "bf16"), (1.2, "bf16"), (1.1, "fp32"), (0.14, "fp32")])
def test_with_bf16_units_the_measurement_decides(monkeypatch, speedup, precision):
    monkeypatch.setattr(compute, "native_bf16", lambda d: True)
    plan = choose_precision(CPU, measure=lambda d: speedup)
    assert plan.precision == precision and plan.basis == "measured" and plan.speedup == speedup


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize("override", ["fp32", "bf16"])
def test_an_override_wins(monkeypatch, native, override):
    monkeypatch.setattr(compute, "native_bf16", lambda d: native)
    assert choose_precision(CPU, override, measure=_never).precision == override


def test_the_environment_variable_overrides_and_a_bad_value_is_refused(monkeypatch):
    monkeypatch.setattr(compute, "native_bf16", lambda d: True)
    compute._plan_for.cache_clear()
    try:
        monkeypatch.setenv("PLAYGROUND_PRECISION", "fp32")
        assert compute.compute_plan("cpu").precision == "fp32" and compute.compute_plan("cpu").basis == "override"
        compute._plan_for.cache_clear()
        monkeypatch.setenv("PLAYGROUND_PRECISION", "fp16")
        with pytest.raises(ValueError, match="PLAYGROUND_PRECISION must be one of auto, bf16, fp32"):
            compute.compute_plan("cpu")
    finally:
        compute._plan_for.cache_clear()


def test_the_probe_measures_a_ratio_and_leaves_the_threads_as_they_were():
    threads = torch.get_num_threads()
    ratio = compute.measure_bf16_speedup(CPU, batch=2, rounds=1)
    assert ratio > 0 and torch.get_num_threads() == threads


@pytest.mark.parametrize(
    ("cores", "running", "threads"), [(2, 0, 2), (2, 1, 2), (2, 2, 1), (2, 3, 1), (16, 2, 8), (1, 2, 1)]
)
def test_threads_never_exceed_the_cores(cores, running, threads):
    assert threads_for(cores, running) == threads


@pytest.mark.parametrize(("cores", "slots"), [(1, 1), (2, 2), (16, 2)])
def test_heavy_slots_from_the_cores(cores, slots):
    assert heavy_slots(cores) == slots


def test_two_requests_at_once_each_get_half_the_cores_and_one_alone_all():
    share = CoreShare(cores=2)
    both_in, first_done = threading.Barrier(2), threading.Event()
    seen = {}

    def first():
        with share.request():
            both_in.wait()
            share.fit()
            seen["first, both running"] = torch.get_num_threads()
        first_done.set()

    def second():
        with share.request():
            both_in.wait()
            share.fit()
            seen["second, both running"] = torch.get_num_threads()
            first_done.wait()
            share.fit()  # the other request ended: this one takes the cores back at its next step
            seen["second, alone"] = torch.get_num_threads()

    workers = [threading.Thread(target=first), threading.Thread(target=second)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert seen == {"first, both running": 1, "second, both running": 1, "second, alone": 2}
    assert share.running == 0


def test_a_streaming_handler_refits_its_threads_at_every_step(monkeypatch):
    share = CoreShare(cores=2)
    monkeypatch.setattr(compute, "CORES", share)

    def handler():
        for _ in range(3):
            yield share.running, torch.get_num_threads()
        share.running += 1  # another request starts before the next step
        yield share.running, None

    steps = list(compute.sharing_cores(handler)())
    assert steps[0] == (1, 2) and steps[-1][0] == 2
    assert torch.get_num_threads() == 1 and share.running == 1  # the last step ran on its half
    share.running -= 1


def test_no_network_call_picks_its_own_precision():
    """Every autocast in the app's code is ``models.core.compute.autocast``."""
    own = []
    for path in [*ROOT.glob("models/**/*.py"), *ROOT.glob("playground/**/*.py")]:
        if path.name != "compute.py" and re.search(r"torch\.autocast\(|bfloat16", path.read_text()):
            own.append(str(path.relative_to(ROOT)))
    assert not own, f"choose precision through models.core.compute.autocast, not here: {own}"


@pytest.fixture
def counted(monkeypatch):
    """Counts the network calls made under the one autocast."""
    calls = []
    real = compute.autocast

    def spy(device):
        calls.append(torch.device(device).type)
        return real(device)

    for module in (
        "models.diffusion.samplers",
        "models.diffusion.control.controlnet",
        "models.diffusion.guidance_grid",
        "models.core.training",
        "models.diffusion.control.train_controlnet",
    ):
        monkeypatch.setattr(f"{module}.autocast", spy)
    return calls


def test_every_sampler_and_trainer_uses_the_one_choice(counted, tmp_path):
    from models.diffusion.control.controlnet import ControlNetConfig, DigitControlNet, controlled_model_fn
    from models.diffusion.control.train_controlnet import _diffusion_loss
    from models.diffusion.guidance_grid import GridSpec, cell_mechanics, grid_samples
    from models.diffusion.model import DiffusionConfig, DigitDiffusion
    from models.diffusion.samplers import guided_model_fn
    from models.diffusion.train_diffusion import train_diffusion

    torch.manual_seed(0)
    base = DigitDiffusion(DiffusionConfig(**TINY_UNET)).eval()
    net = DigitControlNet(ControlNetConfig(base=DiffusionConfig(**TINY_UNET)), base).eval()
    x, t, y = torch.randn(2, 1, 32, 32), torch.tensor(500), torch.tensor([1, 2])
    entry_points = {
        "guided sampling": lambda: guided_model_fn(base, y, 2.0)(x, t),
        "ControlNet": lambda: controlled_model_fn(base, net, torch.rand(2, 1, 32, 32), y, 2.0)(x, t),
        "guidance grid": lambda: grid_samples(base, GridSpec((1,), (2.0,), (0,), steps=2)),
        "guidance mechanics": lambda: cell_mechanics(base, 1, 2.0, 0, steps=2, at_step=1),
        "ControlNet training loss": lambda: _diffusion_loss(base, x, y, torch.Generator().manual_seed(0)),
        "diffusion training": lambda: train_diffusion(
            DiffusionConfig(**TINY_UNET, steps=1, batch=2, warmup=1), tmp_path, log=lambda *_: None
        ),
    }
    for name, call in entry_points.items():
        before = len(counted)
        call()
        assert len(counted) > before, f"{name} ran its network outside models.core.compute.autocast"


def test_the_paths_it_can_choose_give_the_same_samples():
    """Tolerances (stated in models/core/compute.py): channels_last fp32 equals plain fp32 to 1e-4; bf16
    (where the CPU runs it natively) is within a mean absolute difference of 0.01 on [-1, 1], and the
    evaluator reads the same digits."""
    from models.core.compute import forced_precision
    from models.core.registry import load_model
    from models.diffusion.model import to_digit_space
    from models.diffusion.samplers import guided_model_fn, make_scheduler, sample

    model = load_model("diffusion")  # channels_last on the CPU
    plain = copy.deepcopy(model).to(memory_format=torch.contiguous_format)
    noise = torch.randn(4, 1, 32, 32, generator=torch.Generator().manual_seed(0))
    labels = torch.tensor([0, 3, 7, 8])

    def run(m, precision):
        with forced_precision(precision):
            return sample(guided_model_fn(m, labels, 2.0), make_scheduler("DDIM", m.scheduler_config()), noise, 10)

    reference = run(plain, "fp32")
    torch.testing.assert_close(run(model, "fp32"), reference, atol=1e-4, rtol=0)
    if compute.native_bf16(CPU):
        low = run(model, "bf16")
        assert (low - reference).abs().mean() < compute.BF16_MEAN_TOLERANCE
        evaluator = load_model("evaluator")
        read = lambda s: evaluator(to_digit_space(s)).argmax(1)  # noqa: E731
        assert torch.equal(read(low), read(reference))
