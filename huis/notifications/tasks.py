"""Background work for the outbox. Tasks take ids; the services claim rows, so a task that runs
twice (late acknowledgement after a crash, the beat firing twice) sends nothing twice."""

from celery import shared_task

from .services import notification_send, notifications_send_due
from .sweep import sweep_helpers_wanted


@shared_task(name="notifications.send", acks_late=True, ignore_result=True)
def send_notification(notification_id: int) -> bool:
    return notification_send(notification_id=notification_id)


@shared_task(name="notifications.send_due", acks_late=True, ignore_result=True)
def send_due_notifications(helping: bool = False) -> int:
    """The sweep. With many rows due it first asks the worker's other processes to sweep beside
    it (`sweep_helpers_wanted`); a helper does not ask again. Each process claims its own rows
    (SKIP LOCKED), so every row still goes once. A helper that waited in the queue past the next
    sweep is dropped: that sweep asks anew.

    While all processes sweep, a message sent at once (a sign-up's confirmation) waits for one of
    them to finish its batch: seconds, during a wave of reminders."""
    if not helping:
        for _ in range(sweep_helpers_wanted()):
            send_due_notifications.apply_async(kwargs={"helping": True}, expires=HELPER_EXPIRES)
    return notifications_send_due()


# Seconds a helper may wait in the queue (the beat's sweep comes every minute).
HELPER_EXPIRES = 60
