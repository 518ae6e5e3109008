"""scripts/gan_fix_search.py's tools: a branch of a run with no change trains on exactly as the run itself
(so its "nothing changed" line is the shipped fix), a change takes effect, and the misses are measured."""

import numpy as np
import pytest
import torch

from models.gan.gan2d import GAN2DConfig
from models.gan.gan2d_run import GAN2DRun
from scripts.gan_fix_search import branch, misses


def _run(**over) -> GAN2DRun:
    cfg = GAN2DConfig(dataset="grid25", r1=1.0, lr_drop_every=20, width=16, depth=2, batch=32, **over)
    return GAN2DRun(cfg, eval_every=10**9)


def test_a_branch_without_change_trains_on_as_the_run_itself_and_a_change_takes_effect():
    torch.set_num_threads(1)
    base = _run()
    base.advance(20)  # the drop is due at the next step
    same, lower = branch(base, {}), branch(base, {"r1": 0.1, "lr_d": 3e-3})
    base.advance(10)
    same.advance(10)
    lower.advance(10)
    assert np.array_equal(base.gan.sample(64).numpy(), same.gan.sample(64).numpy())
    assert lower.cfg.r1 == 0.1 and lower.gan.opt_d.param_groups[0]["lr"] == pytest.approx(3e-4)  # ÷10 at the drop
    assert not np.array_equal(base.gan.sample(64).numpy(), lower.gan.sample(64).numpy())
    assert base.cfg.r1 == 1.0  # the run branched from is left as it was


def test_misses_are_quartiles_in_sigma_beyond_three():
    run = _run()
    text = misses(run)
    assert text.endswith("σ") and len(text[:-1].split("/")) == 3
    assert all(float(q) > 3 for q in text[:-1].split("/"))
