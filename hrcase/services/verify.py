"""``hrcase verify FILE``: who signed a dossier PDF or a bundle, and is it intact.

- A PDF is checked with :func:`hrcase.services.pdf_signing.verify_pdf`: its first signature must
  be valid and cover every byte of the file (content appended after signing is a modification).
  The certificates of the open vault's contacts and identities are the known signers; without a
  vault every signer is unknown, but integrity is still checked.
- A bundle is an age file: only a recipient can open it, so checking one needs the vault open.
  Every part is decrypted and hashed in memory, nothing is stored.

The kind of file is told by its first bytes, not by its name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from hrcase.domain.models import Contact
from hrcase.errors import HrcaseError, UsageError
from hrcase.i18n import _
from hrcase.services import bundles
from hrcase.services.identities import all_identities, certificate_der

if TYPE_CHECKING:
    from hrcase.services import Services

MAX_PDF_BYTES = 512 * 1024 * 1024
PDF_WINDOW = 1024
AGE_MAGIC = b"age-encryption.org/v1\n"


@dataclass
class VerifyReport:
    """The answer of ``verify``: what the file is, who signed it, whether it is intact."""

    kind: str  # "pdf" or "bundle"
    intact: bool
    signed: bool
    signer_name: str = ""
    organisation: str = ""
    certificate_fingerprint: str = ""
    fingerprint: str = ""
    known_signer: bool = False
    verified_signer: bool = False
    signed_at: str = ""
    modified_after_signing: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def trusted(self) -> bool:
        """Intact and signed by yourself or a verified contact."""
        return self.intact and self.verified_signer

    def to_json(self) -> dict[str, Any]:
        """Stable JSON for ``--json``."""
        return {"kind": self.kind, "intact": self.intact, "signed": self.signed,
                "signer_name": self.signer_name, "organisation": self.organisation,
                "certificate_fingerprint": self.certificate_fingerprint,
                "fingerprint": self.fingerprint, "known_signer": self.known_signer,
                "verified_signer": self.verified_signer, "signed_at": self.signed_at,
                "modified_after_signing": self.modified_after_signing,
                "trusted": self.trusted, "problems": self.problems}


def verify_file(services: Services | None, path: Path, *, passphrase: str | None = None
                ) -> VerifyReport:
    """Check a dossier PDF or a bundle (``services`` may be None for a PDF; ``passphrase`` is
    used only for a passphrase-protected bundle)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(PDF_WINDOW)
    except OSError as exc:
        raise HrcaseError(_("The file could not be read.")) from exc
    if head.startswith(AGE_MAGIC):
        if services is None:
            raise UsageError(_("A bundle can be checked only by one of its recipients: open "
                               "your vault (--vault) to check it."))
        return _verify_bundle(services, path, passphrase)
    if b"%PDF-" in head:
        return _verify_pdf(services, path)
    raise UsageError(_("This file is neither a PDF document nor an hrcase bundle."))


def _verify_pdf(services: Services | None, path: Path) -> VerifyReport:
    from hrcase.services.pdf_signing import verify_pdf

    try:
        if Path(path).stat().st_size > MAX_PDF_BYTES:
            raise UsageError(_("The file is too large to be a dossier."))
        data = Path(path).read_bytes()
    except OSError as exc:
        raise HrcaseError(_("The file could not be read.")) from exc
    known: list[bytes] = []
    verified: set[bytes] = set()
    if services is not None:
        with services.vault.reading() as session:
            for identity in all_identities(session):
                known.append(identity.certificate_pem.encode("ascii"))
                verified.add(certificate_der(identity.certificate_pem))
            for contact in session.exec(select(Contact)).all():
                known.append(contact.certificate_pem.encode("ascii"))
                if contact.verified:
                    verified.add(certificate_der(contact.certificate_pem))
    report = verify_pdf(data, known)
    result = VerifyReport(kind="pdf", intact=report.intact, signed=report.signed,
                          signer_name=report.signer_name or "",
                          organisation=report.organisation or "",
                          certificate_fingerprint=report.fingerprint or "",
                          known_signer=report.known_signer,
                          signed_at=_iso(report.signed_at),
                          modified_after_signing=report.modified_after_signing,
                          problems=list(report.problems))
    if report.known_signer and services is not None:
        with services.vault.reading() as session:
            result.verified_signer, result.fingerprint = _pdf_signer_status(session, report.fingerprint)
        if not result.verified_signer:
            result.problems.append(_("The signer is a contact whose fingerprint you have not "
                                     "verified."))
    return result


def _pdf_signer_status(session: Any, certificate_fingerprint: str | None) -> tuple[bool, str]:
    """Whether the PDF signer (by certificate fingerprint) is yourself or a verified contact."""
    from hrcase.services.identity_keys import certificate_fingerprint as fingerprint_of

    for identity in all_identities(session):
        if fingerprint_of(identity.certificate_pem.encode("ascii")) == certificate_fingerprint:
            return True, identity.fingerprint
    contacts = sorted(session.exec(select(Contact)).all(), key=lambda c: not c.verified)
    for contact in contacts:
        if fingerprint_of(contact.certificate_pem.encode("ascii")) == certificate_fingerprint:
            return contact.verified, contact.fingerprint
    return False, ""


def _verify_bundle(services: Services, path: Path, passphrase: str | None) -> VerifyReport:
    check = bundles.check_bundle(services, path, passphrase)
    signer = check.signer
    return VerifyReport(kind="bundle", intact=check.intact, signed=signer is not None,
                        signer_name=signer.name if signer else "",
                        organisation=signer.organisation if signer else "",
                        certificate_fingerprint=signer.certificate_fingerprint if signer else "",
                        fingerprint=signer.fingerprint if signer else "",
                        known_signer=bool(signer and signer.known),
                        verified_signer=bool(signer and signer.verified),
                        signed_at=check.created_at, problems=check.problems)


def _iso(value: dt.datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""
