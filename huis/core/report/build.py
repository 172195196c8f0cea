"""Gathering the sections for a period: each kept under its data's version, with progress.

A section is computed at most once per period, language and version of its data; the page
opens the report at once when every section is there (`ready_report`), else it asks Celery to
build it (`huis.core.tasks.build_report_task`) and shows how far that got (`progress`).
"""

import dataclasses
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.utils import translation

from huis.core.registry import ReportSection, report_sections
from huis.core.versioned_cache import (
    VALUES,
    Cached,
    all_ready,
    code_version,
    is_recording,
    read_with_versions,
)

from .figures import Period, Section

TIMEOUT = 60 * 60 * 24 * 30
RUNNING_FOR = 5 * 60  # a build not finished after this is taken as lost (a worker restarted)


@dataclass(frozen=True)
class Report:
    period: Period
    sections: list[Section]
    unique_people: int  # over every section that counts people, each person once


@cache
def _cached(name: str) -> Cached:
    section = next(s for s in report_sections() if s.name == name)
    existing = VALUES.get(f"report:{name}")
    if existing is not None:
        return existing
    return Cached(
        f"report:{name}",
        scopes=tuple(section.scopes),
        timeout=TIMEOUT,
        code=("huis.core.report", *section.code),
    )


def _parts(period: Period) -> tuple[str, str]:
    return period.key(), translation.get_language() or "nl"


def _report(period: Period, sections: list[Section]) -> Report:
    keys: set[str] = set()
    for section in sections:
        keys |= section.people_keys
    return Report(period=period, sections=sections, unique_people=len(keys))


def section_for(section: ReportSection, *, period: Period) -> Section:
    # Restamped: a report made on request is then seen as made, even if a stamp was dropped.
    return _cached(section.name).get_or_set(
        *_parts(period), compute=lambda: section.build(period=period), restamp=True
    )


def build_report(
    *, period: Period, on_progress: Callable[[int, int, str], None] | None = None
) -> Report:
    """Every section for `period` (from the cache where its data did not change)."""
    registered = report_sections()
    sections = []
    for done, section in enumerate(registered):
        if on_progress is not None:
            on_progress(done, len(registered), str(section.title))
        sections.append(section_for(section, period=period))
    if on_progress is not None:
        on_progress(len(registered), len(registered), "")
    return _report(period, sections)


def ready_report(*, period: Period) -> Report | None:
    """The report when every section is kept under its data's current version, else None.

    Opened from its summary in one round trip: the sections' figures and the house-wide count,
    kept under the versions of every section's data, without the people's pseudonymous keys
    the sections carry for that count (at full scale those are most of a section: 750 KB for
    the open house, against a few KB of figures). The summary is made from the sections the
    first time the report is opened after its data changed."""
    # Not a `Cached` value: the guard test wants every such value to read tables, and the
    # summary reads none (it is made from the sections, which are `Cached`). Same entry shape.
    key, scopes = _summary_place(period)
    if not is_recording():
        current, entry = read_with_versions(key, scopes)
        if entry is not None:
            return entry[1]
    else:
        current = None
    # Before reading the sections (with the people's keys, megabytes at full scale), learn from
    # their stamps whether all are there: after any change to the year's data one is not, and the
    # page says the report must be made again (issue #30: it read 8 MB to learn that).
    if not all_ready([(_cached(s.name), _parts(period)) for s in report_sections()]):
        return None
    sections = []
    for section in report_sections():
        found = _cached(section.name).get(*_parts(period))
        if found is None:
            return None
        sections.append(found)
    report = _report(period, sections)
    summary = dataclasses.replace(
        report,
        sections=[dataclasses.replace(s, people_keys=frozenset()) for s in report.sections],
    )
    if current is not None:
        # Under the versions read before the sections: were they bumped meanwhile, the next
        # opening reads newer versions, misses this summary and makes it again.
        shared_cache.set(key, (current, summary), TIMEOUT)
    return summary


def report_html(*, period: Period, render: Callable[[Report], str]) -> str | None:
    """The report's page part, `render(report)`, when every section is ready, else None. Kept
    beside the summary, under the same versions, with the templates' source in its key: at full
    scale drawing a report's dozens of tables took most of the page's time (issue #30), and it
    changes only when the data or the templates do."""
    summary_key, scopes = _summary_place(period)
    key = f"report-html:{_templates_version()}:{summary_key}"
    current = None
    if not is_recording():
        current, entry = read_with_versions(key, scopes)
        if entry is not None:
            return entry[1]
    # Read after the versions: had the data changed meanwhile, this copy is stored under the
    # older versions and never read again.
    report = ready_report(period=period)
    if report is None:
        return None
    html = render(report)
    if current is not None:
        shared_cache.set(key, (current, html), TIMEOUT)
    return html


@cache
def _templates_version() -> str:
    """The report's templates and the project's catalogs (a release that only changes a
    translation draws the report again)."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent.parent / "templates" / "core" / "report"
    catalogs = [p for d in settings.LOCALE_PATHS for p in Path(d).rglob("*.po")]
    for path in [*sorted(folder.iterdir()), *sorted(catalogs)]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def _summary_scopes() -> tuple[str, ...]:
    return tuple(sorted({scope for s in report_sections() for scope in s.scopes}))


def _summary_place(period: Period) -> tuple[str, tuple[str, ...]]:
    """The summary's key (its period, language and the code of every section) and scopes."""
    codes = sorted({"huis.core.report"} | {c for s in report_sections() for c in s.code})
    words = ["report-summary", *_parts(period), code_version(*codes)]
    digest = hashlib.sha256("\x1f".join(words).encode()).hexdigest()
    return f"report-summary:{digest}", _summary_scopes()


def pdf_key(*, period: Period) -> str:
    """Where the PDF of the report is kept: it names every section's current data version and
    code, so a PDF is never served for data that changed since."""
    keys = [_cached(s.name).key(*_parts(period)) for s in report_sections()]
    return "report-pdf:" + hashlib.sha256("|".join(keys).encode()).hexdigest()


def report_pdf_bytes(*, report: Report) -> bytes:
    """The report's PDF, made once per data version (WeasyPrint takes seconds)."""
    from .pdf import report_pdf

    key = pdf_key(period=report.period)
    content = shared_cache.get(key)
    if content is None:
        content = report_pdf(report)
        shared_cache.set(key, content, TIMEOUT)
    return content


# --- Progress of a build in the background ------------------------------------------------------


def _progress_key(period: Period) -> str:
    return "report-progress:{}:{}".format(*_parts(period))


def progress(*, period: Period) -> dict | None:
    """{"done", "total", "current", "started", "failed"} of the build running for `period`."""
    state = shared_cache.get(_progress_key(period))
    if state and not state.get("failed") and time.time() - state["started"] > RUNNING_FOR:
        return None
    return state


def mark_queued(*, period: Period) -> bool:
    """Note that a build is asked for; False when one is already running (ask only once)."""
    state = {"done": 0, "total": len(report_sections()), "current": "", "started": time.time()}
    running = progress(period=period)
    if running and not running.get("failed"):
        return False
    shared_cache.set(_progress_key(period), state, RUNNING_FOR)
    return True


def build_in_background(*, period: Period) -> Report:
    """What the Celery task runs: the report, with its progress kept for the page."""
    key = _progress_key(period)
    started = time.time()

    def note(done: int, total: int, current: str) -> None:
        shared_cache.set(
            key,
            {"done": done, "total": total, "current": current, "started": started},
            RUNNING_FOR,
        )

    try:
        report = build_report(period=period, on_progress=note)
        note(len(report.sections), len(report.sections), "PDF")
        report_pdf_bytes(report=report)  # the download then starts at once
    except Exception:
        shared_cache.set(key, {"failed": True, "started": started, "done": 0, "total": 0}, 600)
        raise
    shared_cache.delete(key)
    return report
