"""Background work of uitdatabank: the outbox sweep and the nightly drift check."""

from celery import shared_task

from . import outbox, services


@shared_task(name="uitdatabank.send_due")
def send_due_task() -> int:
    return outbox.send_due()


@shared_task(name="uitdatabank.drift_check")
def drift_check_task() -> int:
    queued = services.drift_check()
    outbox.send_due()
    return queued
