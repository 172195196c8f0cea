"""How a person wants to be told: by email, by text message, or both."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.phone import NOT_MOBILE_MESSAGE, is_mobile_number

from .errors import NotificationError
from .models import NotificationPreference


def preference_for(*, user: Any) -> NotificationPreference:
    """The person's choice, or the default when they never chose: email, or text messages for
    someone with only a phone number (issue #25)."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        if not user.email and user.phone:
            return NotificationPreference(user=user, by_email=False, by_sms=True)
        return NotificationPreference(user=user)


@transaction.atomic
def preference_update(
    *, user: Any, by_email: bool, by_sms: bool, actor: Any
) -> NotificationPreference:
    if by_sms and not user.phone:
        raise NotificationError(_("Fill in a phone number to receive text messages."))
    if by_sms and not is_mobile_number(user.phone):
        raise NotificationError(NOT_MOBILE_MESSAGE, field="phone")
    current = preference_for(user=user)
    if current.pk and (current.by_email, current.by_sms) == (by_email, by_sms):
        return current
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"by_email": by_email, "by_sms": by_sms}
    )
    user.notification_preference = preference
    log_action(
        actor=actor,
        action="notifications.preference_updated",
        obj=preference,
        data={"by_email": by_email, "by_sms": by_sms},
    )
    return preference
