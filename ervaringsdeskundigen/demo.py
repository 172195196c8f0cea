"""Demo pool of 25 experts by experience and a month of requests (two weeks back, three ahead).

Idempotent: experts are recognised by their email address, requests by organisation and time,
so a second run adds nothing. Rows are written directly (no emails go out for demo data); the
history of each request is written as the workflow would have. All names are made up.
"""

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.registry import register_demo_seeder

from . import caching, reference
from .models import (
    Absence,
    Assignment,
    Availability,
    Evaluation,
    Expert,
    ExpertRequest,
    IntervisionSession,
    Language,
    Region,
    RequestEvent,
    Theme,
    WorkKind,
)
from .models.expert import DayPart

NAMES = [
    "Lotte",
    "Jens",
    "Fatima",
    "Ruben",
    "Sofie",
    "Karim",
    "Ines",
    "Wout",
    "Marie",
    "Bilal",
    "Elke",
    "Tom",
    "Yasmine",
    "Pieterjan",
    "Nele",
    "Stijn",
    "Amira",
    "Koen",
    "Lien",
    "Dries",
    "Hanna",
    "Mehmet",
    "Charlotte",
    "Bert",
    "Zoë",
]
REGIONS = ["Gent", "Antwerpen", "Brussel", "Leuven", "Mechelen", "Brugge", "Aalst", "Waasland"]
THEME_SLUGS = [
    "psychose",
    "depressie",
    "verslaving",
    "trauma",
    "dakloosheid",
    "familielid",
    "angst",
    "bipolariteit",
    "eetstoornis",
    "burn-out",
]
KIND_SLUGS = ["getuigenis", "vorming", "co-teaching", "panel", "beleidsadvies"]

ORGANISATIONS = [
    ("Sint-Lucasschool Gent", "Leerlingen van het zesde jaar", "Gent"),
    ("AZ Zeestad, afdeling psychiatrie", "Verpleegkundigen in opleiding", "Brugge"),
    ("Hogeschool Vives, sociaal werk", "Studenten sociaal werk", "Brugge"),
    ("OCMW Aalst", "Maatschappelijk werkers", "Aalst"),
    ("Politiezone Rupel", "Inspecteurs", "Mechelen"),
    ("CAW Oost-Vlaanderen", "Medewerkers onthaal", "Gent"),
    ("Bedrijf Tegelwerk nv", "Leidinggevenden", "Antwerpen"),
    ("Gemeente Zemst, welzijnsraad", "Raadsleden", "Mechelen"),
    ("KU Leuven, geneeskunde", "Studenten geneeskunde", "Leuven"),
    ("Bibliotheek Brussel-Noord", "Buurtbewoners", "Brussel"),
]


def _expert_user(n: int, name: str) -> User:
    email = "ervaringsdeskundige@huis.example" if n == 0 else f"ervaring{n}@huis.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, display_name=name)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    for role in (Role.VISITOR, Role.EXPERT):
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def _experts() -> list[Expert]:
    themes = {t.slug: t for t in Theme.objects.all()}
    kinds = {k.slug: k for k in WorkKind.objects.all()}
    languages = {lang.slug: lang for lang in Language.objects.all()}
    places = {r.name: r for r in Region.objects.all()}
    today = timezone.localdate()
    experts = []
    for n, name in enumerate(NAMES):
        user = _expert_user(n, name)
        expert, created = Expert.objects.get_or_create(
            user=user,
            defaults={
                "region": REGIONS[n % len(REGIONS)],
                "home_region": places.get(REGIONS[n % len(REGIONS)]),
                "travel_km": 20 + (n % 4) * 15,
                "max_per_month": 2 + n % 4,
                "trainings": "Basisopleiding ervaringsdeskundigheid"
                + (", Vertellen over herstel" if n % 2 else ""),
                "consent_given_on": today - dt.timedelta(days=200 + n),
                "consent_scope": "Profiel bijhouden en voorstellen doen voor opdrachten",
                "is_paused": n in (7, 19),
                "receives_benefit": n % 5 == 2,
                "fund_permission_since": (today - dt.timedelta(days=300) if n % 10 == 2 else None),
                "public_text": (
                    f"Ik ben {name}. Ik vertel graag hoe herstel er voor mij uitzag."
                    if n % 3 == 0
                    else ""
                ),
                "publish_public_text": n % 6 == 0,
            },
        )
        if created:
            own = [THEME_SLUGS[n % 10], THEME_SLUGS[(n * 3 + 1) % 10]]
            expert.themes.set([themes[s] for s in own if s in themes])
            if n % 4 == 1:
                excluded = THEME_SLUGS[(n + 5) % 10]
                if excluded not in own and excluded in themes:
                    expert.excluded_themes.set([themes[excluded]])
            expert.work_kinds.set([kinds[s] for s in KIND_SLUGS[n % 3 : n % 3 + 3] if s in kinds])
            spoken = ["nl"] + (["fr"] if n % 4 == 2 else []) + (["ar"] if n == 5 else [])
            expert.languages.set([languages[s] for s in spoken if s in languages])
            parts = list(DayPart.values)
            Availability.objects.bulk_create(
                [
                    Availability(expert=expert, weekday=w, part=parts[(w + n) % 3])
                    for w in range(5)
                    if (w + n) % 4
                ]
                + [Availability(expert=expert, weekday=(n % 5), part=DayPart.EVENING)],
                ignore_conflicts=True,
            )
            caching.bump_pool()  # a bulk insert sends no signals
            if n % 8 == 3:
                Absence.objects.create(
                    expert=expert,
                    starts_on=today + dt.timedelta(days=5),
                    ends_on=today + dt.timedelta(days=12),
                )
        experts.append(expert)
    return experts


def _at(day_offset: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    if day.weekday() >= 5:
        day += dt.timedelta(days=7 - day.weekday())
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


PATH = {
    "new": ["new"],
    "in_progress": ["new", "in_progress"],
    "proposed": ["new", "in_progress", "proposed"],
    "confirmed": ["new", "in_progress", "proposed", "confirmed"],
    "done": ["new", "in_progress", "proposed", "confirmed", "done"],
    "evaluated": ["new", "in_progress", "proposed", "confirmed", "done", "evaluated"],
    "declined": ["new", "declined"],
}


def _requests(experts: list[Expert]) -> None:
    coordinator = User.objects.filter(email="coordinator@huis.example").first()
    themes = list(Theme.objects.filter(slug__in=THEME_SLUGS))
    kinds = list(WorkKind.objects.filter(slug__in=KIND_SLUGS))
    active = [e for e in experts if not e.is_paused]
    now = timezone.now()
    for i in range(30):
        offset = -14 + i  # a month: two weeks back, a bit more than two weeks ahead
        starts_at = _at(offset, 9 + (i * 3) % 10)
        organisation, audience, region = ORGANISATIONS[i % len(ORGANISATIONS)]
        if ExpertRequest.objects.filter(
            organisation_name=organisation, starts_at=starts_at
        ).exists():
            continue
        if starts_at < now:
            status = ["evaluated", "done", "confirmed"][i % 3] if i % 7 else "declined"
        else:
            status = ["new", "in_progress", "proposed", "confirmed", "confirmed"][i % 5]
        request = ExpertRequest.objects.create(
            status=status,
            organisation_name=organisation,
            contact_name=["Leen", "Mohamed", "Griet", "Ann", "Ward"][i % 5],
            contact_email=f"contact{i}@aanvrager.example",
            work_kind=kinds[i % len(kinds)],
            starts_at=starts_at,
            duration_minutes=[90, 120, 180][i % 3],
            place=f"{organisation}, zaal {1 + i % 4}",
            region=region,
            place_region=Region.objects.filter(name=region).first(),
            audience=audience,
            audience_size=15 + (i * 7) % 60,
            experts_wanted=1 + (i % 6 == 0),
            fee=Decimal(["0", "150", "250"][i % 3]),
            handler=coordinator if status != "new" else None,
        )
        request.themes.set([themes[i % len(themes)], themes[(i + 4) % len(themes)]])
        steps = PATH[status]
        for before, after in zip(["", *steps], steps, strict=False):
            RequestEvent.objects.create(
                request=request,
                from_status=before,
                to_status=after,
                actor=coordinator if after not in ("new", "evaluated") else None,
            )
        if status in ("proposed", "confirmed", "done", "evaluated"):
            wanted = request.experts_wanted
            chosen = [active[(i * 5 + k) % len(active)] for k in range(wanted + 1)]
            for k, expert in enumerate(chosen):
                if status == "proposed":
                    state = "proposed"
                else:
                    state = "accepted" if k < wanted else "withdrawn"
                assignment = Assignment.objects.create(
                    request=request,
                    expert=expert,
                    status=state,
                    starts_at=request.starts_at,
                    ends_at=request.ends_at,
                    proposed_by=coordinator,
                )
                if state == "accepted" and status in ("done", "evaluated"):
                    assignment.hours = Decimal("2.5")
                    assignment.km = 20 + k * 10
                    assignment.report_status = "reported"
                    assignment.reported_at = request.ends_at
                    assignment.debrief = "Fijne groep, goede vragen."
                    assignment.save()
        if status == "evaluated":
            Evaluation.objects.create(
                request=request,
                rating=4 + i % 2,
                went_well="Het verhaal raakte de groep. Veel vragen achteraf.",
                could_improve="Iets meer tijd voor het gesprek.",
            )


def _intervision(coordinator) -> None:
    from huis.places import services as places

    from .services import intervision_create

    for days, title in [(6, "Intervisie: grenzen bewaken"), (20, "Intervisie: na een zware dag")]:
        starts_at = _at(days, 18)
        if IntervisionSession.objects.filter(title=title).exists():
            continue
        session = intervision_create(
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2),
            capacity=8,
            place="Huis met vele kamers, bovenzaal",
            description="We praten samen over wat het werk met ons doet.",
            actor=coordinator,
        )
        for expert in Expert.objects.order_by("pk")[:5]:
            places.claim_create(
                offering=session.offering,
                name=expert.user.display_name,
                email=expert.user.email,
                user=expert.user,
                actor=expert.user,
            )


@register_demo_seeder("ervaringsdeskundigen", order=40)
def seed(*, stdout) -> None:
    # The lists and rates come from a data migration; a database emptied by a test's flush has
    # lost them, so the demo puts them back the same way.
    reference.restore()
    experts = _experts()
    _requests(experts)
    _intervision(User.objects.filter(email="coordinator@huis.example").first())
