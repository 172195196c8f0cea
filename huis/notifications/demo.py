"""Demo notification data: channel choices for demo people, a failed message for staff to see."""

from django.utils import timezone

from huis.accounts.models import User
from huis.core.registry import register_demo_seeder

from .models import Notification, NotificationPreference


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
