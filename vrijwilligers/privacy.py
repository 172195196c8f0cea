"""Vrijwilligers' part of "download my data", "delete my account" and the retention sweep.

A volunteer's data: their profile (with the legal facts), their applications, their hours and
allowances, their swap requests. Deleting the account keeps the hours and allowances (the house's
figures and the legal register of allowances depend on them) without the name; the application
(name, email, phone, message) is erased. Applications are erased a year after they were answered.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from huis.audit.services import log_action

from .models import Application, ShiftHours, SwapRequest, Volunteer
from .models.volunteers import new_feed_token

APPLICATION_DAYS = 365


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_person(user: Any) -> dict:
    volunteer = Volunteer.objects.filter(user=user).first()
    data: dict = {
        "applications": [
            {
                "received": a.created_at.isoformat(),
                "tasks": a.tasks,
                "availability": a.availability,
                "languages": a.languages,
                "message": a.message,
                "status": a.status,
            }
            for a in _applications(user).order_by("pk")
        ]
    }
    if volunteer is None:
        return data
    data["profile"] = {
        "tasks": volunteer.tasks,
        "availability": volunteer.availability,
        "languages": volunteer.languages,
        "started_on": _date(volunteer.started_on),
        "information_note_acknowledged_on": _date(volunteer.info_note_on),
        "insured": volunteer.insured,
        "receives_benefit": volunteer.receives_benefit,
        "benefit_agency_told_on": _date(volunteer.benefit_agency_told_on),
        "active": volunteer.is_active,
        "ended_on": _date(volunteer.ended_on),
    }
    data["hours"] = [
        {
            "day": h.day.isoformat(),
            "shift": h.shift.title,
            "hours": str(h.hours),
            "km": h.km,
            "status": h.status,
            "allowance": str(h.flat_amount),
            "km_allowance": str(h.km_amount),
        }
        for h in ShiftHours.objects.filter(volunteer=volunteer).select_related("shift")
    ]
    data["swap_requests"] = [
        {"shift": s.shift.title, "status": s.status, "asked": s.created_at.isoformat()}
        for s in SwapRequest.objects.filter(volunteer=volunteer).select_related("shift")
    ]
    return data


def _applications(user: Any):
    # Someone with only a phone number has no address: never match the empty one (issue #25).
    if not user.email:
        return Application.objects.none()
    return Application.objects.filter(email__iexact=user.email)


def erase_person(user: Any) -> None:
    _applications(user).delete()
    SwapRequest.objects.filter(volunteer__user=user).update(note="")
    Volunteer.objects.filter(user=user).update(
        user=None,
        availability="",
        languages="",
        benefit_agency_told_on=None,
        info_note_on=None,
        is_active=False,
        feed_token=new_feed_token(),
    )


@transaction.atomic
def purge_applications(*, cutoff: dt.datetime) -> int:
    stale = Application.objects.exclude(status=Application.Status.NEW).filter(decided_at__lt=cutoff)
    count, _ = stale.delete()
    if count:
        log_action(
            actor=None,
            action="vrijwilligers.applications_purged",
            data={"applications": count, "cutoff": cutoff.isoformat()},
        )
    return count
