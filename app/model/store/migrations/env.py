"""Alembic environment: always run on the connection `app.model.store.migrate` hands in."""

from __future__ import annotations

from alembic import context

import app.model.store.entities  # noqa: F401  (registers every table on Base.metadata)
from app.model.store.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through app.model.store.migrate (or tools/new_migration.py)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    user_module_prefix="app.model.store.types.",
)
with context.begin_transaction():
    context.run_migrations()
