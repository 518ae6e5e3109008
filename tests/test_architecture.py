"""The directions imports may point in, read from the source (every import, lazy ones too):

    app.py -> playground -> models.generators, models.train -> a family -> models.measure -> models.core

- ``models`` never imports the UI (gradio, plotly, playground) nor the entry script ``app``;
- ``models.core`` imports only itself; ``models.measure`` only core and itself;
- a family package (vae, gan, autoregressive, flows, diffusion) imports core, measure and itself; a
  sub-package of diffusion (latent, control, distill, cascade, text) may also import diffusion's own
  modules, never another sub-package (but text, which builds
  on latent), and diffusion's own modules import none of them;
- nothing in a package imports the seam (``models.generators``) or the CLI (``models.train``): those
  sit above the families, for the app, benchmarks and scripts.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
FAMILIES = ("vae", "gan", "autoregressive", "flows", "diffusion")
DIFFUSION_SUBPACKAGES = ("latent", "control", "distill", "cascade", "text")
UI = ("gradio", "plotly", "playground", "app")
# The one sub-package edge: text to image is latent diffusion with a text condition (its autoencoder and latents).
BUILDS_ON = {"text": ("latent",)}


def imports(source: str) -> set[str]:
    """Every module an import statement names (``from a.b import c`` -> a.b and a.b.c)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def package_of(path: Path) -> tuple[str, ...]:
    """models/diffusion/latent/x.py -> ("diffusion", "latent"); models/generators.py -> ()."""
    return path.relative_to(MODELS).parent.parts


def allowed(package: tuple[str, ...], name: str) -> bool:
    """Whether a module in ``package`` (under models/) may import ``name`` (a models.* module)."""
    parts = name.split(".")[1:]
    if not parts or parts[0] in ("generators", "train"):
        return not package  # only the top level (the seam and the CLI) reaches them
    if not package:
        return True
    target = parts[0]
    if package[0] == "core":
        return target == "core"
    if package[0] == "measure":
        return target in ("core", "measure")
    if target in ("core", "measure"):
        return True
    if target != package[0]:
        return False  # one family never imports another
    if package[0] != "diffusion":
        return True
    # inside diffusion: a sub-package may use diffusion's own modules, not another sub-package
    sub = parts[1] if len(parts) > 1 and parts[1] in DIFFUSION_SUBPACKAGES else None
    own = package[1] if len(package) > 1 else None
    return sub is None or sub == own or sub in BUILDS_ON.get(own, ())


def violations(path: Path, source: str | None = None) -> list[str]:
    source = path.read_text() if source is None else source
    package = package_of(path)
    bad = []
    for name in sorted(imports(source)):
        top = name.split(".")[0]
        if top in UI:
            bad.append(f"{name} (the UI layer)")
        elif top == "models" and not allowed(package, name):
            bad.append(name)
    return bad


MODULES = sorted(MODELS.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(MODELS)) for p in MODULES])
def test_imports_point_one_way(path):
    bad = violations(path)
    assert not bad, f"models/{path.relative_to(MODELS)} imports {', '.join(bad)}"


def test_every_folder_under_models_is_a_package_the_rules_know():
    for folder in (p for p in MODELS.rglob("*") if p.is_dir() and p.name != "__pycache__"):
        assert (folder / "__init__.py").exists(), f"{folder.relative_to(ROOT)} has no __init__.py"
        package = package_of(folder / "x.py")
        assert package[0] in ("core", "measure", *FAMILIES), f"{folder.relative_to(ROOT)}: add it to the rules"
        assert len(package) == 1 or (package[0] == "diffusion" and package[1] in DIFFUSION_SUBPACKAGES)


@pytest.mark.parametrize(
    "where, line",
    [
        ("core/compute.py", "from models.diffusion.model import DigitDiffusion"),
        ("core/data.py", "from models.measure.metrics import features"),
        ("measure/metrics.py", "from models.vae.model import ConvVAE"),
        ("flows/flow_digits.py", "from models.autoregressive.pixelcnn import binarize"),
        ("flows/flow2d_run.py", "from models.gan.gan2d import GAN2D"),
        ("diffusion/cascade/model.py", "from models.generators import guided_samples"),
        ("diffusion/samplers.py", "from models.diffusion.latent.autoencoder import DigitAutoencoder"),
        ("diffusion/latent/autoencoder.py", "from models.diffusion.control.controls import canny_map"),
        ("vae/model.py", "import gradio as gr"),
        ("gan/dcgan.py", "from playground.i18n import tr"),
        ("core/registry.py", "def f():\n    import app"),
    ],
)
def test_a_wrong_import_is_caught(where, line):
    """The rules above fail on each of the wrong directions this layout was made to remove."""
    path = MODELS / where
    assert violations(path, path.read_text() + "\n" + line + "\n")


def test_playground_never_imports_the_entry_script():
    """``app.py`` sits above everything: what a tab run alone needs lives in playground or models."""
    for path in sorted((ROOT / "playground").rglob("*.py")):
        bad = [n for n in imports(path.read_text()) if n == "app" or n.startswith("app.")]
        assert not bad, f"{path.relative_to(ROOT)} imports {', '.join(bad)}"
