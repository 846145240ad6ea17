"""What a change to the ledger does: compare reads two versions and finds the changes (cases,
figures); text, markdown and jsonout write them for the terminal, the pull request and programs."""

from generator.diff.compare import compare
from generator.diff.render import FORMATS

__all__ = ["FORMATS", "compare"]
