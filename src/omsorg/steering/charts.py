"""Bar charts for the steering reports, laid out for a small SVG template (issue 9 §6).

A chart here is geometry only: the template `steering/_chart.html` draws it as SVG, server
side, with no script, and puts the same figures in a table beside it. The chart is readable
without colour, because every series has its own pattern (solid, hatched, dotted) and every bar
its value written next to it; a screen reader skips the drawing (`aria-hidden`) and reads the
table, which holds every figure the bars show.

Bars are horizontal: long unit names fit on a line of their own above the bars, and the
drawing scales down to a 390 px wide phone through its viewBox. Negative values (a budget
overrun) grow to the left of the zero line.

Pure: no Django. Numbers are formatted by a function the caller passes (the page's locale).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

PATTERNS = ("solid", "hatch", "dots")
WIDTH = 640
LABEL_HEIGHT = 18  # a category's name, on its own line above its bars
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 14
LEGEND_HEIGHT = 26
VALUE_ROOM = 120  # room beside the longest bar for its written value
MARGIN = 8


class ChartError(ValueError):
    pass


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal | None, ...]  # one per category; None = no figure (no bar)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    pattern: str
    text: str  # the value as written beside the bar ("–" when there is no figure)
    text_x: float
    text_y: float
    text_anchor: str  # "start" (right of the bar) or "end" (left of a negative bar)


@dataclass(frozen=True)
class Group:
    label: str
    label_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class LegendItem:
    name: str
    pattern: str
    x: float
    y: float

    @property
    def text_x(self) -> float:
        return self.x + 22

    @property
    def text_y(self) -> float:
        return self.y + 10


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """What the template draws, and the table that says the same in words."""

    key: str  # unique on the page: the pattern and table ids derive from it
    title: str
    category_name: str  # the table's first column header ("Month", "Unit")
    unit: str  # what the values count ("kr", "%", "hours"), for the table's header
    width: int
    height: int
    zero_x: float
    plot_top: float
    plot_bottom: float
    groups: tuple[Group, ...]
    legend: tuple[LegendItem, ...]
    series_names: tuple[str, ...]
    rows: tuple[TableRow, ...]

    @property
    def table_id(self) -> str:
        return f"{self.key}-table"

    @property
    def patterns(self) -> tuple[str, ...]:
        return PATTERNS[: len(self.series_names)]


def plain_number(value: Decimal) -> str:
    """A default format: thousands grouped by a non-breaking space, decimal comma."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def bar_chart(
    *,
    key: str,
    title: str,
    category_name: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    fmt: Callable[[Decimal], str] = plain_number,
    empty: str = "–",
) -> Chart:
    """Lay out one group of bars per category, one bar per series."""
    if not 1 <= len(series) <= len(PATTERNS):
        raise ChartError(f"a chart has 1 to {len(PATTERNS)} series")
    for one in series:
        if len(one.values) != len(categories):
            raise ChartError(f"series {one.name!r} has not one value per category")
    values = [v for one in series for v in one.values if v is not None]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    span = (high - low) or Decimal(1)
    plot_left = MARGIN + (VALUE_ROOM if low < 0 else 0)
    plot_width = WIDTH - plot_left - MARGIN - VALUE_ROOM
    scale = plot_width / float(span)
    zero_x = plot_left + float(-low) * scale
    y = float(MARGIN + LEGEND_HEIGHT)
    plot_top = y
    groups = []
    for index, label in enumerate(categories):
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        bars = []
        for number, one in enumerate(series):
            bars.append(_bar(one.values[index], PATTERNS[number], y, zero_x, scale, fmt, empty))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(Group(label, label_y, tuple(bars)))
        y += GROUP_GAP - BAR_GAP
    legend = tuple(
        LegendItem(one.name, PATTERNS[number], MARGIN + number * 200, MARGIN)
        for number, one in enumerate(series)
    )
    rows = tuple(
        TableRow(label, tuple(_text(one.values[i], fmt, empty) for one in series))
        for i, label in enumerate(categories)
    )
    return Chart(
        key=key,
        title=title,
        category_name=category_name,
        unit=unit,
        width=WIDTH,
        height=int(y + MARGIN),
        zero_x=zero_x,
        plot_top=plot_top,
        plot_bottom=y - GROUP_GAP + BAR_GAP,
        groups=tuple(groups),
        legend=legend,
        series_names=tuple(one.name for one in series),
        rows=rows,
    )


def _text(value: Decimal | None, fmt, empty: str) -> str:
    return empty if value is None else fmt(value)


def _bar(value, pattern: str, y: float, zero_x: float, scale: float, fmt, empty: str) -> Bar:
    text_y = y + BAR_HEIGHT - 4
    if value is None:
        return Bar(zero_x, y, 0, BAR_HEIGHT, pattern, empty, zero_x + 4, text_y, "start")
    length = abs(float(value)) * scale
    if value < 0:
        x = zero_x - length
        return Bar(x, y, length, BAR_HEIGHT, pattern, fmt(value), x - 4, text_y, "end")
    end = zero_x + length
    return Bar(zero_x, y, length, BAR_HEIGHT, pattern, fmt(value), end + 4, text_y, "start")
