import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install -r requirements-dev.txt)")
    result = subprocess.run(
        [ruff, "check", "--output-format", "concise", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_models_never_import_the_ui():
    for path in (ROOT / "models").glob("*.py"):
        text = path.read_text()
        for banned in ("import gradio", "import plotly", "from playground", "import playground"):
            assert banned not in text, f"{path.name} imports the UI layer ({banned})"
