"""Writes to experts' profiles: by coordinators, and by the expert for their own part
(availability, periods away, pausing, the public text)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from huis.accounts.roles import Role
from huis.audit.services import log_action

from .. import caching
from ..models import Absence, Availability, Expert, Language, Region, Theme, WorkKind
from ..models.expert import new_feed_token
from .errors import ExpertsError


@dataclass(frozen=True, kw_only=True)
class ProfileChange:
    """What a coordinator changes on a profile (as agreed with the expert): every field named, so
    a misspelt one is an error where the change is made, not a field silently left out."""

    themes: Sequence[Theme]
    excluded_themes: Sequence[Theme]
    work_kinds: Sequence[WorkKind]
    languages: Sequence[Language]
    home_region: Region | None
    region: str
    travel_km: int
    max_per_month: int
    trainings: str
    consent_given_on: dt.date | None
    consent_scope: str
    is_paused: bool
    receives_benefit: bool
    fund_permission_since: dt.date | None


PROFILE_FIELDS = (
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
def expert_update(*, expert: Expert, actor: Any, change: ProfileChange) -> Expert:
    """A coordinator updates the profile (as agreed with the expert)."""
    if set(change.themes) & set(change.excluded_themes):
        raise ExpertsError(
            _("A theme cannot be both chosen and excluded."), field="excluded_themes"
        )
    for name in PROFILE_FIELDS:
        setattr(expert, name, getattr(change, name))
    expert.save()
    for name in M2M_FIELDS:
        getattr(expert, name).set(getattr(change, name))
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.expert.updated",
        obj=expert,
        subject=expert.user,
        data={"fields": sorted(PROFILE_FIELDS + M2M_FIELDS)},
    )
    return expert


@transaction.atomic
def expert_update_own(
    *,
    expert: Expert,
    actor: Any,
    slots: set[tuple[int, str]],
    is_paused: bool | None = None,
    public_text: str | None = None,
    publish_public_text: bool | None = None,
    travel_km: int | None = None,
    max_per_month: int | None = None,
) -> Expert:
    """The expert changes their availability, pauses, or edits their public text. What the
    expert may change is exactly these arguments (the rest is agreed with a coordinator); one
    left out (None) stays as it is."""
    own = {
        "is_paused": is_paused,
        "public_text": public_text,
        "publish_public_text": publish_public_text,
        "travel_km": travel_km,
        "max_per_month": max_per_month,
    }
    changed = sorted(name for name, value in own.items() if value is not None)
    for name in changed:
        setattr(expert, name, own[name])
    expert.save()
    _set_availability(expert, slots)
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.expert.updated_own",
        obj=expert,
        subject=expert.user,
        data={"fields": changed},
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
