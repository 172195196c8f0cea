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
