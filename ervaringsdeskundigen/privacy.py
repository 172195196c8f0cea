"""Ervaringsdeskundigen's part of "download my data", "delete my account" and retention.

An expert's profile is erased with the account; their assignments stay without the person, so
the counts of the house and the allowance register stay right while the name goes.
Closed requests lose their contact details after the retention period.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from . import caching
from .models import Expert, ExpertRequest
from .models.request import RequestStatus


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def export(user: Any) -> dict:
    expert = Expert.objects.filter(user=user).first()
    if expert is None:
        return {}
    profile = {
        "themes": [t.name for t in expert.themes.all()],
        "excluded_themes": [t.name for t in expert.excluded_themes.all()],
        "work_kinds": [k.name for k in expert.work_kinds.all()],
        "languages": [lang.name for lang in expert.languages.all()],
        "region": expert.region,
        "travel_km": expert.travel_km,
        "max_per_month": expert.max_per_month,
        "trainings": expert.trainings,
        "consent_given_on": _iso(expert.consent_given_on),
        "consent_scope": expert.consent_scope,
        "is_paused": expert.is_paused,
        "receives_benefit": expert.receives_benefit,
        "fund_permission_since": _iso(expert.fund_permission_since),
        "public_text": expert.public_text,
        "availability": [str(a) for a in expert.availability.all()],
        "absences": [
            {"from": _iso(a.starts_on), "until": _iso(a.ends_on)} for a in expert.absences.all()
        ],
    }
    assignments = [
        {
            "organisation": a.request.organisation_name,
            "starts_at": _iso(a.starts_at),
            "status": a.status,
            "hours": str(a.hours) if a.hours is not None else None,
            "km": a.km,
            "costs": str(a.costs),
            "debrief": a.debrief,
            "allowance": str(a.total_amount),
        }
        for a in expert.assignments.select_related("request")
    ]
    years = [
        {"year": y.year, "mode": y.mode, "received_elsewhere": str(y.received_elsewhere)}
        for y in expert.allowance_years.all()
    ]
    return {"expert_profile": profile, "assignments": assignments, "allowance_years": years}


@transaction.atomic
def erase(user: Any) -> None:
    """Remove what describes the person; keep the approved amounts (the register) anonymous."""
    expert = Expert.objects.filter(user=user).first()
    if expert is None:
        return
    expert.assignments.filter(status="proposed").update(status="withdrawn")
    expert.assignments.update(debrief="")
    caching.bump_pool()  # queryset updates send no signals
    # The assignments stay (expert set to empty): counts and the legal register stay right.
    expert.delete()


def purge_closed_requests(*, cutoff: dt.datetime) -> int:
    """Closed requests older than the cutoff keep their figures, not their contact details."""
    closed = [RequestStatus.EVALUATED, RequestStatus.DECLINED, RequestStatus.CANCELLED]
    closed.append(RequestStatus.DONE)
    caching.bump_requests()  # a queryset update sends no signals
    return (
        ExpertRequest.objects.filter(status__in=closed, updated_at__lt=cutoff)
        .exclude(contact_email="removed@invalid.example")
        .update(
            contact_name="—",
            contact_email="removed@invalid.example",
            contact_phone="",
            description="",
        )
    )
