"""Background work of the house: the nightly retention run."""

from celery import shared_task

from .retention import retention_apply


@shared_task(name="core.apply_retention")
def apply_retention_task() -> dict[str, int]:
    return retention_apply()
