"""Background work for the outbox. Tasks take ids; the services claim rows, so a task that runs
twice (late acknowledgement after a crash, the beat firing twice) sends nothing twice."""

from celery import shared_task

from .services import notification_send, notifications_send_due


@shared_task(name="notifications.send", acks_late=True, ignore_result=True)
def send_notification(notification_id: int) -> bool:
    return notification_send(notification_id=notification_id)


@shared_task(name="notifications.send_due", acks_late=True, ignore_result=True)
def send_due_notifications() -> int:
    return notifications_send_due()
