"""Reading git: the history of every case file (history, log, fields), two versions of the ledger
for the diff (snapshot), and retiring a campaign's personal data from the history (retire)."""

from generator.git.history import History, read_history

__all__ = ["History", "read_history"]
