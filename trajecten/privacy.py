"""Trajecten's part of "download my data", "delete my account" and the retention sweep.

A worker's data here is what they wrote and recorded: applications they prepared, decisions they
recorded, goals, contacts and checks they wrote down. The families' stories are about other people
and are not part of a worker's download. Erasing an account keeps the rows (the programme's figures
depend on them) and removes the link to the person. The story of an application that did not lead
to a trajectory (not admitted, withdrawn) is erased after the retention period; the counts stay.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from huis.audit.services import log_action

from .models import (
    Application,
    ContactLog,
    Decision,
    EvaluationMoment,
    Goal,
    HousingCheck,
    HousingStep,
    Trajectory,
)

CLOSED_APPLICATION_DAYS = 2 * 365
ERASED = "—"


def export_person(user: Any) -> dict:
    applications = Application.objects.filter(prepared_by=user).select_related(
        "programme", "organisation"
    )
    return {
        "applications_prepared": [
            {
                "id": a.pk,
                "programme": a.programme.name,
                "organisation": a.organisation.name,
                "status": a.status,
                "created_at": a.created_at.isoformat(),
            }
            for a in applications.order_by("created_at", "pk")
        ],
        "decisions_recorded": [
            {"id": d.pk, "application": d.application_id, "outcome": d.outcome}
            for d in Decision.objects.filter(decided_by=user).order_by("pk")
        ],
        "goals_written": list(
            Goal.objects.filter(created_by=user).order_by("pk").values_list("pk", flat=True)
        ),
        "contacts_written": [
            {"id": c.pk, "date": c.date.isoformat(), "kind": c.kind}
            for c in ContactLog.objects.filter(author=user).order_by("date", "pk")
        ],
    }


def erase_person(user: Any) -> None:
    """Keep the work (it is counted), forget who did it."""
    Application.objects.filter(prepared_by=user).update(prepared_by=None)
    Decision.objects.filter(decided_by=user).update(decided_by=None)
    Trajectory.objects.filter(started_by=user).update(started_by=None)
    Goal.objects.filter(created_by=user).update(created_by=None)
    ContactLog.objects.filter(author=user).update(author=None)
    EvaluationMoment.objects.filter(planned_by=user).update(planned_by=None)
    HousingCheck.objects.filter(checked_by=user).update(checked_by=None)


@transaction.atomic
def purge_closed_applications(*, cutoff: dt.datetime) -> int:
    """Erase the story of applications closed without a trajectory before `cutoff`."""
    stale = Application.objects.filter(
        status__in=[Application.Status.NOT_ADMITTED, Application.Status.WITHDRAWN],
        updated_at__lt=cutoff,
    ).exclude(in_their_words=ERASED)
    ids = list(stale.values_list("pk", flat=True))
    if not ids:
        return 0
    Application.objects.filter(pk__in=ids).update(
        in_their_words=ERASED, what_they_ask=ERASED, strengths="", family_label=ERASED
    )
    HousingStep.objects.filter(application__in=ids).update(note="")
    log_action(
        actor=None,
        action="trajecten.applications_purged",
        data={"applications": len(ids), "cutoff": cutoff.isoformat()},
    )
    return len(ids)
