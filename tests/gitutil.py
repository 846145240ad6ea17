"""A git command in a scratch repository, with a fixed clerk as author and no user config."""

from __future__ import annotations

from tools.gitrun import git

__all__ = ["git"]
