"""The report ready for a template (the page and the PDF): texts of the numbers and the
geometry of the vector charts. `suppress`: counts of fewer than five people become "<5"
(always in what leaves the house; the coordinators' page shows them as they are)."""

from dataclasses import dataclass
from typing import Any

from huis.core.charts import bar_chart

from .build import Report
from .figures import shown


@dataclass(frozen=True)
class _Bar:
    label: str
    value: int
    text: str


def _chart(chart, *, suppress: bool, key: str) -> dict[str, Any]:
    rows = [
        _Bar(r.label, r.value, shown(r.value, people=chart.people, suppress=suppress))
        for r in chart.rows
    ]
    geometry = bar_chart(rows, value="value", max_label=30)
    return {
        "key": key,
        "title": chart.title,
        "geometry": geometry,
        "bars": [
            {"bar": bar, "text": row.text} for bar, row in zip(geometry.bars, rows, strict=True)
        ],
        "rows": rows,
    }


def present(report: Report, *, suppress: bool) -> dict[str, Any]:
    sections = []
    for section in report.sections:
        sections.append(
            {
                "name": section.name,
                "title": section.title,
                "figures": [
                    {
                        "label": f.label,
                        "text": shown(f.value, people=f.people, suppress=suppress),
                        "definition": f.definition,
                        "unit": f.unit,
                    }
                    for f in section.figures
                ],
                "charts": [
                    _chart(chart, suppress=suppress, key=f"{section.name}-{index}")
                    for index, chart in enumerate(section.charts)
                    if chart.rows
                ],
            }
        )
    return {
        "period": report.period,
        "unique_people": shown(report.unique_people, people=True, suppress=suppress),
        "sections": sections,
        "suppressed": suppress,
    }
