"""Errors of opening, reading and checking a vault; each is one translated sentence."""

from __future__ import annotations

from hrcase.errors import HrcaseError
from hrcase.i18n import _


class VaultError(HrcaseError):
    """Base of vault errors."""

    exit_code = 10

    def __str__(self) -> str:
        return self.args[0] if self.args else self.message()

    def message(self) -> str:
        """The default sentence for this error."""
        return _("The vault could not be used.")


class WrongPassphrase(VaultError):
    """No key slot opens with the passphrase or recovery key given."""

    exit_code = 11

    def message(self) -> str:
        return _("Wrong passphrase: the vault did not open. Nothing was changed.")


class NotAVault(VaultError):
    """The path is not an hrcase vault."""

    exit_code = 12

    def message(self) -> str:
        return _("This is not an hrcase vault.")


class VaultDamaged(VaultError):
    """The key slots or the store are damaged (truncated, flipped bytes, missing file)."""

    exit_code = 13

    def message(self) -> str:
        return _("The vault is damaged and cannot be opened. Restore it from a backup.")


class VaultInUse(VaultError):
    """Another hrcase process has the vault open for writing."""

    exit_code = 14

    def message(self) -> str:
        return _("The vault is open in another hrcase window or process. Close it there first.")


class VaultExists(VaultError):
    """A vault (or any file) already exists where a new one should be created."""

    exit_code = 15

    def message(self) -> str:
        return _("A file or folder already exists at this place; choose another.")


class VaultLocked(VaultError):
    """The vault was locked; the key is gone until it is unlocked again."""

    exit_code = 16

    def message(self) -> str:
        return _("The vault is locked.")


class StorageFull(VaultError):
    """The disk is full or refused a write; the change was rolled back."""

    exit_code = 17

    def message(self) -> str:
        return _("The disk is full or refused to write. The change was not saved; the vault is unchanged.")
