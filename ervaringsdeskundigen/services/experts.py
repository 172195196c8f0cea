"""Writes to experts' profiles: by coordinators, and by the expert for their own part
(availability, periods away, pausing, the public text)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from huis.accounts.roles import Role
from huis.audit.services import log_action

from .. import caching
from ..models import Absence, Availability, Expert
from ..models.expert import new_feed_token
from .errors import ExpertsError

# What the expert may change on their own profile; the rest is agreed with a coordinator.
OWN_FIELDS = ("is_paused", "public_text", "publish_public_text", "travel_km", "max_per_month")
COORDINATOR_FIELDS = (
    "home_region",
    "region",
    "travel_km",
    "max_per_month",
    "trainings",
    "consent_given_on",
    "consent_scope",
    "is_paused",
    "receives_benefit",
    "fund_permission_since",
)
M2M_FIELDS = ("themes", "excluded_themes", "work_kinds", "languages")


def _set_availability(expert: Expert, slots: set[tuple[int, str]]) -> None:
    current = set(expert.availability.values_list("weekday", "part"))
    for weekday, part in current - slots:
        expert.availability.filter(weekday=weekday, part=part).delete()
    Availability.objects.bulk_create(
        [Availability(expert=expert, weekday=w, part=p) for w, p in slots - current]
    )
    caching.bump_pool()  # a bulk insert sends no signals


@transaction.atomic
def expert_create(*, user: Any, actor: Any) -> Expert:
    if not user.has_role(Role.EXPERT):
        raise ExpertsError(_("Give this person the role of expert by experience first."))
    if Expert.objects.filter(user=user).exists():
        raise ExpertsError(_("This person already has a profile."))
    expert = Expert.objects.create(user=user)
    log_action(actor=actor, action="ervaringsdeskundigen.expert.created", obj=expert, subject=user)
    return expert


@transaction.atomic
def expert_update(*, expert: Expert, actor: Any, data: dict) -> Expert:
    """A coordinator updates the profile (as agreed with the expert)."""
    if set(data.get("themes", [])) & set(data.get("excluded_themes", [])):
        raise ExpertsError(_("A theme cannot be both chosen and excluded."))
    for field in COORDINATOR_FIELDS:
        if field in data:
            setattr(expert, field, data[field])
    expert.save()
    for field in M2M_FIELDS:
        if field in data:
            getattr(expert, field).set(data[field])
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.expert.updated",
        obj=expert,
        subject=expert.user,
        data={"fields": sorted(k for k in data if k in COORDINATOR_FIELDS + M2M_FIELDS)},
    )
    return expert


@transaction.atomic
def expert_update_own(
    *, expert: Expert, actor: Any, data: dict, slots: set[tuple[int, str]]
) -> Expert:
    """The expert changes their availability, pauses, or edits their public text."""
    for field in OWN_FIELDS:
        if field in data:
            setattr(expert, field, data[field])
    expert.save()
    _set_availability(expert, slots)
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.expert.updated_own",
        obj=expert,
        subject=expert.user,
        data={"fields": sorted(k for k in data if k in OWN_FIELDS)},
    )
    return expert


@transaction.atomic
def absence_add(*, expert: Expert, starts_on: dt.date, ends_on: dt.date, actor: Any) -> Absence:
    if ends_on < starts_on:
        raise ExpertsError(_("The last day comes after the first day."))
    absence = Absence.objects.create(expert=expert, starts_on=starts_on, ends_on=ends_on)
    log_action(
        actor=actor, action="ervaringsdeskundigen.absence.added", obj=absence, subject=expert.user
    )
    return absence


@transaction.atomic
def absence_delete(*, absence: Absence, actor: Any) -> None:
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.absence.deleted",
        obj=absence,
        subject=absence.expert.user,
    )
    absence.delete()


@transaction.atomic
def feed_token_renew(*, expert: Expert, actor: Any) -> Expert:
    """A new secret for the calendar feed; the old link stops working at once."""
    expert.feed_token = new_feed_token()
    expert.save(update_fields=["feed_token", "updated_at"])
    log_action(
        actor=actor, action="ervaringsdeskundigen.feed.renewed", obj=expert, subject=expert.user
    )
    return expert
