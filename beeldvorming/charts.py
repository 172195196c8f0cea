"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers.

The template (beeldvorming/partials/bar_chart.html) draws the numbers computed here; a data table
with the same numbers stands beside every chart.
"""

from dataclasses import dataclass

from .selectors import ReachRow

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


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int


def bar_chart(rows: list[ReachRow], *, max_label: int = 30) -> BarChart:
    largest = max((row.people for row in rows), default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_SPACE
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        # A bar of at least 2 units, so a small but real number is still visible.
        width = round(room * row.people / largest) if largest else 0
        if row.people and width < 2:
            width = 2
        label = row.label if len(row.label) <= max_label else row.label[: max_label - 1] + "…"
        bars.append(
            Bar(
                label=label,
                value=row.people,
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
