"""``hrcase check``: store integrity, audit chain and every attachment's SHA-256."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import col, select

from hrcase.domain.models import Attachment
from hrcase.i18n import _, ngettext
from hrcase.vault import Vault
from hrcase.vault import attachments as content
from hrcase.vault.audit import verify_chain


@dataclass
class CheckReport:
    """What ``check`` found; ``ok`` when nothing."""

    problems: list[str] = field(default_factory=list)
    audit_entries: int = 0
    attachments: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_vault(vault: Vault) -> CheckReport:
    """Verify the SQLCipher pages (HMAC), SQLite structure, audit chain and attachments."""
    report = CheckReport()
    with vault.engine.connect() as conn:
        for (message,) in conn.exec_driver_sql("PRAGMA cipher_integrity_check"):
            report.problems.append(_("Encrypted page damaged: %(detail)s") % {"detail": message})
        rows = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        if rows != ["ok"]:
            report.problems.append(ngettext("Database structure: %(n)d problem.",
                                            "Database structure: %(n)d problems.", len(rows))
                                   % {"n": len(rows)})
        rows = list(conn.execute(text("PRAGMA foreign_key_check")))
        if rows:
            report.problems.append(ngettext("%(n)d link points to a missing record.",
                                            "%(n)d links point to missing records.", len(rows))
                                   % {"n": len(rows)})
    with vault.reading() as session:
        for problem in verify_chain(session):
            report.problems.append(_("Audit log altered at entry %(seq)d.") % {"seq": problem.seq})
        report.audit_entries = session.exec(text("SELECT count(*) FROM audit_entry")).one()[0]
        for attachment in session.exec(select(Attachment).where(col(Attachment.deleted).is_(False))):
            report.attachments += 1
            if not content.verify(session, attachment):
                report.problems.append(_("Attachment %(id)s does not match its SHA-256.")
                                       % {"id": attachment.id})
    return report
