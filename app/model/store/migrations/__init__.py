"""Alembic migrations, applied automatically by `app.model.store.schema.ensure_current`."""
