"""Reads of trajecten, each for an acting user and with a fixed number of queries.

The programme's results are computed here from the trajectories, their housing checks and their
goals; nobody types a figure in.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from huis.accounts.access import is_coordinator
from huis.core.dates import add_months
from netwerk.selectors import active_consent_q, active_consents_recorded_by

from .models import (
    AgendaItem,
    Application,
    CommitteeMember,
    ContactLog,
    Decision,
    EndReason,
    Goal,
    HousingCheck,
    LifeDomain,
    Meeting,
    Programme,
    Trajectory,
)
from .models.trajectories import CHECK_MONTHS
from .permissions import applications_narrowed, is_worker, trajectories_narrowed


def programmes_active() -> QuerySet[Programme]:
    return Programme.objects.filter(is_active=True)


def programme_with_committee(*, user: Any) -> QuerySet[Programme]:
    """Programmes with their committee, for the network's workers (who all read every programme:
    its criteria and who sits in its committee); none for anyone else."""
    if not is_worker.test(user):
        return Programme.objects.none()
    return Programme.objects.select_related("committee").prefetch_related(
        Prefetch(
            "committee__members",
            queryset=CommitteeMember.objects.filter(ended_on__isnull=True).select_related(
                "user", "organisation"
            ),
        )
    )


def consents_for(*, user: Any):
    """Active consents recorded by the worker's organisations, to base an application on."""
    return active_consents_recorded_by(user=user)


# --- Applications ----------------------------------------------------------------------------


def applications_for(*, user: Any) -> QuerySet[Application]:
    return applications_narrowed(
        user,
        Application.objects.select_related("programme", "organisation", "prepared_by"),
    )


def application_with_details() -> QuerySet[Application]:
    """For fetch_for: everything the application's page shows (access is decided on the object)."""
    return Application.objects.select_related(
        "programme", "organisation", "prepared_by", "consent__person", "consent__withdrawal"
    ).prefetch_related(
        "housing_steps",
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("agenda_item__meeting"),
        ),
        Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")),
    )


def application_trajectory(application: Application) -> Trajectory | None:
    return (
        Trajectory.objects.filter(application=application)
        .select_related("agreement")
        .prefetch_related("agreement__partners")
        .first()
    )


def application_has_trajectory(application: Application) -> bool:
    return Trajectory.objects.filter(application=application).exists()


# --- The committee ---------------------------------------------------------------------------


def meetings_for(*, user: Any) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("committee__programme", "room").annotate(
        item_count=Count("agenda_items", distinct=True),
        open_count=Count(
            "agenda_items", filter=Q(agenda_items__decision__isnull=True), distinct=True
        ),
    )
    if is_coordinator.test(user):
        return meetings
    if not is_worker.test(user):
        return meetings.none()
    return meetings.filter(pk__in=Meeting.objects.filter(members__user=user).values("pk"))


def agenda_items_for(*, user: Any) -> QuerySet[AgendaItem]:
    """Agenda items of the meetings `user` sits in (coordinators: all), with what the decision
    page shows."""
    items = AgendaItem.objects.select_related(
        "meeting__committee__programme", "application__organisation", "decision"
    )
    if is_coordinator.test(user):
        return items
    if not is_worker.test(user):
        return items.none()
    return items.filter(meeting__in=Meeting.objects.filter(members__user=user).values("pk"))


def meeting_with_agenda() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("committee__programme", "room").prefetch_related(
        Prefetch(
            "members", queryset=CommitteeMember.objects.select_related("user", "organisation")
        ),
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related(
                "application__organisation", "application__prepared_by", "decision"
            ),
        ),
    )


def applications_to_schedule(*, meeting: Meeting) -> list[Application]:
    return list(
        Application.objects.filter(
            programme_id=meeting.committee.programme_id, status=Application.Status.SUBMITTED
        )
        .filter(active_consent_q())
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )


def committees_for_planning() -> list:
    from .models import Committee

    return list(Committee.objects.select_related("programme").order_by("name"))


# --- Trajectories ----------------------------------------------------------------------------


def trajectories_for(*, user: Any) -> QuerySet[Trajectory]:
    return trajectories_narrowed(
        user,
        Trajectory.objects.select_related(
            "application", "programme", "agreement__lead_organisation"
        ).prefetch_related("agreement__partners"),
    )


def trajectory_with_details() -> QuerySet[Trajectory]:
    return Trajectory.objects.select_related(
        "application__organisation",
        "programme",
        "agreement__lead_organisation",
        "agreement__person",
    ).prefetch_related(
        "agreement__partners",
        Prefetch("goals", queryset=Goal.objects.order_by("domain", "pk")),
        Prefetch("contacts", queryset=ContactLog.objects.select_related("author")),
        "evaluations",
        "housing_checks",
    )


# --- Results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckFigure:
    months: int
    due: int  # trajectories that reached this moment
    checked: int  # with a known answer
    housed: int
    left: int  # ended before the moment for another reason than losing their home
    missing: int  # due, still in guidance, no check recorded yet

    @property
    def share(self) -> int | None:
        return round(100 * self.housed / self.checked) if self.checked else None

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        return gettext("After %(months)s months") % {"months": self.months}


@dataclass(frozen=True)
class DomainFigure:
    domain: str
    label: str
    goals: int
    reached: int
    not_reached: int
    open: int
    dropped: int

    @property
    def share(self) -> int | None:
        counted = self.goals - self.dropped
        return round(100 * self.reached / counted) if counted else None


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class ProgrammeResults:
    programme: Programme
    today: dt.date
    submitted: int
    decisions: list[CountRow]
    started: int
    open: int
    ended: list[CountRow]
    checks: list[CheckFigure]
    domains: list[DomainFigure]

    @property
    def ended_total(self) -> int:
        return sum(row.count for row in self.ended)

    def check(self, months: int) -> CheckFigure:
        return next(c for c in self.checks if c.months == months)


def programme_results(*, programme: Programme, today: dt.date | None = None) -> ProgrammeResults:
    """The programme's figures from its rows: four queries, whatever the number of families."""
    today = today or timezone.localdate()
    submitted = (
        Application.objects.filter(programme=programme, submitted_at__isnull=False)
        .exclude(status=Application.Status.DRAFT)
        .count()
    )
    outcome_counts = Counter(
        dict(
            Decision.objects.filter(application__programme=programme)
            .values_list("outcome")
            .annotate(n=Count("pk"))
            .values_list("outcome", "n")
        )
    )
    trajectories = list(
        Trajectory.objects.filter(programme=programme).values(
            "pk", "started_on", "housed_on", "ended_on", "end_reason"
        )
    )
    checks = {
        (row["trajectory_id"], row["months"]): row["housed"]
        for row in HousingCheck.objects.filter(trajectory__programme=programme).values(
            "trajectory_id", "months", "housed"
        )
    }
    goal_counts = Counter(
        {
            (row["domain"], row["status"]): row["n"]
            for row in Goal.objects.filter(trajectory__programme=programme)
            .values("domain", "status")
            .annotate(n=Count("pk"))
        }
    )

    figures = []
    for months in CHECK_MONTHS:
        due = checked = housed = left = missing = 0
        for t in trajectories:
            moment = add_months(t["housed_on"] or t["started_on"], months)
            if moment > today:
                continue
            due += 1
            answer = checks.get((t["pk"], months))
            if answer is not None:
                checked += 1
                housed += int(answer)
            elif t["ended_on"] and t["ended_on"] < moment:
                if t["end_reason"] == EndReason.HOUSING_LOST:
                    checked += 1  # a known answer: not housed
                else:
                    left += 1
            else:
                missing += 1
        figures.append(
            CheckFigure(
                months=months, due=due, checked=checked, housed=housed, left=left, missing=missing
            )
        )

    domains = []
    for domain, label in LifeDomain.choices:
        counts = {status: goal_counts[(domain, status)] for status in Goal.Status.values}
        domains.append(
            DomainFigure(
                domain=domain,
                label=str(label),
                goals=sum(counts.values()),
                reached=counts[Goal.Status.REACHED],
                not_reached=counts[Goal.Status.NOT_REACHED],
                open=counts[Goal.Status.OPEN],
                dropped=counts[Goal.Status.DROPPED],
            )
        )
    ended = Counter(t["end_reason"] for t in trajectories if t["ended_on"])
    return ProgrammeResults(
        programme=programme,
        today=today,
        submitted=submitted,
        decisions=[
            CountRow(label=str(label), count=outcome_counts[value])
            for value, label in Decision.Outcome.choices
        ],
        started=len(trajectories),
        open=sum(1 for t in trajectories if not t["ended_on"]),
        ended=[
            CountRow(label=str(label), count=ended[value])
            for value, label in EndReason.choices
            if ended[value]
        ],
        checks=figures,
        domains=domains,
    )
