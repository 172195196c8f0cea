"""Each function's section of the yearly report."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class ReportSection:
    """One function's part of the yearly report (huis.core.report).

    `build(*, period)` returns a `huis.core.report.figures.Section` for a `Period` (start and end
    dates): its figures, each with the definition printed beside it, and the pseudonymous keys
    of the people it counted (`huis.core.report.people.person_key`), never names. `scopes` are
    the versioned-cache scopes of every table it reads (each watched by the app), so a section
    is built again only when its data changed. `code`: the modules whose source shapes it.
    """

    name: str
    title: str | Promise
    build: Callable[..., Any]
    scopes: tuple[str, ...]
    code: tuple[str, ...] = ()
    order: int = 100


_report_sections: dict[str, ReportSection] = {}


def register_report_section(section: ReportSection) -> None:
    _report_sections[section.name] = section


def report_sections() -> list[ReportSection]:
    return sorted(_report_sections.values(), key=lambda s: (s.order, s.name))
