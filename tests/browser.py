"""What every browser test shares: Debian's Chromium, and the built site served on loopback."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

from generator.system import localhttp
from tools.chromium import CHROMIUM, CHROMIUM_ARGS

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "serve"]


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder on 127.0.0.1 (a free port) as ``serve`` does; yields the base URL."""
    handler = functools.partial(localhttp.LocalHandler, directory=str(folder))
    server = localhttp.listen(0, handler)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
