"""One module per command; each has ``register(subparsers, common)`` and runs through ``func``.

The order here is the order of ``--help``: daily work first, set-up and retention last.
"""

COMMANDS = [
    "validate",
    "new",
    "move",
    "summary",
    "export",
    "import_",
    "submit",
    "build",
    "rollup",
    "serve",
    "edit",
    "diff",
    "editor_config",
    "codeowners",
    "schema",
    "anonymize",
]
