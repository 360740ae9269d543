"""How long a database server may keep Hearth waiting before it cancels the statement.

The engine sets these limits on every connection (`app.model.store.db`), and the sentence
that says a statement was cancelled names them (`app.model.safety.storage_errors`). A leaf,
so that the sentences read the limits without importing the engine. Both read them when they
are used, so a test may shorten them.
"""

# How long one statement may wait for another session's lock, and may run at all; an import's
# transaction (`Store.importer`) is given more of both.
SERVER_LOCK_TIMEOUT_SECONDS = 15
SERVER_STATEMENT_TIMEOUT_SECONDS = 120
IMPORT_LOCK_TIMEOUT_SECONDS = 120
IMPORT_STATEMENT_TIMEOUT_SECONDS = 1800
