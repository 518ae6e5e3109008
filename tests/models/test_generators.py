"""The generator seam: every shipped generator answers sample(n, seed) the same way."""

import pytest
import torch

from models.core.data import balanced_labels
from models.core.registry import KINDS, default_registry, load_model
from models.diffusion.seam import diffusion_generator
from models.generators import GENERATORS
from models.measure.metrics import class_accuracy

# The diffusion rows share one adapter (sampler and steps are its arguments): it runs here at 4 steps.
# The two PixelCNNs share one too (784 calls a sample): the plain one runs in the tab's tests.
QUICK = {name: g for name, g in GENERATORS.items() if g.family != "diffusion" and name != "PixelCNN (plain)"}
QUICK["diffusion DDIM-4"] = diffusion_generator("DDIM", 4)
QUICK["diffusion DDPM-4"] = diffusion_generator("DDPM", 4)


@pytest.mark.parametrize("name", sorted(QUICK))
def test_shape_range_and_determinism_per_seed(name):
    gen = QUICK[name]
    n = 2 if gen.family == "autoregressive" else 4  # its cost is 784 calls whatever the batch
    a, b, c = gen.sample(n, seed=1), gen.sample(n, seed=1), gen.sample(n, seed=2)
    assert a.shape == (n, 1, 28, 28) and a.dtype == torch.float32
    assert 0 <= float(a.min()) and float(a.max()) <= 1
    torch.testing.assert_close(a, b)
    assert not torch.allclose(a, c), "another seed gives other digits"
    assert gen.evaluations >= 1 and gen.family and gen.model in default_registry().names()


def test_every_kind_with_a_seam_module_adds_its_rows_and_only_those():
    """The seam is assembled from the registry's table: each kind's ``seam`` module, nothing written twice."""
    import importlib

    rows = [g.name for k in KINDS.values() if k.generators for g in importlib.import_module(k.generators).generators()]
    assert rows == list(GENERATORS) and len(set(rows)) == len(rows)
    assert {"VAE", "GAN", "diffusion", "autoregressive", "flow"} <= {g.family for g in GENERATORS.values()}
    assert GENERATORS["diffusion DDIM-50"].evaluations == 50 and GENERATORS["vae16"].evaluations == 1


def test_conditional_generators_draw_the_classes_they_are_given():
    gen = GENERATORS["diffusion DDIM-10"]
    labels = balanced_labels(10)
    x = gen.sample(10, seed=0)  # no labels: 0..9 in turn
    assert class_accuracy(load_model("evaluator"), x, labels) >= 0.8
    sevens = gen.sample(4, seed=0, labels=torch.full((4,), 7))
    assert class_accuracy(load_model("evaluator"), sevens, torch.full((4,), 7)) >= 0.75
