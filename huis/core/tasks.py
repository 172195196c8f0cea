"""Background work of the shared core."""

from celery import shared_task

from . import heartbeat


@shared_task(name="core.heartbeat", ignore_result=True)
def heartbeat_task() -> None:
    """Scheduled by beat: running it shows a worker is alive (beat's side is recorded when the
    message is published, see huis.core.heartbeat)."""
    heartbeat.record(heartbeat.WORKER)
