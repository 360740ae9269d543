"""The schema's revisions, importable without SQLAlchemy (the fast paths read them)."""

# Every migration's revision id, oldest first; the last is the head. A test checks this
# against Alembic's own view of app/model/store/migrations/versions.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD = REVISIONS[-1]
