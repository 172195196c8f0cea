"""`manage.py report_bench`: how long the yearly report takes on this database (issue #27).

    manage.py report_bench                 the busiest year of the data (most activities)
    manage.py report_bench --year 2025     one year
    manage.py report_bench --runs 3        repeat the cold build (the median is reported)

For each run it makes the report "cold" (every section's scopes bumped, as after a change of
data everywhere), timing each section, then opens it "warm" (what the page does when it is made
for this year and data version), and writes the PDF, the workbook and the CSV. It runs the same
code as the Celery task (huis.core.report.build), in this process. A benchmark, not a test: on a
shared machine the numbers are noise around the real ones; say how busy the machine was.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import translation

from huis.core.registry import report_sections
from huis.core.report import exports
from huis.core.report.build import build_report, ready_report, section_for
from huis.core.report.figures import Period
from huis.core.report.pdf import report_pdf
from huis.core.versioned_cache import bump


def _busiest_year() -> int:
    from django.apps import apps

    activity = apps.get_model("ontmoeting", "Activity")  # only read, to pick a year
    row = (
        activity.objects.annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return row["year"] if row else 2026


class Command(BaseCommand):
    help = "Time the yearly report (cold build per section, warm open, PDF, XLSX, CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--runs", type=int, default=1)
        parser.add_argument("--language", default="nl")

    def handle(self, *args, year: int | None, runs: int, language: str, **options):
        translation.activate(language)
        year = year or _busiest_year()
        period = Period.year(year)
        self.stdout.write(f"Yearly report {year} on database {connection.settings_dict['NAME']}")
        colds = []
        for run in range(1, runs + 1):
            for section in report_sections():
                bump(*section.scopes)
            per_section = {}
            started = time.perf_counter()
            for section in report_sections():
                t = time.perf_counter()
                section_for(section, period=period)
                per_section[section.name] = time.perf_counter() - t
            cold = time.perf_counter() - started
            colds.append(cold)
            parts = ", ".join(f"{name} {s:.2f}s" for name, s in per_section.items())
            self.stdout.write(f"run {run}: cold build {cold:.2f}s ({parts})")
        t = time.perf_counter()
        report = ready_report(period=period)
        warm = time.perf_counter() - t
        assert report is not None
        again = build_report(period=period)
        assert again == report, "a second build must give the same numbers"
        timings = {}
        for name, make in (
            ("pdf", lambda: report_pdf(report)),
            ("xlsx", lambda: exports.workbook(report)),
            ("csv", lambda: exports.csv_text(report)),
        ):
            t = time.perf_counter()
            content = make()
            timings[name] = (time.perf_counter() - t, len(content))
        self.stdout.write(f"cold build, median of {runs}: {statistics.median(colds):.2f}s")
        self.stdout.write(
            f"warm open (cached for this year and data version): {warm * 1000:.1f} ms"
        )
        for name, (seconds, size) in timings.items():
            self.stdout.write(f"{name}: {seconds:.2f}s, {size // 1024} KiB")
        self.stdout.write(f"different people (all functions): {report.unique_people}")
        for section in report.sections:
            figures = ", ".join(f"{f.key}={f.value}" for f in section.figures[:4])
            self.stdout.write(f"  {section.name}: {figures}")
