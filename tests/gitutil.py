"""A git command in a scratch repository, with a fixed clerk as author and no user config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(
        ["git", "-c", "user.name=办事员", "-c", "user.email=clerk@example.invalid", *args],
        cwd=root, env=env, check=True, capture_output=True,
    )  # fmt: skip
