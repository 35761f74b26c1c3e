"""``hrcase check``: store integrity, audit chain and every attachment's content and SHA-256.

Damage never stops the check half-way: each part is checked on its own, and a part that cannot
be read because a page is damaged is reported as a problem naming that part (the encrypted page
check names the pages themselves), so the user learns everything that is wrong in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import col, select

from hrcase.domain.models import Attachment
from hrcase.i18n import _, ngettext
from hrcase.vault import Vault, VaultDamaged
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


@contextmanager
def _part(report: CheckReport, unreadable: Callable[[], str]) -> Iterator[None]:
    """Run one part of the check; a damaged page becomes the problem ``unreadable()``."""
    try:
        yield
    except VaultDamaged:
        report.problems.append(unreadable())


def check_vault(vault: Vault) -> CheckReport:
    """Verify the SQLCipher pages (HMAC), SQLite structure, audit chain and attachments.

    Each part reads in its own transaction: after SQLite meets a damaged page, the rest of that
    transaction fails too, so one damaged page must not hide the state of the other parts.
    """
    report = CheckReport()
    with _part(report, lambda: _("The encrypted pages could not all be checked.")), \
            vault.engine.connect() as conn:
        # The page check reads store.db itself, not the WAL. After a checkpoint that a full disk
        # interrupted, store.db can end in a torn page whose good copy is still in the WAL:
        # finish the checkpoint first (StorageFull if there is still no room), so that only
        # real damage is reported.
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        for (message,) in conn.exec_driver_sql("PRAGMA cipher_integrity_check"):
            report.problems.append(_("Encrypted page damaged: %(detail)s") % {"detail": message})
    with _part(report, lambda: _("Database structure: damaged, it could not be read.")), \
            vault.engine.connect() as conn:
        rows = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        if rows != ["ok"]:
            report.problems.append(ngettext("Database structure: %(n)d problem.",
                                            "Database structure: %(n)d problems.", len(rows))
                                   % {"n": len(rows)})
    with _part(report, lambda: _("Links between records: damaged, they could not be read.")), \
            vault.engine.connect() as conn:
        rows = list(conn.execute(text("PRAGMA foreign_key_check")))
        if rows:
            report.problems.append(ngettext("%(n)d link points to a missing record.",
                                            "%(n)d links point to missing records.", len(rows))
                                   % {"n": len(rows)})
    with _part(report, lambda: _("Audit log: damaged, it could not be read.")), \
            vault.reading() as session:
        for problem in verify_chain(session):
            report.problems.append(_("Audit log altered at entry %(seq)d.") % {"seq": problem.seq})
        report.audit_entries = session.exec(text("SELECT count(*) FROM audit_entry")).one()[0]
    attachments: list[Attachment] = []
    with _part(report, lambda: _("Attachments: damaged, the list could not be read.")), \
            vault.reading() as session:
        attachments = list(session.exec(select(Attachment)
                                        .where(col(Attachment.deleted).is_(False))))
    for attachment in attachments:
        report.attachments += 1
        with _part(report, lambda a=attachment: _("Attachment %(id)s is damaged: its content "
                                                  "could not be read.") % {"id": a.id}), \
                vault.reading() as session:
            if not content.verify(session, attachment):
                report.problems.append(_("Attachment %(id)s does not match its SHA-256.")
                                       % {"id": attachment.id})
    return report
