"""Ontmoeting's part of "download my data", "delete my account" and retention.

- Export: every sign-up of the person for an activity (which, when, status, attendance).
- Erase: sign-ups still to come are cancelled (the place goes to the next person, as always);
  all sign-ups keep their row for the figures, without name or contact details.
- Retention: a guest's name and contact details (a sign-up without an account) are erased a year
  (the default; an administrator may change it) after the activity.
"""

import contextlib
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.core.registry import (
    PersonalDataProvider,
    RetentionRule,
    register_personal_data,
    register_retention_rule,
)
from huis.places.models import ACTIVE_STATUSES, PlaceClaim
from huis.places.privacy import claims_erase_contact

from .models import Activity, Proposal

GUEST_CONTACT_RULE = "ontmoeting.guest_contact"


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _activity_claims(**filters: Any):
    return PlaceClaim.objects.filter(
        offering_id__in=Activity.objects.filter(offering__isnull=False).values("offering_id"),
        **filters,
    )


def export(user: Any) -> dict:
    activities = {
        a.offering_id: a
        for a in Activity.objects.filter(
            offering_id__in=PlaceClaim.objects.filter(user=user).values("offering_id")
        )
    }
    sign_ups = []
    for claim in PlaceClaim.objects.filter(user=user, offering_id__in=activities).order_by("pk"):
        activity = activities[claim.offering_id]
        sign_ups.append(
            {
                "activity": activity.title,
                "starts_at": _iso(activity.starts_at),
                "name": claim.name,
                "email": claim.email,
                "phone": claim.phone,
                "places": claim.places,
                "status": claim.status,
                "attendance": claim.attendance,
                "signed_up_at": _iso(claim.created_at),
                "cancelled_at": _iso(claim.cancelled_at),
            }
        )
    led = list(
        Activity.objects.filter(leaders=user).order_by("starts_at").values_list("title", flat=True)
    )
    proposals = [
        {
            "title": p.title,
            "text": p.text,
            "name": p.name,
            "status": p.status,
            "answer": p.answer,
            "proposed_at": _iso(p.created_at),
        }
        for p in Proposal.objects.filter(user=user).order_by("pk")
    ]
    return {"sign_ups": sign_ups, "activities_led": led, "proposals": proposals}


def erase(user: Any) -> None:
    from .services import ActivityError, registration_cancel

    now = timezone.now()
    for claim in _activity_claims(user=user, status__in=ACTIVE_STATUSES).select_related("offering"):
        activity = Activity.objects.get(offering_id=claim.offering_id)
        if activity.starts_at > now:
            # ActivityError: already cancelled by the same person a moment ago.
            with contextlib.suppress(ActivityError):
                registration_cancel(claim=claim, actor=user)
    claims_erase_contact(claims=_activity_claims(user=user), actor=None)
    for activity in Activity.objects.filter(leaders=user):
        activity.leaders.remove(user)
    # A proposal stays (the house answered it, maybe publicly), without who made it.
    Proposal.objects.filter(user=user).update(user=None, name="")


def purge_guest_contact(*, cutoff: datetime) -> int:
    """Erase guests' names and contact details of activities that ended before `cutoff`."""
    ended = Activity.objects.filter(ends_at__lt=cutoff, offering__isnull=False)
    return claims_erase_contact(
        claims=PlaceClaim.objects.filter(
            user__isnull=True, offering_id__in=ended.values("offering_id")
        ),
        actor=None,
    )


def register() -> None:
    register_personal_data(
        PersonalDataProvider(
            name="ontmoeting",
            label=_("Agenda: your sign-ups"),
            export=export,
            erase=erase,
            order=20,
        )
    )
    register_retention_rule(
        RetentionRule(
            key=GUEST_CONTACT_RULE,
            label=_("Name and contact details of a guest sign-up, after the activity"),
            default_days=365,
            purge=purge_guest_contact,
        )
    )
