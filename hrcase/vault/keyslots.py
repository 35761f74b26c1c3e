"""Key slots: the vault's random data key, wrapped by the passphrase and by a recovery key.

The data key (256 random bits) keys the SQLCipher store directly ("raw key"), so SQLCipher's
own PBKDF2 is never used. Each slot derives a wrapping key with Argon2id from a secret (the
passphrase or the recovery key) and seals the data key with AES-256-GCM. The GCM tag
authenticates the slot: a wrong secret fails there, before the store is touched, which lets
hrcase tell "wrong passphrase" from "damaged store" (SQLCipher reports both as "file is not a
database"). Changing the passphrase rewrites only the slot file, never the store.

The slot file is JSON (``keyslots.json``), public apart from the sealed keys. Python cannot wipe
``str`` or ``bytes``; key material is kept in ``bytearray`` where the APIs allow it.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from hrcase.errors import ValidationError
from hrcase.i18n import _
from hrcase.vault.errors import VaultDamaged, WrongPassphrase
from hrcase.vault.fsutil import write_private_file

FORMAT = "hrcase-keyslots"
VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to copy by hand
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 5  # 40 characters of 5 bits = 200 bits


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, iterations, lanes."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4

    MAX_MEMORY_KIB = 4 * 1024 * 1024

    def check(self) -> None:
        """Refuse parameters that are absurd (a tampered slot file could ask for 1 TiB)."""
        if not (8 <= self.memory_kib <= self.MAX_MEMORY_KIB and 1 <= self.iterations <= 64
                and 1 <= self.lanes <= 64 and self.memory_kib >= 8 * self.lanes):
            raise VaultDamaged()  # Argon2 itself needs memory >= 8 KiB per lane


_DERIVE_LOCK = threading.Lock()
"""One derivation at a time per process: two concurrent multi-lane Argon2id derivations hang for
ever with cryptography 50 on OpenSSL 4.0 (found by tests/faults; GUI jobs may unlock, back up
and change passphrases from several threads)."""


MIN_PASSPHRASE_LENGTH = 8


def check_passphrase_strength(passphrase: str) -> None:
    """Refuse passphrases shorter than 8 characters (the one rule of the CLI and the GUI)."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError("passphrase", _("The passphrase is too short: use at least 8 "
                                              "characters, better a few words."))


def derive(secret: bytes, salt: bytes, params: KdfParams) -> bytearray:
    """Argon2id(secret, salt) -> 32-byte wrapping key."""
    params.check()
    kdf = Argon2id(salt=salt, length=32, iterations=params.iterations, lanes=params.lanes,
                   memory_cost=params.memory_kib)
    with _DERIVE_LOCK:
        return bytearray(kdf.derive(secret))


def new_recovery_key() -> str:
    """A random recovery key in groups a person can copy by hand (200 bits)."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET)
                    for _position in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(chars[i:i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN))


def normalise_recovery_key(text: str) -> bytes:
    """Accept a recovery key typed with any case, spaces or dashes."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.encode("ascii", "ignore")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise VaultDamaged()
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise VaultDamaged() from exc


@dataclass
class Slot:
    """One sealed copy of the data key."""

    kind: str  # "passphrase" | "recovery"
    params: KdfParams
    salt: bytes
    nonce: bytes
    sealed: bytes

    def aad(self, vault_id: str) -> bytes:
        """Bind the seal to this vault and slot kind and cost."""
        p = self.params
        return f"{FORMAT}/{VERSION}/{vault_id}/{self.kind}/{p.memory_kib}/{p.iterations}/{p.lanes}".encode()

    @classmethod
    def seal(cls, kind: str, secret: bytes, data_key: bytearray, vault_id: str,
             params: KdfParams) -> "Slot":
        """Wrap ``data_key`` under ``secret``."""
        slot = cls(kind, params, os.urandom(16), os.urandom(12), b"")
        wrapping = derive(secret, slot.salt, params)
        try:
            slot.sealed = AESGCM(bytes(wrapping)).encrypt(slot.nonce, bytes(data_key), slot.aad(vault_id))
        finally:
            wrapping[:] = bytes(len(wrapping))
        return slot

    def open(self, secret: bytes, vault_id: str) -> bytearray | None:
        """The data key, or None when ``secret`` is not this slot's."""
        wrapping = derive(secret, self.salt, self.params)
        try:
            return bytearray(AESGCM(bytes(wrapping)).decrypt(self.nonce, self.sealed, self.aad(vault_id)))
        except InvalidTag:
            return None
        finally:
            wrapping[:] = bytes(len(wrapping))

    def to_json(self) -> dict[str, Any]:
        p = self.params
        return {"kind": self.kind,
                "kdf": {"name": "argon2id", "memory_kib": p.memory_kib, "iterations": p.iterations,
                        "lanes": p.lanes, "salt": _b64(self.salt)},
                "nonce": _b64(self.nonce), "sealed": _b64(self.sealed)}

    @classmethod
    def from_json(cls, data: Any) -> "Slot":
        try:
            kdf = data["kdf"]
            if kdf["name"] != "argon2id" or data["kind"] not in ("passphrase", "recovery"):
                raise VaultDamaged()
            params = KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
            slot = cls(data["kind"], params, _unb64(kdf["salt"]), _unb64(data["nonce"]),
                       _unb64(data["sealed"]))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise VaultDamaged() from exc
        params.check()
        if (len(slot.nonce) != 12 or len(slot.sealed) != DATA_KEY_BYTES + 16
                or not 8 <= len(slot.salt) <= 64):
            raise VaultDamaged()
        return slot


@dataclass
class KeySlots:
    """The slot file of one vault."""

    vault_id: str
    slots: list[Slot]

    @classmethod
    def create(cls, vault_id: str, data_key: bytearray, passphrase: bytes, recovery: bytes | None,
               params: KdfParams) -> "KeySlots":
        """Slots for a new vault: one for the passphrase, one for the recovery key if given."""
        slots = [Slot.seal("passphrase", passphrase, data_key, vault_id, params)]
        if recovery is not None:
            slots.append(Slot.seal("recovery", recovery, data_key, vault_id, params))
        return cls(vault_id, slots)

    def unlock(self, secret: bytes, kind: str = "passphrase") -> bytearray:
        """Open the data key with a passphrase (or recovery key); WrongPassphrase if none opens."""
        for slot in self.slots:
            if slot.kind == kind:
                key = slot.open(secret, self.vault_id)
                if key is not None:
                    return key
        raise WrongPassphrase()

    def rewrap(self, data_key: bytearray, kind: str, secret: bytes, params: KdfParams) -> None:
        """Replace the slots of ``kind`` by one sealed under ``secret``."""
        fresh = Slot.seal(kind, secret, data_key, self.vault_id, params)
        self.slots = [s for s in self.slots if s.kind != kind] + [fresh]

    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, "vault_id": self.vault_id,
               "cipher": "sqlcipher4-raw-key", "slots": [s.to_json() for s in self.slots]}
        return json.dumps(doc, indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "KeySlots":
        """Parse a slot file; VaultDamaged for anything malformed."""
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT or doc.get("version") != VERSION:
                raise VaultDamaged()
            vault_id = doc["vault_id"]
            slots = [Slot.from_json(item) for item in doc["slots"]]
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError,
                RecursionError) as exc:
            raise VaultDamaged() from exc
        if not isinstance(vault_id, str) or not slots:
            raise VaultDamaged()
        try:
            vault_id.encode("utf-8")  # a lone surrogate (JSON "\ud800") is not text
        except UnicodeEncodeError as exc:
            raise VaultDamaged() from exc
        return cls(vault_id, slots)

    def save(self, path: Path) -> None:
        write_private_file(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> "KeySlots":
        """Read the slot file; VaultDamaged naming the slot file when it is missing or malformed."""
        try:
            return cls.from_bytes(path.read_bytes())
        except (OSError, VaultDamaged) as exc:
            raise VaultDamaged(_("The key slot file (keyslots.json) is missing or damaged. "
                                 "Restore it from a backup of this vault.")) from exc
