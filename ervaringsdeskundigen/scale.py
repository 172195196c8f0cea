"""Five years of the coordination centre for the benchmark (`manage.py seed_scale`): 600 experts,
20,000 requests, 30,000 assignments, in bulk and deterministic (the seeded `rng`).

Consistent as the portal would leave it: an expert's proposed and accepted assignments never
overlap, accepted ones stay within the expert's monthly maximum, and approved allowances stay
within the daily and yearly caps of the years that have rates (earlier years: approved without
an amount, the house did not pay through the portal then). Declined and withdrawn proposals fill
the rest of the assignments; they count for neither clashes nor loads.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.registry import register_scale_seeder

from . import caching
from .models import (
    AllowanceRate,
    Assignment,
    Availability,
    Expert,
    ExpertRequest,
    Language,
    Region,
    RequestEvent,
    Theme,
    WorkKind,
)
from .models.expert import DayPart
from .models.request import AssignmentStatus, ReportStatus, RequestStatus

TZ = ZoneInfo("Europe/Brussels")
DAYS = 1826  # five years
HOURS = [(10, DayPart.MORNING), (14, DayPart.AFTERNOON), (19, DayPart.EVENING)]
KINDS_OF_PLACE = ["Hogeschool", "CAW", "Ziekenhuis", "Stad", "Basisschool", "Vzw", "OCMW"]


def _pick(rng, rows, low, high):
    return rng.sample(rows, rng.randint(low, min(high, len(rows))))


@register_scale_seeder("ervaringsdeskundigen", order=40)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    n_experts, n_requests, n_assignments = sizes["experts"], sizes["requests"], sizes["assignments"]
    if not n_experts or not n_requests:
        return
    themes = list(Theme.objects.filter(is_active=True))
    kinds = list(WorkKind.objects.filter(is_active=True))
    languages = list(Language.objects.filter(is_active=True))
    regions = list(Region.objects.filter(is_active=True))
    rates = {r.year: r for r in AllowanceRate.objects.all()}
    # The experts are the last people of the crowd (partner workers are the first ones).
    people = list(User.objects.filter(email__startswith="persoon").order_by("-pk")[:n_experts])
    expert_group = Group.objects.get(name=Role.EXPERT)
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=u.pk, group_id=expert_group.pk) for u in people], ignore_conflicts=True
    )
    experts = Expert.objects.bulk_create(
        [
            Expert(
                user=u,
                home_region=rng.choice(regions) if regions else None,
                region="",
                travel_km=rng.choice([15, 25, 40, 60, 100]),
                max_per_month=rng.randint(3, 8),
                is_paused=rng.random() < 0.05,
                consent_given_on=dt.date(2021, 1, 1),
                consent_scope="Getuigenissen en vormingen",
            )
            for u in people
        ],
        batch_size=2000,
    )
    for field, column, rows, low, high in (
        ("themes", "theme_id", themes, 1, 4),
        ("work_kinds", "workkind_id", kinds, 1, 4),
        ("languages", "language_id", languages[:3], 1, 2),
    ):
        model = getattr(Expert, field).through
        model.objects.bulk_create(
            [
                model(expert_id=e.pk, **{column: row.pk})
                for e in experts
                for row in _pick(rng, rows, low, high)
            ],
            batch_size=5000,
        )
    free = {}
    availability = []
    for e in experts:
        slots = {(w, p) for w in range(7) for _h, p in HOURS if rng.random() < 0.45}
        free[e.pk] = slots
        availability += [Availability(expert_id=e.pk, weekday=w, part=p) for w, p in slots]
    Availability.objects.bulk_create(availability, batch_size=5000)

    # Requests spread over five years, most in the past.
    today = timezone.localdate()
    first_day = today - dt.timedelta(days=round(DAYS * 0.9))
    now = timezone.now()
    requests = []
    for n in range(n_requests):
        day = first_day + dt.timedelta(days=n * DAYS // n_requests)
        hour, _part = HOURS[n % len(HOURS)]
        starts_at = dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)
        past = starts_at < now
        roll = rng.random()
        if past:
            status = (
                RequestStatus.DECLINED
                if roll < 0.05
                else RequestStatus.CANCELLED
                if roll < 0.1
                else RequestStatus.DONE
                if roll < 0.4
                else RequestStatus.EVALUATED
            )
        else:
            status = [
                RequestStatus.NEW,
                RequestStatus.IN_PROGRESS,
                RequestStatus.PROPOSED,
                RequestStatus.CONFIRMED,
            ][int(roll * 4)]
        place = rng.choice(regions) if regions else None
        requests.append(
            ExpertRequest(
                status=status,
                organisation_name=f"{rng.choice(KINDS_OF_PLACE)} {n % 400 + 1}",
                contact_name="Contactpersoon",
                contact_email=f"aanvraag{n}@scale.example",
                work_kind=rng.choice(kinds),
                starts_at=starts_at,
                duration_minutes=120,
                place="Aula",
                place_region=place,
                region=place.name if place else "",
                audience="Studenten",
                audience_size=rng.randint(10, 120),
                experts_wanted=1 if rng.random() < 0.6 else 2,
            )
        )
    ExpertRequest.objects.bulk_create(requests, batch_size=5000)
    table = ExpertRequest._meta.db_table
    with connection.cursor() as cursor:
        # Received some weeks before the day (auto_now_add wrote "now" for all of them).
        cursor.execute(
            f"UPDATE {table} SET created_at = starts_at - ((id % 40) + 7) * interval '1 day', "  # noqa: S608
            "updated_at = starts_at"
        )
    theme_through = ExpertRequest.themes.through
    theme_through.objects.bulk_create(
        [
            theme_through(expertrequest_id=r.pk, theme_id=t.pk)
            for r in requests
            for t in _pick(rng, themes, 1, 2)
        ],
        batch_size=5000,
    )
    RequestEvent.objects.bulk_create(
        [
            RequestEvent(request_id=r.pk, from_status="", to_status=RequestStatus.NEW)
            for r in requests
        ],
        batch_size=5000,
    )

    # Assignments: active ones without clashes or overloads, then declined ones up to the size.
    busy: set[tuple[int, dt.date, int]] = set()
    month_load: dict[tuple[int, int, int], int] = {}
    paid_year: dict[tuple[int, int], Decimal] = {}
    available = [e for e in experts if not e.is_paused]
    assignments: list[Assignment] = []
    active_for = {
        RequestStatus.PROPOSED: AssignmentStatus.PROPOSED,
        RequestStatus.CONFIRMED: AssignmentStatus.ACCEPTED,
        RequestStatus.DONE: AssignmentStatus.ACCEPTED,
        RequestStatus.EVALUATED: AssignmentStatus.ACCEPTED,
        RequestStatus.CANCELLED: AssignmentStatus.CANCELLED,
    }
    chosen: dict[int, set[int]] = {}
    for r in requests:
        status = active_for.get(r.status)
        if status is None:
            continue
        local = r.starts_at.astimezone(TZ)
        ends_at = r.starts_at + dt.timedelta(minutes=r.duration_minutes)
        taken = chosen.setdefault(r.pk, set())
        for _k in range(r.experts_wanted):
            if len(assignments) >= n_assignments:
                break
            for _try in range(12):
                e = rng.choice(available)
                key = (e.pk, local.date(), local.hour)
                month = (e.pk, local.year, local.month)
                if e.pk in taken or key in busy or month_load.get(month, 0) >= e.max_per_month:
                    continue
                if status != AssignmentStatus.CANCELLED:
                    busy.add(key)
                if status == AssignmentStatus.ACCEPTED:
                    month_load[month] = month_load.get(month, 0) + 1
                taken.add(e.pk)
                a = Assignment(
                    request_id=r.pk,
                    expert_id=e.pk,
                    status=status,
                    starts_at=r.starts_at,
                    ends_at=ends_at,
                    responded_at=r.starts_at - dt.timedelta(days=5),
                )
                if status == AssignmentStatus.ACCEPTED and ends_at < now:
                    rate = rates.get(local.year)
                    a.hours = Decimal("2.00")
                    a.km = rng.choice([0, 12, 30, 48])
                    a.report_status = ReportStatus.APPROVED
                    a.reported_at = a.approved_at = ends_at + dt.timedelta(days=2)
                    if rate is not None:
                        spent = paid_year.get((e.pk, local.year), Decimal("0.00"))
                        a.flat_amount = max(min(rate.daily_cap, rate.yearly_cap - spent), 0)
                        a.capped = a.flat_amount < rate.daily_cap
                        paid_year[(e.pk, local.year)] = spent + a.flat_amount
                assignments.append(a)
                break
    # Declined proposals fill the rest: on past requests, never twice the same expert.
    past_requests = [r for r in requests if r.starts_at < now and r.pk in chosen]
    while len(assignments) < n_assignments and past_requests:
        r = rng.choice(past_requests)
        e = rng.choice(experts)
        if e.pk in chosen[r.pk]:
            continue
        chosen[r.pk].add(e.pk)
        assignments.append(
            Assignment(
                request_id=r.pk,
                expert_id=e.pk,
                status=AssignmentStatus.DECLINED,
                starts_at=r.starts_at,
                ends_at=r.starts_at + dt.timedelta(minutes=r.duration_minutes),
                responded_at=r.starts_at - dt.timedelta(days=8),
            )
        )
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    caching.bump_pool()  # bulk inserts send no signals
    caching.bump_requests()
    stdout.write(
        f"    {len(experts)} experts, {len(requests)} requests, {len(assignments)} assignments"
    )
