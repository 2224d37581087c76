"""The builder's grid: days × rooms × time rows, as plain data for a table.

Each day is a table whose columns are rooms (plus a venue's own column for
sessions placed in a venue without rooms, such as a virtual stream) and whose
rows are fixed steps of time. A session fills the cell of the step it starts in
and spans the steps it lasts. Sessions that overlap in one column (a conflict
the organiser accepted, or parallel streams in a room-less venue) share one
cell instead of breaking the table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

DEFAULT_DAY_START = dt.time(9, 0)
DEFAULT_DAY_END = dt.time(18, 0)


@dataclass(frozen=True)
class GridColumn:
    key: str
    label: str
    venue_label: str
    capacity: int | None = None
    venue_id: int | None = None
    room_id: int | None = None


@dataclass
class GridCell:
    rowspan: int
    items: list[Any] = field(default_factory=list)
    column: GridColumn | None = None  # the room (or venue) the cell belongs to: a drop target
    row: int = 0
    col: int = 0


@dataclass
class GridRow:
    time: dt.time
    cells: list[GridCell | None]  # None: covered by a cell above (rowspan)


@dataclass
class GridDay:
    day: dt.date
    number: int
    columns: list[GridColumn]
    rows: list[GridRow]
    count: int = 0


@dataclass(frozen=True)
class GridItem:
    """One session to draw: which column, its local start and end, and anything to show."""

    column_key: str
    starts: dt.datetime  # local, naive or aware: only the wall-clock time is used
    ends: dt.datetime
    payload: Any


def _floor(moment: dt.time, step: int) -> dt.time:
    minutes = (moment.hour * 60 + moment.minute) // step * step
    return dt.time(minutes // 60, minutes % 60)


def _minutes(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def grid_day(
    *,
    day: dt.date,
    number: int,
    columns: list[GridColumn],
    items: list[GridItem],
    step_minutes: int = 30,
    day_start: dt.time | None = None,
    day_end: dt.time | None = None,
) -> GridDay:
    start = _minutes(_floor(day_start or DEFAULT_DAY_START, step_minutes))
    end = _minutes(day_end or DEFAULT_DAY_END)
    for item in items:
        start = min(start, _minutes(_floor(item.starts.time(), step_minutes)))
        end_minutes = (
            24 * 60 if item.ends.date() > item.starts.date() else _minutes(item.ends.time())
        )
        end = max(end, end_minutes)
    row_count = max(1, math.ceil((end - start) / step_minutes))

    # Blocks per column: [first row, last row + 1, items], merged when they overlap.
    blocks: dict[str, list[list[Any]]] = {column.key: [] for column in columns}
    for item in sorted(items, key=lambda i: (i.starts, i.ends)):
        first = (_minutes(item.starts.time()) - start) // step_minutes
        end_minutes = (
            24 * 60 if item.ends.date() > item.starts.date() else _minutes(item.ends.time())
        )
        last = max(first + 1, math.ceil((end_minutes - start) / step_minutes))
        column_blocks = blocks.setdefault(item.column_key, [])
        if column_blocks and first < column_blocks[-1][1]:
            column_blocks[-1][1] = max(column_blocks[-1][1], last)
            column_blocks[-1][2].append(item.payload)
        else:
            column_blocks.append([first, last, [item.payload]])

    rows: list[GridRow] = []
    for index in range(row_count):
        minutes = start + index * step_minutes
        cells: list[GridCell | None] = []
        for position, column in enumerate(columns):
            cell: GridCell | None = GridCell(rowspan=1, column=column, row=index, col=position)
            for first, last, payloads in blocks.get(column.key, []):
                if first == index:
                    cell = GridCell(
                        rowspan=min(last, row_count) - first,
                        items=payloads,
                        column=column,
                        row=index,
                        col=position,
                    )
                    break
                if first < index < last:
                    cell = None
                    break
            cells.append(cell)
        rows.append(GridRow(time=dt.time(minutes // 60 % 24, minutes % 60), cells=cells))
    return GridDay(day=day, number=number, columns=columns, rows=rows, count=len(items))
