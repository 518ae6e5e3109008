import pytest

from playground import i18n


@pytest.fixture
def chinese():
    """Handle what the test calls as a Chinese page's events are handled (each tab's test_zh.py uses it)."""
    with i18n.speaking("zh"):
        yield
