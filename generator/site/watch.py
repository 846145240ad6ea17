"""What ``serve`` watches: the files a site is built from (campaign.yaml, mkdocs.yml, cases/),
through watchdog (inotify on Linux) rather than by reading every file's time again and again.

Only writes count — created, changed, deleted or moved files — so the build reading the case
files never wakes the watcher; neither do the output, the lock or .git beside them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from generator.ledger.layout import CASES_DIR
from generator.ledger.validate import CAMPAIGN_FILE

SOURCES = (CAMPAIGN_FILE, "mkdocs.yml")  # beside cases/ in the repository's top folder
QUIET_SECONDS = 0.3  # an editor's save or a git checkout is several writes: rebuild once after
WRITES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirModifiedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class Changes(FileSystemEventHandler):
    """Notes that a file the site is built from was written; ``wait`` blocks until one is."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()
        self._changed = threading.Event()
        self._observer = Observer()
        self._cases: ObservedWatch | None = None
        self._lock = threading.Lock()

    def _relative(self, path: str | bytes) -> str:
        text = path.decode() if isinstance(path, bytes) else path
        try:
            return Path(text).relative_to(self.root).as_posix()
        except ValueError:
            return ""

    def is_source(self, path: str | bytes) -> bool:
        """Whether a path is campaign.yaml, mkdocs.yml, cases/ or anything in it."""
        rel = self._relative(path)
        return rel in SOURCES or rel == CASES_DIR or rel.startswith(f"{CASES_DIR}/")

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [event.src_path, event.dest_path] if event.dest_path else [event.src_path]
        if any(self.is_source(p) for p in paths):
            self._changed.set()
        if event.event_type != "modified" and any(self._relative(p) == CASES_DIR for p in paths):
            self._watch_cases()  # cases/ itself was made, removed or moved: watch the new one

    def _watch_cases(self) -> None:
        with self._lock:
            cases = self.root / CASES_DIR
            if self._cases is not None:
                with contextlib.suppress(KeyError):  # its watch ended with the folder
                    self._observer.unschedule(self._cases)
                self._cases = None
            if cases.is_dir() and not cases.is_symlink():
                self._cases = self._observer.schedule(
                    self, str(cases), recursive=True, event_filter=WRITES
                )

    def start(self) -> None:
        self._observer.schedule(self, str(self.root), recursive=False, event_filter=WRITES)
        self._watch_cases()
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a change, then until none follows for QUIET_SECONDS; False after timeout."""
        if not self._changed.wait(timeout):
            return False
        while True:
            self._changed.clear()
            if not self._changed.wait(QUIET_SECONDS):
                return True


@contextlib.contextmanager
def watching(root: Path) -> Iterator[Changes]:
    """Watch root's sources while the block runs; the watcher's threads end with it."""
    changes = Changes(root)
    changes.start()
    try:
        yield changes
    finally:
        changes.stop()
