"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers.

`bar_chart(rows, value=...)` computes the geometry from any rows that have a `label` and a numeric
attribute; the app's template draws it, with a data table holding the same numbers beside it.
`stacked=True` puts each label on its own line above its bar, in a narrower drawing: readable on a
360 px phone. Shared by beeldvorming (reach) and kwartiermaken (outreach overviews).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 640
LABEL_WIDTH = 220
VALUE_SPACE = 70
BAR_HEIGHT = 26
GAP = 10
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int
    label_y: int = 0


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int
    label_anchor: str = "end"


STACKED_WIDTH = 360
STACKED_LABEL = 20


def bar_chart(
    rows: Sequence[Any], *, value: str = "people", max_label: int = 30, stacked: bool = False
) -> BarChart:
    """One horizontal bar per row, for the row's `label` and its attribute named `value`."""
    if stacked:
        return _stacked(rows, value=value, max_label=max_label)
    values = [int(getattr(row, value) or 0) for row in rows]
    largest = max(values, default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_SPACE
    bars = []
    for index, (row, number) in enumerate(zip(rows, values, strict=True)):
        y = TOP + index * (BAR_HEIGHT + GAP)
        # A bar of at least 2 units, so a small but real number is still visible.
        width = round(room * number / largest) if largest else 0
        if number and width < 2:
            width = 2
        text = str(row.label)
        label = text if len(text) <= max_label else text[: max_label - 1] + "…"
        bars.append(
            Bar(
                label=label,
                value=number,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2 + 6,
                value_x=LABEL_WIDTH + width + 8,
            )
        )
    height = TOP * 2 + max(len(rows), 1) * (BAR_HEIGHT + GAP)
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=height,
        label_x=LABEL_WIDTH - 8,
        bar_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
    )


def _stacked(rows: Sequence[Any], *, value: str, max_label: int) -> BarChart:
    values = [int(getattr(row, value) or 0) for row in rows]
    largest = max(values, default=0)
    room = STACKED_WIDTH - VALUE_SPACE
    step = STACKED_LABEL + BAR_HEIGHT + GAP
    bars = []
    for index, (row, number) in enumerate(zip(rows, values, strict=True)):
        top = TOP + index * step
        y = top + STACKED_LABEL
        width = round(room * number / largest) if largest else 0
        if number and width < 2:
            width = 2
        text = str(row.label)
        label = text if len(text) <= max_label else text[: max_label - 1] + "…"
        bars.append(
            Bar(
                label=label,
                value=number,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2 + 6,
                value_x=width + 8,
                label_y=top + 15,
            )
        )
    return BarChart(
        bars=bars,
        width=STACKED_WIDTH,
        height=TOP * 2 + max(len(rows), 1) * step,
        label_x=0,
        bar_x=0,
        bar_height=BAR_HEIGHT,
        label_anchor="start",
    )
