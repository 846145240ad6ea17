"""Debian's Chromium as every browser run here starts it: the tests and ``make screenshots``."""

from __future__ import annotations

import os

# Debian's package; Playwright never downloads a browser here. TAIZHANG_CHROMIUM points
# elsewhere (the tests use it to check the hint below).
CHROMIUM = os.environ.get("TAIZHANG_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def missing(path: str = CHROMIUM) -> str | None:
    """What to install when Chromium cannot be started (Playwright would only say EACCES)."""
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return None
    return (
        f"找不到 Chromium（{path}）：浏览器测试和截图需要 Debian 的 chromium 软件包，"
        "请运行 sudo apt-get install chromium fonts-noto-cjk"
    )
