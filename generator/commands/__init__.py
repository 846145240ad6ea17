"""One module per command; each has ``register(subparsers, common)`` and runs through ``func``."""

COMMANDS = [
    "validate",
    "new",
    "build",
    "diff",
    "codeowners",
    "anonymize",
    "editor_config",
    "move",
    "edit",
]
