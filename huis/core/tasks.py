"""Background work of the shared core: the heartbeat and the nightly retention run."""

from celery import shared_task

from . import heartbeat
from .retention import retention_apply


@shared_task(name="core.heartbeat", ignore_result=True)
def heartbeat_task() -> None:
    """Scheduled by beat: running it shows a worker is alive (beat's side is recorded when the
    message is published, see huis.core.heartbeat)."""
    heartbeat.record(heartbeat.WORKER)


@shared_task(name="core.apply_retention")
def apply_retention_task() -> dict[str, int]:
    return retention_apply()


@shared_task(name="core.build_report", time_limit=300, soft_time_limit=280)
def build_report_task(start: str, end: str, language: str) -> None:
    """Make the yearly report for a period in `language` (huis.core.report): each section is
    kept under its data's version, so the page then opens it at once."""
    import datetime as dt

    from django.utils import translation

    from .report.build import build_in_background
    from .report.figures import Period

    period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    with translation.override(language):
        build_in_background(period=period)
