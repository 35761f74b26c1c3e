"""Vault settings: kept inside the encrypted store, because they may reveal content."""

from __future__ import annotations

from typing import Any

from hrcase.domain.models import Setting
from hrcase.vault import Vault

RESEARCHER_NAME = "researcher_name"


def get_setting(vault: Vault, key: str, default: Any = None) -> Any:
    """A setting's value, or ``default``."""
    with vault.reading() as session:
        row = session.get(Setting, key)
        return default if row is None else row.value


def set_setting(vault: Vault, key: str, value: Any) -> None:
    """Store a setting (replacing the old value)."""
    with vault.writing() as session:
        row = session.get(Setting, key) or Setting(key=key)
        row.value = value
        session.add(row)
