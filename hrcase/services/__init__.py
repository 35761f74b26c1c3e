"""Use cases shared by the command line and the desktop app.

``Services(vault, actor)`` bundles the services of one open vault, with the change hooks that
keep derived data (the search index) in step inside each write transaction.
"""

from __future__ import annotations

from pathlib import Path

from hrcase.services import search_index
from hrcase.services.attachments import AttachmentService
from hrcase.services.records import ChangeHook, RecordService
from hrcase.services.settings import RESEARCHER_NAME, get_setting, set_setting
from hrcase.vault import Vault
from hrcase.vault import audit
from hrcase.vault.backup import backup_to


class Services:
    """Every service of one open vault.

    ``self.hooks`` starts with the search index's hook; the ``hooks`` given run after it.
    """

    def __init__(self, vault: Vault, actor: str | None = None,
                 hooks: list[ChangeHook] | None = None) -> None:
        self.vault = vault
        self.actor = actor if actor is not None else get_setting(vault, RESEARCHER_NAME, "")
        self.hooks: list[ChangeHook] = [search_index.on_change, *(hooks or [])]
        self.records = RecordService(vault, self.actor, self.hooks)
        self.attachments = AttachmentService(vault, self.actor, self.hooks)

    def set_researcher_name(self, name: str) -> None:
        """The name recorded as author of this vault's changes from now on."""
        set_setting(self.vault, RESEARCHER_NAME, name)
        self.actor = self.records.actor = self.attachments.actor = name

    def backup(self, dest: Path) -> Path:
        """A consistent encrypted copy of the vault in the new folder ``dest``; audited."""
        path = backup_to(self.vault, dest)
        with self.vault.writing() as session:
            audit.append(session, actor=self.actor, action="backup")
        return path
