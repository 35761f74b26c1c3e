"""Alembic environment: runs on the keyed connection hrcase hands over (never a URL)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import hrcase.domain.models  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
