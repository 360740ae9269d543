"""Alembic migrations, applied automatically by `app.model.schema.ensure_current`."""
