"""Applying to volunteer (the public page) and a coordinator's answer."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.accounts.roles import Role
from huis.accounts.services import user_grant_role
from huis.audit.services import log_action
from huis.core.locking import lock

from .. import notify
from ..models import Application, Task, Volunteer
from .errors import VolunteersError


def _clean_tasks(tasks: list[str]) -> list[str]:
    return [t for t in dict.fromkeys(tasks) if t in Task.values]


@transaction.atomic
def application_submit(
    *,
    name: str,
    email: str,
    phone: str = "",
    tasks: list[str],
    availability: str = "",
    languages: str = "",
    message: str = "",
    language: str = "nl",
) -> Application:
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise VolunteersError(_("Tell us your name."), field="name")
    if not email:
        raise VolunteersError(_("Give an email address."), field="email")
    if Application.objects.filter(email__iexact=email, status=Application.Status.NEW).exists():
        raise VolunteersError(
            _("We already have your application. We will call or mail you soon."), field="email"
        )
    application = Application.objects.create(
        name=name[:120],
        email=email,
        phone=phone.strip()[:32],
        tasks=_clean_tasks(tasks),
        availability=availability.strip()[:300],
        languages=languages.strip()[:120],
        message=message.strip()[:1000],
        language=language,
    )
    log_action(actor=None, action="vrijwilligers.application.submitted", obj=application)
    return application


@transaction.atomic
def application_accept(
    *, application: Application, actor: Any, started_on: dt.date | None = None
) -> Volunteer:
    """Make (or find) the person's account, give them the volunteer role and a profile with what
    they told us. The legal facts (information note, insurance) the coordinator fills in next."""
    application = lock(Application.objects.all(), application.pk)
    if application.status != Application.Status.NEW:
        raise VolunteersError(_("This application was already answered."))
    User = get_user_model()
    user = User.objects.filter(email__iexact=application.email).first()
    if user is None:
        user = User.objects.create_user(
            application.email,
            display_name=application.name,
            preferred_language=application.language,
            phone=application.phone,
        )
    user_grant_role(user=user, role=Role.VOLUNTEER, actor=actor)
    volunteer, created = Volunteer.objects.get_or_create(
        user=user,
        defaults={
            "tasks": application.tasks,
            "availability": application.availability,
            "languages": application.languages,
            "started_on": started_on or timezone.localdate(),
        },
    )
    if not created and not volunteer.is_active:
        volunteer.is_active, volunteer.ended_on = True, None
        volunteer.save(update_fields=["is_active", "ended_on"])
    application.status = Application.Status.ACCEPTED
    application.volunteer = volunteer
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "volunteer", "decided_by", "decided_at"])
    notify.accepted(volunteer)
    log_action(
        actor=actor, action="vrijwilligers.application.accepted", obj=application, subject=user
    )
    return volunteer


@transaction.atomic
def application_decline(*, application: Application, actor: Any) -> Application:
    application = lock(Application.objects.all(), application.pk)
    if application.status != Application.Status.NEW:
        raise VolunteersError(_("This application was already answered."))
    application.status = Application.Status.DECLINED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(actor=actor, action="vrijwilligers.application.declined", obj=application)
    return application
