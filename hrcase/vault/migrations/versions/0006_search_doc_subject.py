"""search index: search_doc rows by subject, so that a selective filter drives a search

Revision ID: 0006
Revises: 0005

A filter such as one case names a few hundred subjects; with this index the search reads their
texts and checks them against the query instead of walking every match of a common word
(``hrcase.services.search``). Derived data: the index is built from the rows already there.
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX search_doc_subject ON search_doc (subject_id)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS search_doc_subject")
