"""Demo notification data: channel choices for demo people, a failed message for staff to see,
text messages with their delivery status and a number that replied STOP."""

from django.utils import timezone

from huis.accounts.models import User
from huis.core.registry import register_demo_seeder

from .models import Notification, NotificationPreference, SmsOptOut


@register_demo_seeder("notifications", order=20)
def seed(*, stdout) -> None:
    second_visitor = User.objects.filter(email="bezoeker2@huis.example").first()
    if second_visitor is not None:
        # Noor wants text messages as well as email; a fictional Belgian mobile number.
        if not second_visitor.phone:
            second_visitor.phone = "+32 470 00 00 00"
            second_visitor.save(update_fields=["phone"])
        NotificationPreference.objects.get_or_create(
            user=second_visitor, defaults={"by_email": True, "by_sms": True}
        )
    visitor = User.objects.filter(email="bezoeker@huis.example").first()
    if visitor is None:
        return
    # One message that could not be sent, so the staff page has something to show.
    now = timezone.now()
    Notification.objects.get_or_create(
        key="demo:failed-test-message",
        defaults={
            "kind": "test_message",
            "recipient": visitor,
            "email": visitor.email,
            "language": visitor.preferred_language,
            "channel": "email",
            "context": {"name": visitor.display_name},
            "status": Notification.Status.FAILED,
            "due_at": now,
            "send_after": now,
            "attempts": 5,
            "last_error": "SMTPRecipientsRefused: 550 mailbox unavailable (demo)",
        },
    )
    # Text messages to guests with only a phone (fictional numbers): one delivered, one that was
    # not (and went by email instead), for the staff page "Text messages".
    for n, delivery in enumerate(["delivered", "failed"]):
        Notification.objects.get_or_create(
            key=f"demo:sms:{n}",
            defaults={
                "kind": "test_message",
                "phone": f"+3247000000{n + 1}",
                "language": "nl",
                "channel": "sms",
                "context": {"name": "Gast"},
                "status": Notification.Status.SENT,
                "due_at": now,
                "send_after": now,
                "sent_at": now,
                "attempts": 1,
                "provider_id": f"SMdemo{n:026d}",
                "delivery": delivery,
                "delivery_at": now,
                "last_error": "Not delivered: undelivered 30003" if delivery == "failed" else "",
            },
        )
    SmsOptOut.objects.get_or_create(phone="+32470000009", defaults={"source": "reply"})
