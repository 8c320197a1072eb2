"""Exact sums of number columns on both databases: totals rows, grouped sums, board columns.

PostgreSQL adds NUMERIC values exactly. SQLite keeps a decimal as an integer or a real (see
`ExactDecimal`) and its SUM adds reals as binary floats: 100,000 amounts with cents come to
665189368.2999985 instead of 665189368.30. There, a decimal column is added up in two exact
integer sums: the whole parts, and the fractions in billionths; the two are put together as a
Decimal. A stored real keeps 15 significant digits, so its fraction is first rounded to the
places the whole part leaves it (at most nine, more than any money amount has): 123456789.123456
adds .123456, not the .12345600128 of its binary form.

    total = exact_sum(column, "sqlite", decimal=True)
    row = conn.execute(select(*total.columns)).one()
    total.value(row)                                   # Decimal('665189368.3')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, cast, func, literal_column

from kartoteka.schema_engine.tables import ExactDecimal, plain_decimal

#: Places of the fractions SQLite's sums keep (billionths).
FRACTION_PLACES = 9
_SCALE = literal_column(str(10**FRACTION_PLACES), Integer())
#: Significant digits a real keeps.
_DIGITS = 15


@dataclass(frozen=True)
class Sum:
    """A sum to select: its SQL columns (one or two) and how they make the value."""

    columns: tuple[ColumnElement[Any], ...]
    split: bool

    def value(self, parts: Sequence[Any]) -> Any:
        """The sum from this sum's selected columns, in order (0 when nothing was added)."""
        if not self.split:
            return parts[0]
        whole, billionths = (int(part or 0) for part in parts)
        return plain_decimal(Decimal(whole) + Decimal(billionths).scaleb(-FRACTION_PLACES))


def exact_sum(column: ColumnElement[Any], dialect: str, *, decimal: bool) -> Sum:
    """The sum of `column` (0 for no rows); `decimal`: its values are decimals, not integers."""
    if not decimal:
        return Sum((func.coalesce(func.sum(column, type_=Integer()), 0, type_=Integer()),), False)
    if dialect != "sqlite":
        kind = ExactDecimal()
        return Sum((func.coalesce(func.sum(column, type_=kind), 0, type_=kind),), False)
    whole = cast(column, Integer)
    fraction = cast(_billionths(column - whole, func.abs(column)), Integer)
    return Sum(
        (
            func.coalesce(func.sum(whole, type_=Integer()), 0, type_=Integer()),
            func.coalesce(func.sum(fraction, type_=Integer()), 0, type_=Integer()),
        ),
        True,
    )


def _billionths(fraction: ColumnElement[Any], magnitude: ColumnElement[Any]) -> ColumnElement[Any]:
    """The fraction in billionths, rounded first to the places the whole part leaves: a value
    under 10**6 keeps 9, under 10**7 keeps 8, ..., from 10**14 on none. Comparisons, not the
    length of the whole part as text, which made a board's sums three times slower."""
    tiers = [
        (magnitude < literal_column(f"1e{_DIGITS - places}"),
         func.round(fraction * literal_column(f"1e{places}"))
         * literal_column(str(10 ** (FRACTION_PLACES - places)), Integer()))
        for places in range(FRACTION_PLACES, 0, -1)
    ]
    return case(*tiers, else_=literal_column("0", Integer()))
