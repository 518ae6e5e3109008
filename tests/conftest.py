import pytest
import torch

from benchmarks.app_process import ROOT, running_app

# Torch's threads when the session began: as many as the cores, as the app runs.
CORES = torch.get_num_threads()


@pytest.fixture(scope="session", autouse=True)
def _one_torch_thread():
    """Tests run their networks in one torch thread (module fixtures too), the shipped-weight checks aside. Tiny
    networks gain nothing from a second thread, and their loops of small steps (a PixelCNN's 784 pixels, a sampler's
    steps) wait at every operation for the other thread: on a 2-core machine shared with other jobs that made one
    784-pixel sample take 56-157 s instead of 1-2.5 s (measured under a load of 13). The app's own sharing of the
    cores is tested in tests/models/core/test_compute.py; the app in its own process keeps it."""
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(CORES)


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """Each test starts in English, whatever ran before it in its worker: a handler called through its event
    wrapper with a Chinese request sets the language for the rest of the thread, as it does for a request."""
    from playground import i18n

    token = i18n.LANGUAGE.set("en")
    yield
    i18n.LANGUAGE.reset(token)


@pytest.fixture(autouse=True)
def _threads_per_test(request):
    """A shipped-weight check runs its large batches on every core, as the app does; after any test (some set their
    own threads) the next starts from one again."""
    if request.node.get_closest_marker("shipped"):
        torch.set_num_threads(CORES)
    yield
    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def app_url():
    """The real app, started the way a user starts it (``python app.py``), on a free port, on CPU."""
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    # 10 s on a quiet 2-core machine; a CI machine shared with other jobs has taken near 3 minutes
    with running_app(timeout=600, log_path=ROOT / ".pytest_cache" / "app.log") as (url, _, _):
        yield url


@pytest.fixture
def fp32():
    """Network calls in fp32 whatever this machine chose: for comparisons against fp32 arithmetic
    at tight tolerances (the chosen precision has its own equality test in test_compute)."""
    from models.core.compute import forced_precision

    with forced_precision("fp32"):
        yield


@pytest.fixture(scope="session")
def built_demo():
    """The whole app's Blocks, built once on the CPU (nothing launched)."""
    from models.core.registry import configure
    from playground.ui import build_demo

    configure("cpu")
    return build_demo()
