"""One module per command; each has ``register(subparsers, common)`` and runs through ``func``."""

COMMANDS = [
    "validate",
    "new",
    "build",
    "serve",
    "diff",
    "codeowners",
    "anonymize",
    "editor_config",
    "move",
    "edit",
    "summary",
    "export",
    "import_",
    "submit",
]
