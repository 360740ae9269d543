"""The window's way to its database: the first start, data safety, the offline
copy of a server's data, choosing a database."""
