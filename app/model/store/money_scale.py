"""How many decimals money keeps in the store (SQLite keeps it as a whole number of
ten-thousandths): apart from `types`, so what reads the file with sqlite3 alone (hearth-cli
status) knows it without importing SQLAlchemy."""

MONEY_SCALE = 4
