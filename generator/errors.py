"""Errors the command line turns into a Chinese message and an exit status."""


class DataError(Exception):
    """The data (or a file given to a command) is invalid: exit status 1."""


class UsageError(Exception):
    """The command was called wrongly: exit status 2."""
