"""The layers of generator/ (pyproject's import-linter contract) hold, and the contract bites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_layers_are_the_architecture() -> None:
    """The contract names every package, top to bottom, as CONTRIBUTING draws them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    assert contract["type"] == "layers"
    assert contract["layers"] == [
        "generator.cli",
        "generator.site",
        "generator.editor | generator.diff",
        "generator.excel",
        "generator.git",
        "generator.core",
        "generator.ledger",
        "generator.system",
    ]
    assert "ignore_imports" not in contract  # no exceptions


def test_no_import_goes_up() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """A copy of the package where the ledger imports the CLI breaks the contract."""
    shutil.copytree(ROOT / "generator", tmp_path / "generator")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "generator/ledger/model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport generator.cli\n", "utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "generator.ledger is not allowed to import generator.cli:" in done.stdout
    assert "- generator.ledger.model -> generator.cli" in done.stdout
