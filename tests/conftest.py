"""Shared fixtures. Qt runs headless in every test (set before any Qt import)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HRCASE_PASSPHRASE", None)
os.environ.pop("HRCASE_VAULT", None)

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hrcase.i18n import set_language  # noqa: E402

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _english_and_private_umask() -> Iterator[None]:
    old = os.umask(0o077)
    set_language("en")
    yield
    set_language("en")
    os.umask(old)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "field.hrcase"


@pytest.fixture
def vault(vault_path: Path) -> Iterator["object"]:
    from hrcase.vault import Vault

    opened, _recovery = Vault.create(vault_path, PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def services(vault: "object") -> "object":
    from hrcase.services import Services

    return Services(vault, "Tester")
