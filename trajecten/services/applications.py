"""Applications: prepared with the family by their worker, submitted to the committee."""

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.audit.services import log_action
from netwerk.selectors import consent_is_active

from ..models import Application, HousingStep, Programme
from .common import locked_application, require_consent
from .errors import TrajectenError

Status = Application.Status
APPLICATION_VIEWED = "trajecten.application_viewed"


@dataclass(frozen=True, kw_only=True)
class ApplicationDetails:
    """What the family tells the committee (the application form's fields)."""

    family_label: str
    in_their_words: str
    what_they_ask: str
    current_situation: str
    strengths: str = ""
    adults: int = 1
    children: int = 0
    children_elsewhere: int = 0

    @classmethod
    def of(cls, application: Application) -> "ApplicationDetails":
        """The application's details as they are now (to change one with `dataclasses.replace`)."""
        return cls(**{field.name: getattr(application, field.name) for field in fields(cls)})


def _set_details(application: Application, details: ApplicationDetails) -> None:
    for field in fields(details):
        value = getattr(details, field.name)
        setattr(application, field.name, value.strip() if isinstance(value, str) else value)
    if not application.family_label:
        raise TrajectenError(_("Say how the committee may call the family."), field="family_label")
    if not application.in_their_words:
        raise TrajectenError(_("Write the family's story with them."), field="in_their_words")
    if application.adults < 1:
        raise TrajectenError(_("A household has at least one adult."), field="adults")
    if application.adults > 20 or application.children > 30 or application.children_elsewhere > 30:
        raise TrajectenError(_("That is a lot of people. Check the number."), field="children")


@transaction.atomic
def application_create(
    *,
    actor: Any,
    programme: Programme,
    organisation: Organisation,
    consent: Any,
    details: ApplicationDetails,
    request: HttpRequest | None = None,
) -> Application:
    if organisation.pk not in organisation_ids(actor):
        raise TrajectenError(
            _("You can only prepare an application for an organisation you work for."),
            field="organisation",
        )
    if not programme.is_active:
        raise TrajectenError(_("This programme takes no applications now."), field="programme")
    if consent.recorded_by_organisation_id != organisation.pk:
        raise TrajectenError(
            _("Use a consent your organisation recorded with the family."), field="consent"
        )
    if not consent_is_active(consent):
        raise TrajectenError(
            _("The family withdrew this consent. Record a new one with them first."),
            field="consent",
        )
    application = Application(
        programme=programme, organisation=organisation, prepared_by=actor, consent=consent
    )
    _set_details(application, details)
    application.save()
    log_action(
        actor=actor,
        action="trajecten.application_created",
        obj=application,
        data={"programme": programme.pk, "organisation": organisation.pk},
        request=request,
    )
    return application


@transaction.atomic
def application_update(
    *,
    application: Application,
    actor: Any,
    details: ApplicationDetails,
    request: HttpRequest | None = None,
) -> Application:
    locked = locked_application(application)
    if not locked.is_editable:
        raise TrajectenError(_("Only an application that is being prepared can be changed."))
    _set_details(locked, details)
    locked.save()
    log_action(
        actor=actor,
        action="trajecten.application_changed",
        obj=locked,
        data={"fields": sorted(field.name for field in fields(details))},
        request=request,
    )
    return locked


@transaction.atomic
def housing_step_add(
    *,
    application: Application,
    actor: Any,
    started_on: dt.date,
    ended_on: dt.date | None,
    situation: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> HousingStep:
    locked = locked_application(application)
    if not locked.is_editable:
        raise TrajectenError(_("Only an application that is being prepared can be changed."))
    today = timezone.localdate()
    if started_on > today or (ended_on and ended_on > today):
        raise TrajectenError(_("The dates cannot be in the future."), field="started_on")
    if ended_on and ended_on < started_on:
        raise TrajectenError(_("The end cannot be before the start."), field="ended_on")
    if locked.housing_steps.count() >= 30:
        raise TrajectenError(_("Keep the history short: at most 30 steps."))
    step = HousingStep.objects.create(
        application=locked,
        started_on=started_on,
        ended_on=ended_on,
        situation=situation,
        note=note.strip(),
    )
    log_action(
        actor=actor,
        action="trajecten.housing_step_added",
        obj=locked,
        data={"step": step.pk},
        request=request,
    )
    return step


@transaction.atomic
def housing_step_remove(
    *, step: HousingStep, actor: Any, request: HttpRequest | None = None
) -> None:
    locked = locked_application(step.application)
    if not locked.is_editable:
        raise TrajectenError(_("Only an application that is being prepared can be changed."))
    step.delete()
    log_action(actor=actor, action="trajecten.housing_step_removed", obj=locked, request=request)


@transaction.atomic
def application_submit(
    *, application: Application, actor: Any, request: HttpRequest | None = None
) -> Application:
    """Send the application to the committee's secretariat (the coordinators)."""
    locked = locked_application(application)
    if not locked.is_editable:
        raise TrajectenError(_("This application was already submitted."))
    require_consent(locked)
    if not locked.housing_steps.exists():
        raise TrajectenError(_("Add at least one step of the housing history first."))
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    log_action(actor=actor, action="trajecten.application_submitted", obj=locked, request=request)
    return locked


@transaction.atomic
def application_withdraw(
    *, application: Application, actor: Any, request: HttpRequest | None = None
) -> Application:
    """The family (through their worker) no longer wants to apply; before any final decision."""
    locked = locked_application(application)
    if locked.is_decided or locked.status == Status.WITHDRAWN:
        raise TrajectenError(_("This application can no longer be withdrawn."))
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    log_action(actor=actor, action="trajecten.application_withdrawn", obj=locked, request=request)
    return locked


def application_viewed(
    *, application: Application, actor: Any, full: bool, request: HttpRequest | None = None
):
    """Every read of an application is recorded: who, when, and whether they saw the details."""
    return log_action(
        actor=actor,
        action=APPLICATION_VIEWED,
        obj=application,
        data={"application": application.pk, "details": full},
        request=request,
    )
