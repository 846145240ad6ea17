"""The command line: one module per command in commands/, the entry point in main."""

from generator.cli.main import main

__all__ = ["main"]
