"""How long a database may keep Hearth waiting: a SQLite file another writer holds, a server
before it cancels the statement, and before Hearth itself gives up on a server that does not
answer at all.

The engine sets these limits on every connection (`app.model.store.db`,
`app.model.store.server_silence`), and the sentences that say a statement was cancelled or the
server did not answer name them (`app.model.safety.storage_errors`). A leaf, so that the
sentences read the limits without importing the engine. All read them when they are used, so a
test may shorten them.
"""

# How long a writer waits for another to finish with a SQLite file before saying the file is
# locked: long enough for an ordinary import in another window or command (100,000 time entries
# take ~5 s, see bench/RESULTS.md), short enough that a file held by another program is said
# within a minute. Also how long a backup's reading waits for a writer.
BUSY_TIMEOUT_SECONDS = 60

# How long one statement may wait for another session's lock, and may run at all; an import's
# transaction (`Store.importer`) is given more of both. A transaction left idle halfway (its
# computer gone, or gone silent) is ended by the server after the statement limit (an import's
# after its own), letting go of what it held.
SERVER_LOCK_TIMEOUT_SECONDS = 15
SERVER_STATEMENT_TIMEOUT_SECONDS = 120
IMPORT_LOCK_TIMEOUT_SECONDS = 120
IMPORT_STATEMENT_TIMEOUT_SECONDS = 1800

# How long connecting to the server may take (libpq's connect_timeout; at least 2 s).
CONNECT_TIMEOUT_SECONDS = 5

# A server or a network that stops answering while the connection stays up (which neither the
# limits above nor TCP keepalives end; `app.model.store.server_silence`): after a request has
# waited PROBE_SECONDS, and as often again, Hearth asks the server on another connection whether
# it is working on it, and gives up when it is not, or does not answer that either (connecting
# and the question each wait PING_SECONDS) — so silence is known within about 20 s. A server
# that says it is working is waited for up to the statement limit and ANSWER_GRACE_SECONDS more,
# so that a server that is only slow cancels the statement itself first and says why. The check
# that a pooled connection still works, before it is used, waits PING_SECONDS.
PROBE_SECONDS = 10
ANSWER_GRACE_SECONDS = 10
PING_SECONDS = 5
