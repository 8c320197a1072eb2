"""Exact sums of number columns on both databases: totals rows, grouped sums, board columns.

PostgreSQL adds NUMERIC values exactly. SQLite keeps a decimal as an integer or a real (see
`ExactDecimal`) and its SUM adds reals as binary floats: 100,000 amounts with cents come to
665189368.2999985 instead of 665189368.30. There, a decimal column is added up in exact integer
sums: the whole parts, split into millions and units so that 10**8 values of the largest size
(`DECIMAL_LIMIT`) add up inside 64 bits, and the fractions in billionths; they are put together
as a Decimal. A stored real keeps 15 significant digits, so its fraction is first rounded to the
places the whole part leaves it (at most nine, `DECIMAL_PLACES`): 123456789.123456 adds .123456,
not the .12345600128 of its binary form.

A value outside the range a write accepts (`DECIMAL_LIMIT`, `INTEGER_LIMIT`) can still be in a
database, written before the range was checked or by SQL: SQLite's integer SUM would overflow on
it and fail the whole page. Such values are left out of the exact sums and added as floats
(`TOTAL`, which never overflows), so that a total stays an answer.

    total = exact_sum(column, "sqlite", decimal=True)
    row = conn.execute(select(*total.columns)).one()
    total.value(row)                                   # Decimal('665189368.3')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, case, cast, func, literal_column

from kartoteka.schema_engine.tables import ExactDecimal, plain_decimal
from kartoteka.schema_engine.types import DECIMAL_LIMIT, DECIMAL_PLACES, INTEGER_LIMIT

#: Places of the fractions SQLite's sums keep (billionths).
FRACTION_PLACES = DECIMAL_PLACES
_MILLION = 10**6
#: Significant digits a real keeps.
_DIGITS = 15
#: Digits the sum is put together with: more than 10**8 of the largest values need.
_WIDE = Context(prec=60)


@dataclass(frozen=True)
class Sum:
    """A sum to select: its SQL columns and how they make the value.

    `split`: SQLite's parts (millions, units, billionths and what lies outside the range) for
    decimals, (in range, outside) for whole numbers; otherwise the one column is the sum.
    """

    columns: tuple[ColumnElement[Any], ...]
    split: bool
    decimal: bool = True

    def value(self, parts: Sequence[Any]) -> Any:
        """The sum from this sum's selected columns, in order (0 when nothing was added)."""
        if not self.split:
            return parts[0]
        outside = float(parts[-1] or 0)
        if not self.decimal:
            exact = int(parts[0] or 0)
            return exact if outside == 0 else exact + _whole_of(outside)
        millions, units, billionths = (int(part or 0) for part in parts[:3])
        with localcontext(_WIDE):
            total = (Decimal(millions) * _MILLION + units
                     + Decimal(billionths).scaleb(-FRACTION_PLACES))
            if outside and math.isfinite(outside):
                total += Decimal(repr(outside))
        return plain_decimal(total)


def _whole_of(number: float) -> int:
    return int(number) if math.isfinite(number) else 0


def exact_sum(column: ColumnElement[Any], dialect: str, *, decimal: bool) -> Sum:
    """The sum of `column` (0 for no rows); `decimal`: its values are decimals, not integers."""
    if dialect != "sqlite":
        kind: Any = ExactDecimal() if decimal else Integer()
        return Sum((func.coalesce(func.sum(column, type_=kind), 0, type_=kind),), False, decimal)
    limit = DECIMAL_LIMIT if decimal else INTEGER_LIMIT
    # BETWEEN, not abs(): SQLite's abs() of the smallest 64-bit integer is itself an overflow.
    inside = column.between(literal_column(f"-{limit}"), literal_column(str(limit)))
    outside = func.total(case((inside, None), else_=column), type_=Float())
    if not decimal:
        exact = func.sum(case((inside, column), else_=None), type_=Integer())
        return Sum((_zero_if_none(exact), outside), True, False)
    kept = case((inside, column), else_=None)
    whole = cast(kept, Integer)
    millions = cast(whole.op("/")(literal_column(str(_MILLION), Integer())), Integer)
    units = whole - millions * literal_column(str(_MILLION), Integer())
    fraction = cast(_billionths(kept - whole, func.abs(kept)), Integer)
    return Sum(
        (
            _zero_if_none(func.sum(millions, type_=Integer())),
            _zero_if_none(func.sum(units, type_=Integer())),
            _zero_if_none(func.sum(fraction, type_=Integer())),
            outside,
        ),
        True,
    )


def _zero_if_none(total: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.coalesce(total, 0, type_=Integer())


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
