"""attachment content: out of the store into encrypted blob files, one key per file

Revision ID: 0008
Revises: 0006

Each attachment's chunks (rows of ``attachment_chunk``) are sealed into a blob file in the
vault's ``attachments/`` folder (``hrcase.vault.blobs``) and the file's name and key are kept in
``attachment_blob``; the chunk table goes. Downgrading reads every blob back into chunks; the
files are then deleted once the transaction has committed (``migrate``). The vault's content
folder comes from the migration's configuration (``content_dir``); without it, only a store
without attachment content can be migrated.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
import sqlmodel
from alembic import context, op

from hrcase.vault.blobs import Blob, read_blob, write_blob

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def _content_dir() -> Path:
    folder = context.config.attributes.get("content_dir")
    if folder is None:
        raise RuntimeError("moving attachment content needs the vault's content folder")
    return Path(folder)


def upgrade() -> None:
    op.create_table(
        'attachment_blob',
        sa.Column('attachment_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('file', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('key', sa.LargeBinary(), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachment.id'], ),
        sa.PrimaryKeyConstraint('attachment_id'))
    conn = op.get_bind()
    owners = [row[0] for row in conn.exec_driver_sql(
        "SELECT DISTINCT attachment_id FROM attachment_chunk")]
    for attachment_id in owners:
        pieces = (row[0] for row in conn.exec_driver_sql(
            "SELECT data FROM attachment_chunk WHERE attachment_id = ? ORDER BY seq",
            (attachment_id,)))
        blob = write_blob(_content_dir(), pieces)
        conn.exec_driver_sql(
            "INSERT INTO attachment_blob (attachment_id, file, key, size) VALUES (?, ?, ?, ?)",
            (attachment_id, blob.file, blob.key, blob.size))
    op.drop_table('attachment_chunk')


def downgrade() -> None:
    op.create_table(
        'attachment_chunk',
        sa.Column('attachment_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachment.id'], ),
        sa.PrimaryKeyConstraint('attachment_id', 'seq'))
    conn = op.get_bind()
    rows = conn.exec_driver_sql("SELECT attachment_id, file, key, size FROM attachment_blob")
    for attachment_id, file, key, size in rows.fetchall():
        blob = Blob(file=file, key=bytes(key), size=size)
        for seq, piece in enumerate(read_blob(_content_dir(), blob)):
            conn.exec_driver_sql(
                "INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES (?, ?, ?)",
                (attachment_id, seq, piece))
    op.drop_table('attachment_blob')
