"""Attachments: add files into the vault, read them back from memory, save decrypted copies."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from hrcase.domain.base import new_id
from hrcase.domain.models import Attachment
from hrcase.domain.validation import validate
from hrcase.errors import HrcaseError, ValidationError
from hrcase.i18n import _
from hrcase.services.records import ChangeHook, get_record, insert_record
from hrcase.vault import Vault
from hrcase.vault import attachments as content
from hrcase.vault import audit
from hrcase.vault.fsutil import FILE_MODE

MAX_FILENAME = 255
INLINE_VIEW_TYPES = ("image/", "text/")


def safe_filename(name: str) -> str:
    """The last path component of ``name`` without control characters, at most 255 bytes in
    UTF-8 (the limit of common file systems; so at most 255 characters too), keeping a short
    extension when it has to shorten the name.

    Attachment names come from outside (files, bundles); they are data, never paths to write to.
    """
    base = name.replace("\\", "/").split("/")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    if not base:
        raise ValidationError("filename", _("The file name is empty or not allowed."))
    stem, dot, ext = base.rpartition(".")
    if len(base.encode("utf-8")) > MAX_FILENAME:
        suffix = "." + ext if dot and len(ext) < 16 else ""
        base = _utf8_prefix(stem if suffix else base, MAX_FILENAME - len(suffix.encode("utf-8")))
        base += suffix
    return base


def _utf8_prefix(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form has at most ``limit`` bytes."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def guess_media_type(filename: str) -> str:
    """A media type from the file name (no content sniffing)."""
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def viewable_inside(attachment: Attachment) -> bool:
    """Images and text open inside the app from memory; anything else needs a saved copy."""
    return attachment.media_type.startswith(INLINE_VIEW_TYPES)


class AttachmentService:
    """Use cases for attachment content."""

    def __init__(self, vault: Vault, actor: str, hooks: Sequence[ChangeHook] = ()) -> None:
        self.vault = vault
        self.actor = actor
        self.hooks = list(hooks)

    def add(self, source: Path | BinaryIO, *, filename: str | None = None,
            owner_kind: str = "", owner_id: str | None = None, media_type: str | None = None,
            captured_at: str = "", provenance: str = "") -> Attachment:
        """Stream a file (or an open binary stream) into the vault; audited with its SHA-256.

        The content is stored first, under the new record's id (its content row's foreign key is
        checked at commit), so that the record is created - and its audit entry written - with
        its final size and hash: no version without content ever appears in the history.
        """
        name = safe_filename(filename or (Path(source).name if isinstance(source, (str, Path))
                                          else "attachment"))
        fields = {"id": new_id(), "filename": name,
                  "media_type": media_type or guess_media_type(name), "owner_kind": owner_kind,
                  "owner_id": owner_id, "captured_at": captured_at, "provenance": provenance}
        validate("attachment", fields)  # refuse bad fields before streaming gigabytes
        if isinstance(source, (str, Path)):
            try:
                stream: BinaryIO = open(source, "rb")
            except OSError as exc:
                raise HrcaseError(_("The file could not be read.")) from exc
        else:
            stream = source
        with stream, self.vault.writing() as session:
            session.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            stored = Attachment(id=fields["id"], filename=name)  # only carries size and hash
            content.store_content(session, stored, content.chunks_of(stream))
            return insert_record(session, self.actor, "attachment",
                                 {**fields, "size": stored.size, "sha256": stored.sha256},
                                 self.hooks)

    def read(self, attachment_id: str) -> bytes:
        """The whole content in memory (for viewing images and text inside the app)."""
        return b"".join(self.open_stream(attachment_id))

    def open_stream(self, attachment_id: str) -> Iterator[bytes]:
        """The content chunk by chunk."""
        with self.vault.reading() as session:
            get_record(session, "attachment", attachment_id)
            yield from content.read_content(session, attachment_id)

    def save_copy(self, attachment_id: str, dest: Path) -> Path:
        """Write a DECRYPTED copy to ``dest`` (the user asked for it and was warned); audited."""
        dest = Path(dest)
        try:
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError as exc:
            raise HrcaseError(_("A file with this name already exists; choose another.")) from exc
        except OSError as exc:
            raise HrcaseError(_("The file could not be written.")) from exc
        with os.fdopen(fd, "wb") as out:
            for piece in self.open_stream(attachment_id):
                out.write(piece)
        with self.vault.writing() as session:
            audit.append(session, actor=self.actor, action="export", entity="attachment",
                         entity_id=attachment_id, detail="decrypted copy")
        return dest
