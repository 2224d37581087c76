"""The builder's grid layout: rows of time, a cell per session spanning its length."""

import datetime as dt

from datacon.program.schedule_grid import GridColumn, GridItem, grid_day

DAY = dt.date(2031, 5, 11)
COLUMNS = [
    GridColumn(key="r1", label="A", venue_label="V"),
    GridColumn(key="r2", label="B", venue_label="V"),
]


def _item(column, start, end, name):
    return GridItem(
        column_key=column,
        starts=dt.datetime.combine(DAY, dt.time.fromisoformat(start)),
        ends=dt.datetime.combine(DAY, dt.time.fromisoformat(end)),
        payload=name,
    )


def _shape(grid):
    return [
        (
            row.time.strftime("%H:%M"),
            [None if c is None else (c.rowspan, c.items) for c in row.cells],
        )
        for row in grid.rows
    ]


def test_grid_spans_sessions_over_their_rows_and_leaves_covered_cells_out():
    grid = grid_day(
        day=DAY, number=1, columns=COLUMNS,
        items=[_item("r1", "09:00", "10:00", "uno"), _item("r2", "09:30", "10:15", "dos")],
        day_start=dt.time(9, 0), day_end=dt.time(10, 30),
    )  # fmt: skip
    assert _shape(grid) == [
        ("09:00", [(2, ["uno"]), (1, [])]),
        ("09:30", [None, (2, ["dos"])]),
        ("10:00", [(1, []), None]),
    ]
    assert grid.count == 2


def test_grid_stretches_to_sessions_outside_the_default_hours():
    grid = grid_day(day=DAY, number=1, columns=COLUMNS, items=[_item("r1", "07:15", "08:00", "temprano")],
                    day_start=dt.time(9, 0), day_end=dt.time(9, 30))  # fmt: skip
    assert grid.rows[0].time == dt.time(7, 0)
    assert grid.rows[-1].time == dt.time(9, 0)
    assert grid.rows[0].cells[0].items == ["temprano"]


def test_overlapping_sessions_in_one_column_share_a_cell():
    grid = grid_day(
        day=DAY, number=1, columns=COLUMNS,
        items=[_item("r1", "09:00", "10:00", "uno"), _item("r1", "09:30", "11:00", "choca")],
        day_start=dt.time(9, 0), day_end=dt.time(11, 0),
    )  # fmt: skip
    first = grid.rows[0].cells[0]
    assert (first.rowspan, first.items) == (4, ["uno", "choca"])
    assert [row.cells[0] for row in grid.rows[1:]] == [None, None, None]
