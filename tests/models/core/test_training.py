"""The trainers' loops through accelerate (``models.core.training``): the same weights as the loops they replaced, and
a killed run resumed from its checkpoint ends where an uninterrupted one does."""

from pathlib import Path

import pytest
import torch

from models.core.compute import forced_precision
from models.core.data import DigitSplit, digit_split

# Fingerprints (sum |w|, sum w²) of tiny seeded runs, recorded with the plain-PyTorch loops these replaced
# (commit c378346, fp32, one thread, AMD EPYC): accelerate on one CPU changes nothing but the bookkeeping, so the
# same numbers to 1e-5 relative (another CPU's fp32 kernels may round differently in the last bits).
BEFORE = {
    "vae": (2992.716466374342, 313.08700315561657),
    "pixelcnn": (987.4455699454375, 583.2764372732873),
    "diffusion": (3915.1904877050497, 1033.144266900196),
    "evaluator": (530.7550925359596, 84.8620721560261),
    "flow": (359.4707397956745, 155.9323960563893),
    "autoencoder": (3315.5140488838915, 637.4996103535607),
    "dcgan": (2694.2313049385593, 1379.5831997919126),  # with R1: D's loss differentiates through its gradient
    "tconv": (427.57223004309344, 22.64799519653623),
    "diffusion2d": (620.1394379598642, 105.80860804990174),
    "student": (42744.64070899208, 4985.774685380203),  # from the shipped teacher
    "controlnet": (16257.769326045669, 2515.280131304677),  # from the shipped diffusion model, with the figure class
    # the image transformer's loop as it trained the shipped weights (branch ar, before its move onto TrainingRun)
    "transformer_ar": (693.3364423453331, 180.54786952654845),
}


def fingerprint(model) -> tuple[float, float]:
    ps = [p.detach().double() for p in model.state_dict().values() if p.is_floating_point()]
    return float(sum(p.abs().sum() for p in ps)), float(sum((p * p).sum() for p in ps))


@pytest.fixture
def small(monkeypatch):
    """150 training digits, one thread, fp32: a run of seconds whose arithmetic is the same on every call."""
    d = digit_split()
    split = DigitSplit(d.x_train[::30].clone(), d.y_train[::30].clone(), d.x_test[:50], d.y_test[:50])
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    with forced_precision("fp32"):
        yield split
    torch.set_num_threads(threads)


def _pixelcnn(split, monkeypatch, run_dir: Path):
    import models.autoregressive.train_pixelcnn as tp
    from models.autoregressive.pixelcnn import PixelCNNConfig

    monkeypatch.setattr(tp, "digit_split", lambda: split)
    monkeypatch.setattr(tp, "RUNS_DIR", run_dir)
    cfg = PixelCNNConfig(channels=8, layers=2, epochs=2, batch_size=32)
    return tp.train_pixelcnn("tiny", cfg, log=lambda *a: None)


def test_the_image_transformer_loop_trains_the_weights_it_trained_before(small, monkeypatch, tmp_path):
    import models.autoregressive.train_transformer_ar as tt
    from models.autoregressive.transformer_ar import TransformerARConfig

    monkeypatch.setattr(tt, "digit_split", lambda: small)
    monkeypatch.setattr(tt, "RUNS_DIR", tmp_path)
    cfg = TransformerARConfig(dim=16, layers=2, heads=2, mlp=2, head=8, epochs=2, batch_size=32, warmup=3)
    model = tt.train_transformer_ar("tiny", cfg, log=lambda *a: None)
    assert fingerprint(model) == pytest.approx(BEFORE["transformer_ar"], rel=1e-5)


def test_the_vae_pixelcnn_and_diffusion_loops_train_the_weights_they_trained_before(small, monkeypatch, tmp_path):
    import models.diffusion.train_diffusion as td
    import models.vae.train_vae as tv
    from models.diffusion.model import DiffusionConfig, to_model_space
    from models.vae.model import VAEConfig

    monkeypatch.setattr(tv, "digit_split", lambda: small)
    vae = tv.train_vae(VAEConfig(latent_dim=2, width=8, hidden=32, epochs=2, batch_size=32), log=lambda *a: None)
    cfg = DiffusionConfig(
        block_out_channels=(8, 16, 16), attention_head_dim=8, norm_num_groups=4, steps=6, batch=8, warmup=2
    )
    diffusion = td.train_diffusion(
        cfg, tmp_path / "d", lambda *a: None, data=(to_model_space(small.x_train), small.y_train)
    )
    got = {"vae": vae, "pixelcnn": _pixelcnn(small, monkeypatch, tmp_path / "p"), "diffusion": diffusion}
    for name, model in got.items():
        assert fingerprint(model) == pytest.approx(BEFORE[name], rel=1e-5), name


def test_the_evaluator_flow_and_autoencoder_loops_train_the_weights_they_trained_before(small, monkeypatch, tmp_path):
    import models.diffusion.latent.train_autoencoder as ta
    import models.flows.train_flow as tf
    import models.measure.train_evaluator as te
    from models.diffusion.latent.autoencoder import AutoencoderConfig
    from models.flows.flow_digits import FlowDigitsConfig
    from models.measure.evaluator import EvaluatorConfig

    for module in (te, tf, ta):
        monkeypatch.setattr(module, "digit_split", lambda: small)
    monkeypatch.setattr(tf, "RUNS_DIR", tmp_path / "flow")
    monkeypatch.setattr(ta, "RUNS_DIR", tmp_path / "ae")
    monkeypatch.setattr(ta, "latent_std", lambda model, x: 1.0)
    quiet = lambda *a: None  # noqa: E731
    got = {
        "evaluator": te.train_evaluator(EvaluatorConfig(width=8, feature_dim=16, epochs=2, batch_size=32), quiet)[0],
        "flow": tf.train_flow("tiny", FlowDigitsConfig(steps=2, hidden=8, epochs=2, batch_size=32), quiet),
        "autoencoder": ta.train_autoencoder(
            "tiny", AutoencoderConfig(width=8, norm_num_groups=4, epochs=2, batch=32), quiet
        ),
    }
    for name, model in got.items():
        assert fingerprint(model) == pytest.approx(BEFORE[name], rel=1e-5), name


def test_the_dcgan_loop_trains_the_generator_it_trained_before(small, monkeypatch):
    """Two optimisers: the generator's loss also fills D's gradients, which D's next step must not inherit."""
    import models.gan.train_dcgan as tg
    from models.gan.dcgan import DCGANConfig

    monkeypatch.setattr(tg, "digit_split", lambda: small)
    cfg = DCGANConfig(width=8, latent=8, steps=10, batch=16, snapshots=(0, 10), r1=1.0)
    snaps = tg.train_dcgan(cfg, log=lambda *a: None)
    ps = [p.double() for p in snaps[10].values() if p.is_floating_point()]
    assert (float(sum(p.abs().sum() for p in ps)), float(sum((p * p).sum() for p in ps))) == pytest.approx(
        BEFORE["dcgan"], rel=1e-5
    )


def test_the_cascade_2d_student_and_controlnet_loops_train_the_weights_they_trained_before(
    small, monkeypatch, tmp_path
):
    import models.diffusion.cascade.train_cascade as tc
    import models.diffusion.control.train_controlnet as tcn
    import models.diffusion.diffusion2d as d2
    import models.diffusion.distill.train_student as ts
    from models.core.registry import load_model
    from models.diffusion.cascade.model import TConvConfig
    from models.diffusion.distill.consistency import StudentConfig

    for module in (tc, ts, tcn):
        monkeypatch.setattr(module, "digit_split", lambda: small)
    monkeypatch.setattr(ts, "student_samples", lambda *a, **k: torch.zeros(100, 1, 28, 28))  # its progress line only
    quiet = lambda *a: None  # noqa: E731
    base = tcn.extend_with_figure_class(load_model("diffusion", device="cpu").float())
    got = {
        "tconv": tc.train_tconv(TConvConfig(steps=5, batch=8), log=quiet),
        "diffusion2d": d2.train_diffusion2d(d2.Diffusion2DConfig(steps=5, batch=16, hidden=16), log=quiet),
        "student": ts.train_student(StudentConfig(steps=3, batch=2), run_dir=tmp_path / "s", log=quiet),
        "controlnet": tcn.train_controlnet(
            base, "edge", tcn.TrainConfig(steps=3, batch=2, n_figures=20), run_dir=tmp_path / "c", log=quiet
        ),
    }
    for name, model in got.items():
        assert fingerprint(model) == pytest.approx(BEFORE[name], rel=1e-5), name
    net = tcn.controlnet_from_checkpoint(
        base, "edge", tmp_path / "c", tcn.TrainConfig(steps=3, batch=2, n_figures=20)
    )  # the run's checkpoint reads back
    assert fingerprint(net) == pytest.approx(BEFORE["controlnet"], rel=1e-12)
    target, step = ts.student_from_checkpoint(StudentConfig(steps=3, batch=2), tmp_path / "s")
    assert step == 3 and fingerprint(target) == pytest.approx(BEFORE["student"], rel=1e-12)


def test_a_killed_run_resumes_where_it_stopped_and_ends_where_an_unbroken_run_does(small, monkeypatch, tmp_path):
    from models.core import training

    unbroken = fingerprint(_pixelcnn(small, monkeypatch, tmp_path / "unbroken"))
    save = training.TrainingRun.save

    def killed_after_first_epoch(self, done):
        save(self, done)
        raise KeyboardInterrupt  # as if the job were killed right after its checkpoint

    monkeypatch.setattr(training.TrainingRun, "save", killed_after_first_epoch)
    with pytest.raises(KeyboardInterrupt):
        _pixelcnn(small, monkeypatch, tmp_path / "killed")
    monkeypatch.setattr(training.TrainingRun, "save", save)
    logs = []
    import models.autoregressive.train_pixelcnn as tp
    from models.autoregressive.pixelcnn import PixelCNNConfig

    cfg = PixelCNNConfig(channels=8, layers=2, epochs=2, batch_size=32)
    resumed = tp.train_pixelcnn("tiny", cfg, log=logs.append)
    assert any("resumed" in line and "at 1" in line for line in logs), logs
    assert fingerprint(resumed) == pytest.approx(unbroken, rel=1e-12)


def test_a_checkpoint_of_other_settings_is_not_resumed_from(tmp_path):
    from models.core.training import TrainingRun

    first = TrainingRun(tmp_path, lambda *a: None, config={"width": 8})
    first.prepare(torch.nn.Linear(2, 2))
    first.save(3)
    logs = []
    assert TrainingRun(tmp_path, logs.append, config={"width": 16}).resume() == 0
    assert "other settings" in logs[0]
    again = TrainingRun(tmp_path, lambda *a: None, config={"width": 8})
    again.prepare(torch.nn.Linear(2, 2))
    assert again.resume() == 3
