"""git in a scratch repository: a fixed author and no user or system config, so every run of a
test or a benchmark makes the same commits whatever the machine's git settings."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CLERK = ("办事员", "clerk@example.invalid")


def git(root: Path, *args: str, author: tuple[str, str] = CLERK) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    name, email = author
    subprocess.run(
        ["git", "-c", f"user.name={name}", "-c", f"user.email={email}", *args],
        cwd=root, env=env, check=True, capture_output=True,
    )  # fmt: skip
