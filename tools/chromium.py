"""Debian's Chromium as every browser run here starts it: the tests and ``make screenshots``."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright never downloads a browser here
# Without the background-networking flags Chromium tries hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
