"""Alembic environment: runs on the keyed connection hrcase hands over (never a URL)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import hrcase.domain.models  # noqa: F401  (registers the tables)
from hrcase.vault.migrate import include_name

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=True, compare_type=True, include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
