"""Schema migrations with alembic, run on a keyed connection before a vault is used."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from hrcase.vault.attachments import remove_orphans

SCRIPTS = Path(__file__).resolve().parent / "migrations"

DERIVED_TABLES = frozenset({
    "search_doc", "search_date", "search_name", "search_name_key",
    "search_fts", "search_fts_data", "search_fts_idx", "search_fts_content",
    "search_fts_docsize", "search_fts_config",
})
"""Tables of derived data made with raw SQL (the search index, an FTS5 table and its shadow
tables): not models, so comparing the schema with the models leaves them out."""


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate's name filter: everything but the derived tables."""
    return not (type_ == "table" and name in DERIVED_TABLES)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of hrcase knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the store is at (None for an empty store)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revision(revision: str | None) -> bool:
    """Whether ``revision`` is one of ours (a newer hrcase may have made an unknown one)."""
    if revision is None:
        return True
    script = ScriptDirectory.from_config(_config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def upgrade(engine: Engine, target: str = "head", *, content_dir: Path | None = None) -> None:
    """Migrate the store up to ``target`` in one transaction.

    ``content_dir`` is the vault's folder of attachment content files (``Vault.content_dir``):
    a migration that moves content needs it.
    """
    _run(engine, command.upgrade, target, content_dir)


def downgrade(engine: Engine, target: str, *, content_dir: Path | None = None) -> None:
    """Migrate the store down to ``target`` (used by tests and by rollback tooling)."""
    _run(engine, command.downgrade, target, content_dir)


def _run(engine: Engine, action: object, target: str, content_dir: Path | None) -> None:
    config = _config()
    config.attributes["content_dir"] = content_dir
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        action(config, target)  # type: ignore[operator]
    if content_dir is not None:  # files of a failed step, or that a downgrade read back
        with engine.connect() as conn:
            remove_orphans(conn, content_dir)
