"""``make screenshots`` (tools/screenshots.py): the README's pictures of the site and the web
editor, run here into a temporary folder with --out, never into docs/images."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TODAY

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PNG = b"\x89PNG\r\n\x1a\n"
NAMES = [
    "home-1366.png", "home-390.png", "ledger-1366.png", "ledger-390.png",
    "case-1366.png", "case-390.png", "editor-list-1366.png", "editor-list-390.png",
    "editor-form-1366.png", "editor-form-390.png",
]  # fmt: skip


def size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (the IHDR chunk right after the signature)."""
    assert png[:8] == PNG and png[12:16] == b"IHDR"
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_every_view_is_photographed_at_both_widths(tmp_path: Path) -> None:
    out = tmp_path / "images"
    out.mkdir()
    (out / "home-1366.png").write_bytes(b"an old picture")  # overwritten
    run = subprocess.run(
        [sys.executable, "tools/screenshots.py", "--out", str(out), "--today", TODAY],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [str(out / name) for name in NAMES]
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    for name in NAMES:
        png = (out / name).read_bytes()
        # a laptop screen (1366 × 768) or a phone's (390 × 844); a drawn page, not a blank one
        assert size(png) == ((1366, 768) if name.endswith("-1366.png") else (390, 844)), name
        assert len(png) > 20_000, name
