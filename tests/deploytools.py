"""What the deployment tests share: Debian programs, with a Chinese hint when one is missing."""

from __future__ import annotations

import shutil
import socket

import pytest


def need(program: str, package: str) -> str:
    """The path of program, or stop the test saying which Debian package brings it."""
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")
    if found is None:
        pytest.fail(
            f"找不到 {program}：部署测试需要 Debian 的 {package} 软件包，"
            f"请运行 sudo apt-get install {package}（.ci/run 会自动安装）",
            pytrace=False,
        )
    return found


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
