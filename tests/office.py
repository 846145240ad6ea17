"""LibreOffice as the tests use it: a workbook printed to PDF, as an office would print it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def soffice_pdf(book: Path, tmp_path: Path) -> tuple[Path, str]:
    """book converted to PDF beside it (its own LibreOffice profile in tmp_path); the PDF's
    path and soffice's messages, after checking it succeeded."""
    run = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(book.parent),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    pdf = book.with_suffix(".pdf")
    assert pdf.is_file(), run.stderr
    return pdf, run.stderr
