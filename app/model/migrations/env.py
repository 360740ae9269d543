"""Alembic environment: always run on the connection `app.model.migrate` hands in."""

from __future__ import annotations

from alembic import context

import app.model.entities  # noqa: F401  (registers every table on Base.metadata)
from app.model.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through app.model.migrate (or tools/new_migration.py)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    user_module_prefix="app.model.types.",
)
with context.begin_transaction():
    context.run_migrations()
