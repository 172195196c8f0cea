"""Loaded by `rules`' autodiscovery; the rules themselves live in permissions.py."""

from . import permissions  # noqa: F401
