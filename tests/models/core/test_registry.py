import socket

import pytest
import torch

from models.core.assets import ASSETS_DIR, MAX_FILE_BYTES, read_manifest
from models.core.registry import Registry, resolve_device

SHIPPED = ("evaluator", "vae2", "vae16", "vae16_beta4", "dcgan_vanilla", "dcgan_stable")


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted during a test that must be offline")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_every_shipped_model_loads_offline(no_network):
    reg = Registry(device="cpu")
    for name in SHIPPED:
        model = reg.load(name)
        assert isinstance(model, torch.nn.Module) and not model.training
        assert all(not p.requires_grad for p in model.parameters())


def test_registry_caches_one_instance():
    reg = Registry(device="cpu")
    assert reg.load("vae16") is reg.load("vae16")
    assert reg.extras("vae16") is reg.extras("vae16")
    assert Registry(device="cpu").load("vae16") is not reg.load("vae16")  # the cache is per registry


def test_concurrent_first_loads_build_one_instance():
    from concurrent.futures import ThreadPoolExecutor

    reg = Registry(device="cpu")
    with ThreadPoolExecutor(4) as pool:
        models = list(pool.map(lambda _: reg.load("vae2"), range(8)))
    assert all(m is models[0] for m in models)


def test_unknown_model_is_a_clear_error():
    with pytest.raises(KeyError, match="no model 'nope'"):
        Registry(device="cpu").load("nope")


def test_manifest_lists_files_under_10_mb_with_metrics():
    manifest = read_manifest()
    for name in SHIPPED:
        entry = manifest[name]
        assert entry["command"].startswith("python -m models.train")
        assert entry["metrics"]
        for fname, size in entry["files"].items():
            assert (ASSETS_DIR / fname).stat().st_size == size < MAX_FILE_BYTES


def test_device_resolution():
    assert resolve_device("cpu").type == "cpu"
    assert resolve_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    with pytest.raises(ValueError):
        resolve_device("tpu")


def test_the_kinds_table_trains_and_describes_every_shipped_model():
    """``python -m models.train NAME`` and the model card are generated from ``KINDS``: every shipped model has a
    trainer that lists it, its kind has a row, and the card has its row; a trainer's name is its command."""
    from models.core.registry import KINDS, trainers
    from scripts.model_card import rows

    by_name = trainers()
    manifest = read_manifest()
    card = "\n".join(rows())
    for name, entry in manifest.items():
        assert entry["kind"] in KINDS and name in by_name, name
        assert entry["command"] == f"python -m models.train {name}"
        assert f"| `{name}` |" in card
    assert list(by_name)[0] == "evaluator", "the evaluator trains first: the others are measured with it"


def test_an_unknown_kind_is_a_clear_error():
    from models.core.registry import build

    with pytest.raises(ValueError, match="unknown model kind"):
        build("no_such_kind", {})
