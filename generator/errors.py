"""The errors of every layer: what went wrong, said in Chinese; no layer below the command line
prints. The command line (``generator.cli.explain``) turns each into a message and an exit status.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class DataError(Exception):
    """The data (or a file given to a command) is invalid: exit status 1."""


class ProblemsFound(DataError):
    """Files with problems at file:line:col positions; ``str()`` says what cannot be done.

    ``problems`` are ``generator.ledger.problems.Problem`` rows and ``files`` how many files
    were checked: what ``validate`` would print, printed by the command line before the message.
    """

    def __init__(self, message: str, problems: Sequence[Any], files: int) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
        self.files = files


class NotFound(Exception):
    """A name the caller gave (a period, a unit, a version) is not in the data: exit status 2."""


class UsageError(Exception):
    """The command was called wrongly: exit status 2."""
