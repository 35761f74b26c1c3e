"""search index: FTS5 texts, date spans and cross-script name keys

Revision ID: 0003
Revises: 0002

Derived data only (rebuilt from the records whenever it is missing or older than the program's
analysis: see ``hrcase.services.search_index``), so the upgrade makes empty tables and the
downgrade drops them. The tables are not models; ``hrcase.vault.migrate.DERIVED_TABLES`` names
them so that autogenerate leaves them alone.
"""

from __future__ import annotations

from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_CREATE = (
    """CREATE TABLE search_doc (
        docid INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        hit_kind TEXT NOT NULL,
        hit_id TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        field TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX search_doc_source ON search_doc (source_id)",
    """CREATE VIRTUAL TABLE search_fts USING fts5 (
        body, root, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TABLE search_date (
        id TEXT NOT NULL PRIMARY KEY,
        lo TEXT NOT NULL,
        hi TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE search_name (
        nid INTEGER PRIMARY KEY,
        name_id TEXT NOT NULL UNIQUE,
        person_id TEXT NOT NULL
    )""",
    "CREATE INDEX search_name_person ON search_name (person_id)",
    """CREATE TABLE search_name_key (
        key TEXT NOT NULL,
        nid INTEGER NOT NULL,
        PRIMARY KEY (key, nid)
    ) WITHOUT ROWID""",
    "CREATE INDEX search_name_key_nid ON search_name_key (nid)",
)


def upgrade() -> None:
    for statement in _CREATE:
        op.execute(statement)


def downgrade() -> None:
    for table in ("search_name_key", "search_name", "search_date", "search_fts", "search_doc"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
    op.execute("DELETE FROM setting WHERE key = 'search.index_version'")
