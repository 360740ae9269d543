"""The domain: models, services, importers, the weekly review. Imports no Qt, ever.

Submodules are imported where they are used, so that a command-line call pays only for
what it needs (SQLAlchemy's ORM alone costs a noticeable part of a second to import).
"""
