"""Typed errors shared by every layer.

Each error carries one translated sentence for the user (``str(error)``) and an exit code the
command line returns. Messages never contain record content.
"""

from __future__ import annotations


class HrcaseError(Exception):
    """Base of every error a user may see; ``details`` lists sub-problems (e.g. bad rows)."""

    exit_code = 1
    details: list[str] = []


class UsageError(HrcaseError):
    """The user asked for something that does not make sense (bad option, missing vault)."""

    exit_code = 2


class ValidationError(HrcaseError):
    """A value is not acceptable; ``field`` names it."""

    exit_code = 3

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


class NotFoundError(HrcaseError):
    """A record, contact or file does not exist."""

    exit_code = 4


class ConflictError(HrcaseError):
    """The record changed since it was read (revision mismatch)."""

    exit_code = 5
