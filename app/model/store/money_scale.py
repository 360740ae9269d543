"""How money is kept in the store: how many decimals (SQLite keeps it as a whole number of
ten-thousandths) and the limit every amount is below; apart from `types`, so what reads the
file without SQLAlchemy (hearth-cli status, the goals) knows them."""

from decimal import Decimal

MONEY_SCALE = 4
MONEY_PRECISION = 18  # digits in all, MONEY_SCALE of them after the point
MONEY_LIMIT = Decimal(10) ** (MONEY_PRECISION - MONEY_SCALE)  # every amount is smaller
