"""The encrypted store: key slots, SQLCipher engine, migrations, attachments, audit, backup."""

from hrcase.vault.errors import (NotAVault, StorageFull, VaultDamaged, VaultError, VaultExists,
                                 VaultInUse, VaultLocked, WrongPassphrase)
from hrcase.vault.keyslots import KdfParams
from hrcase.vault.store import Vault, is_vault

__all__ = ["KdfParams", "NotAVault", "StorageFull", "Vault", "VaultDamaged", "VaultError",
           "VaultExists", "VaultInUse", "VaultLocked", "WrongPassphrase", "is_vault"]
