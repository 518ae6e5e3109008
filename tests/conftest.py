import pytest

from benchmarks.app_process import ROOT, running_app


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
