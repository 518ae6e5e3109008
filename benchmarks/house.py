"""How the house reads to a newcomer, counted: ``python -m benchmarks.house`` -> benchmarks/results/house.md.

Lines of Python per folder, the longest functions, ``# fmt: skip`` markers, and the places where the app replaces
an attribute of Gradio's own objects at run time (an assignment to ``gr.*``, ``gradio.*``, ``processing_utils.*``,
or to a method of a Blocks such as ``demo.process_api``): the next Gradio release can break those where no test
looks. Counted from the source with ``ast``, so the numbers are the same on every machine.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("app.py", "playground", "models", "benchmarks", "scripts", "tests")
GRADIO_ROOTS = ("gr", "gradio", "processing_utils", "route_utils", "utils")
BLOCKS_METHODS = ("process_api", "preprocess", "postprocess", "call_function", "get_config_file")


def python_files(folder: str) -> list[Path]:
    path = ROOT / folder
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def gradio_replacements(path: Path) -> list[str]:
    """``file:line target`` for every assignment to an attribute of Gradio's objects in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        )
        for target in targets:
            if not isinstance(target, ast.Attribute):
                continue
            if _root_name(target) in GRADIO_ROOTS or target.attr in BLOCKS_METHODS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(target)}")
    return found


def functions(path: Path) -> list[tuple[int, str]]:
    """(lines, "file:name") of every function in ``path``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out.append((node.end_lineno - node.lineno + 1, f"{path.relative_to(ROOT)}:{node.name}"))
    return out


def report(longest: int = 10) -> str:
    lines = ["| folder | .py files | lines | `# fmt: skip` |", "|---|---|---|---|"]
    all_functions, replaced = [], []
    for folder in FOLDERS:
        files = python_files(folder)
        texts = [f.read_text() for f in files]
        lines.append(
            f"| {folder} | {len(files)} | {sum(t.count(chr(10)) for t in texts):,} | "
            f"{sum(line.rstrip().endswith('# fmt: skip') for t in texts for line in t.splitlines())} |"
        )
        if folder != "tests":
            all_functions += [fn for f in files for fn in functions(f)]
            replaced += [r for f in files for r in gradio_replacements(f)]
    lines += ["", f"Longest functions (app code, not tests), {longest} of {len(all_functions)}:", ""]
    lines += [f"- {n} lines: `{name}`" for n, name in sorted(all_functions, reverse=True)[:longest]]
    lines += ["", f"Attributes of Gradio's objects replaced at run time: **{len(replaced)}**", ""]
    lines += [f"- `{r}`" for r in replaced]
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--longest", type=int, default=10)
    text = report(p.parse_args(argv).longest)
    (ROOT / "benchmarks" / "results" / "house.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
