"""What the writes of trajecten share: the row locks, the consent check, the reminder hour."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.core.locking import lock
from netwerk.selectors import consent_is_active

from ..models import Application, Trajectory
from .errors import TrajectenError

REMINDER_HOUR = dt.time(8, 0)


def require_consent(application: Application) -> None:
    if not consent_is_active(application.consent):
        raise TrajectenError(
            _("The family withdrew their consent. Nothing can be shared any more."),
            field="consent",
        )


def locked_application(application: Application) -> Application:
    return lock(
        Application.objects.select_related("consent", "programme", "prepared_by"),
        application.pk,
        of=("self",),
    )


def locked_trajectory(trajectory: Trajectory) -> Trajectory:
    return lock(
        Trajectory.objects.select_related("application", "programme", "started_by"),
        trajectory.pk,
        of=("self",),
    )


def require_open(trajectory: Trajectory) -> None:
    if not trajectory.is_open:
        raise TrajectenError(_("This trajectory has ended."))


def reminder_at(day: dt.date) -> dt.datetime:
    """08:00 in Brussels on that day (also across a daylight-saving change)."""
    return timezone.make_aware(dt.datetime.combine(day, REMINDER_HOUR))
