"""The size limits of the code (CONTRIBUTING): no module in generator/ over 300 lines, no function
over 60. ruff cannot count lines, so they are measured here with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(GENERATOR.rglob("*.py"))


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(GENERATOR.parent).as_posix()}:{line}"


def test_modules_are_short() -> None:
    too_long = []
    for path in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{where(path, 1)} {path.stem}: {lines} 行")
    assert not too_long, f"超过 {MAX_MODULE_LINES} 行的模块：\n" + "\n".join(too_long)


def test_functions_are_short() -> None:
    too_long = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{where(path, node.lineno)} {node.name}: {lines} 行")
    assert not too_long, f"超过 {MAX_FUNCTION_LINES} 行的函数：\n" + "\n".join(too_long)


def test_the_measure_counts_what_it_should() -> None:
    """A function's lines run from its ``def`` to its last line, decorators not counted."""
    source = "@cache\ndef f():\n    x = 1\n\n    return x\n"
    (node,) = ast.parse(source).body
    assert isinstance(node, ast.FunctionDef)
    assert node.end_lineno is not None and node.end_lineno - node.lineno + 1 == 4
