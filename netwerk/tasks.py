"""Background work of the network: the sweep that queues evaluation reminders (beat, daily)."""

from celery import shared_task


@shared_task(name="netwerk.evaluations_remind", acks_late=True, ignore_result=True)
def evaluations_remind() -> int:
    from .services import evaluations_remind_due

    return evaluations_remind_due()
