"""The digit DCGAN's training loop on a tiny config: every option trains and stays finite."""

import pytest
import torch

from models.gan.dcgan import DCDiscriminator, DCGANConfig, MinibatchStd
from models.gan.train_dcgan import train_dcgan

TINY = dict(width=4, batch=8, steps=3, snapshots=(0, 3), latent=2)


@pytest.mark.parametrize(
    "options",
    [dict(), dict(minibatch_std=True, r1=1.0), dict(spectral_norm=True), dict(objective="minimax")],
    ids=["plain", "mbstd+r1", "sn", "minimax"],
)
def test_training_changes_g_and_stays_finite(options):
    snaps = train_dcgan(DCGANConfig(**TINY, **options), log=lambda *_: None)
    assert set(snaps) == {0, 3}
    for name, w in snaps[3].items():
        assert torch.isfinite(w.float()).all(), name
    assert any(not torch.equal(snaps[0][k], snaps[3][k]) for k in snaps[0] if snaps[0][k].is_floating_point())


def test_minibatch_std_has_a_finite_gradient_where_all_samples_agree():
    x = torch.zeros(4, 2, 3, 3, requires_grad=True)  # every sample the same: std 0
    (g,) = torch.autograd.grad(MinibatchStd()(x).sum(), x, create_graph=True)
    assert torch.isfinite(g).all()
    d = DCDiscriminator(DCGANConfig(**TINY, minibatch_std=True))
    assert d(torch.rand(5, 1, 28, 28)).shape == (5,)
