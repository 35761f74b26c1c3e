"""Signed PDF dossiers that a UN treaty body, a court or a newsroom can rely on.

``build_dossier(services, DossierRequest(...))`` gathers the records of one scope (a case, a
person across cases, or a Convention article across cases; see ``collect``), applies the
audience's withholding rules (``withhold``), lays the PDF out in memory (``render``), signs it
in memory when asked (PAdES, ``hrcase.services.pdf_signing``), and writes the final bytes once
to the requested file with mode 0600. Nothing else is written: no temporary file, no cache.
``preview_withheld`` tells the export dialog beforehand what the audience's rules will leave out.

The signing identity is the request's ``signing_key_pem``/``certificate_pem`` when given, else
the vault's active identity (``hrcase.services.identities``; ``NoIdentityError`` when there is
none, raised before any work is done). Each dossier is recorded in the audit chain (scope, audience,
language, page count and the SHA-256 of the file; no record content).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.x509.oid import NameOID

from hrcase.i18n import LANGUAGES, _, current_language
from hrcase.services.dossier.collect import (
    SCOPES,
    DossierContent,
    DossierError,
    collect_content,
)
from hrcase.services.dossier.render import render_pdf
from hrcase.services.dossier.texts import Texts
from hrcase.services.dossier.withhold import AUDIENCES
from hrcase.services.identities import active_identity, material_of
from hrcase.services.pdf_signing import sign_pdf
from hrcase.vault import audit
from hrcase.vault.fsutil import FILE_MODE

if TYPE_CHECKING:
    from hrcase.services import Services

__all__ = ["AUDIENCES", "SCOPES", "DossierError", "DossierRequest", "DossierResult",
           "build_dossier", "preview_withheld"]

ProgressFn = Callable[[int, int, str], object]
"""Called now and then with (done, total, text); may raise to cancel (the GUI's jobs do)."""


@dataclass(frozen=True)
class DossierRequest:
    """What to put in a dossier, for whom, in which language, and where to write it.

    ``scope`` is "case", "person" or "article"; ``ids`` are case ids, person ids or article
    codes (``cat_3``…). ``audience`` is "internal", "un" or "public". With ``sign``, the PDF is
    signed with ``signing_key_pem``/``certificate_pem`` (and ``chain_pems``) when given, else
    with the vault's active identity.
    """

    scope: str
    ids: Sequence[str]
    lang: str
    audience: str
    out: Path
    sign: bool = False
    visible_signature: bool = False
    organisation: str = ""
    author: str = ""
    signing_key_pem: bytes | None = None
    certificate_pem: bytes | None = None
    chain_pems: Sequence[bytes] = ()


@dataclass(frozen=True)
class DossierResult:
    """The written dossier: where, how many pages, its SHA-256, and what was left out."""

    path: Path
    pages: int
    size: int
    sha256: str
    signed: bool
    withheld: list[str] = field(default_factory=list)
    build_seconds: float = 0.0
    sign_seconds: float = 0.0


def _check(request: DossierRequest) -> None:
    if request.scope not in SCOPES or request.audience not in AUDIENCES:
        raise DossierError(_("This value is not in the list of allowed values."))
    if request.lang not in LANGUAGES:
        raise DossierError(_("A dossier can be written in English, Russian or Kazakh."))
    if not Path(request.out).parent.is_dir():
        raise DossierError(_("The folder for the dossier does not exist."))


def _content(services: Services, request: DossierRequest) -> DossierContent:
    return collect_content(services, request.scope, list(request.ids), request.lang, request.audience,
                   request.organisation, request.author)


def preview_withheld(services: Services, request: DossierRequest) -> list[str]:
    """What the audience's rules will leave out, one sentence per category (interface
    language); empty when nothing is left out (always for internal dossiers)."""
    _check(request)
    content = _content(services, request)
    return content.withheld.lines(Texts(current_language()))


def _identity(services: Services, request: DossierRequest
              ) -> tuple[bytes, bytes, list[bytes]]:
    """Signing key, certificate and chain: from the request, else the vault's identity."""
    if request.signing_key_pem and request.certificate_pem:
        return request.signing_key_pem, request.certificate_pem, list(request.chain_pems)
    with services.vault.reading() as session:
        identity = active_identity(session)  # NoIdentityError when there is none
        material = material_of(identity)
        chain = [part.encode("ascii") for part in _split_pem(identity.chain_pem)]
    return material.signing_key_pem, material.certificate_pem, chain


def _split_pem(text: str) -> list[str]:
    end = "-----END CERTIFICATE-----"
    return [block + end for block in text.split(end) if block.strip()]


def _signer_name(request: DossierRequest, certificate_pem: bytes) -> str:
    from hrcase.services.identity_keys import load_certificate, subject_attribute

    if request.author:
        return request.author
    return subject_attribute(load_certificate(certificate_pem), NameOID.COMMON_NAME) or ""


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` once, mode 0600 (an existing file is replaced in place)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(
        os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except OSError as exc:
        raise DossierError(_("The dossier could not be written to the chosen file.")) from exc
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        Path(path).unlink(missing_ok=True)
        raise DossierError(_("The dossier could not be written to the chosen file.")) from exc


def build_dossier(services: Services, request: DossierRequest,
                  progress: ProgressFn | None = None) -> DossierResult:
    """Make the dossier ``request`` asks for and write it (only) to ``request.out``."""
    _check(request)
    identity = _identity(services, request) if request.sign else None
    started = time.perf_counter()
    content = _content(services, request)
    pdf, pages = render_pdf(content, author=request.author, signed=request.sign,
                            stamp=request.sign and request.visible_signature, progress=progress)
    built = time.perf_counter()
    if identity is not None:
        key, certificate, chain = identity
        pdf = sign_pdf(pdf, key, certificate, chain, reason=Texts(request.lang)("sign_reason"),
                       location=None, signer_name=_signer_name(request, certificate),
                       visible=request.visible_signature)
    signed = time.perf_counter()
    out = Path(request.out)
    _write_private(out, pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    with services.vault.writing() as session:
        audit.append(session, actor=services.actor, action="export",
                     entity=request.scope, entity_id=",".join(request.ids)[:1000],
                     detail=f"dossier audience={request.audience} lang={request.lang} pages={pages} "
                            f"signed={request.sign} sha256={digest}")
    return DossierResult(path=out, pages=pages, size=len(pdf), sha256=digest,
                         signed=request.sign,
                         withheld=content.withheld.lines(Texts(current_language())),
                         build_seconds=built - started, sign_seconds=signed - built)
