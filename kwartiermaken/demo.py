"""Demo neighbourhood work: neighbourhoods, a third partner, a year of outreach entries by three
partners, signals, and two policy recommendations (one answered, one draft).

Idempotent: neighbourhoods and people are found by name and email; the entries are made only when
the demo partners have none yet. Everything is fictional; third persons only appear as codes.
"""

import datetime as dt
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from huis.accounts.demo import DEMO_PASSWORD
from huis.accounts.models import Membership, Organisation, User
from huis.accounts.roles import Role
from huis.core.registry import register_demo_seeder

from . import figures, services
from .models import (
    Need,
    Neighbourhood,
    OutreachEntry,
    OutreachKind,
    PolicyRecommendation,
    Signal,
    SignalCategory,
)

NEIGHBOURHOODS = [
    "Stationswijk",
    "Visserswijk",
    "Oosthoek",
    "Kerkwijk",
    "Nieuwe Haven",
    "Zeestad-West",
]

DEMO_NEEDS = [
    "Wonen",
    "Inkomen",
    "Schulden",
    "Gezondheid",
    "Psychisch welzijn",
    "Eenzaamheid",
    "Administratie en papieren",
    "Taal",
]

THIRD_PARTNER = (
    "samenlevingsopbouw-zeestad",
    "Samenlevingsopbouw Zeestad",
    "Opbouwwerk met bewoners van de Oosthoek en Nieuwe Haven: huis aan huis, buurtacties.",
)
THIRD_WORKER = ("partner3@huis.example", "Ilse")

# organisation slug -> (worker email, code prefix, neighbourhoods they mostly work in)
PARTNERS = {
    "buurtwerk-de-brug": ("partner@huis.example", "BR", ["Stationswijk", "Visserswijk"]),
    "welzijnsdienst-zeestad": ("partner2@huis.example", "ZS", ["Kerkwijk", "Zeestad-West"]),
    THIRD_PARTNER[0]: (THIRD_WORKER[0], "SO", ["Oosthoek", "Nieuwe Haven"]),
}

NOTES = [
    "Eerste kennismaking aan de deur. Wil graag dat we terugkomen.",
    "Brieven van de huisbaas liggen ongeopend. Samen eerste brief gelezen.",
    "Weinig contact met anderen sinds de verhuis. Interesse in de soepnamiddag van het huis.",
    "Vraag naar hulp bij de aanvraag van een huurpremie.",
    "Samen naar het OCMW gebeld; afspraak gemaakt.",
    "Kinderen gaan niet naar de opvang: te duur, wachtlijst.",
    "Zorgen over de energiefactuur. Energiescan voorgesteld.",
    "Geen huisarts meer sinds vorig jaar.",
    "",
    "",
]
REFERRED_TO = ["CAW", "OCMW", "Huis met vele kamers", "Energiehuis", "Huisartsenpraktijk", ""]
FOLLOW_UPS = [
    "Terugbellen over de afspraak bij het OCMW",
    "Samen naar de inloop van het huis gaan",
    "Nakijken of de huurpremie is aangevraagd",
    "Langsgaan met de energiescanner",
]

SIGNALS = [
    (
        SignalCategory.WAITING,
        "CGG Kustland",
        "Drie tot vier maanden wachten op een eerste gesprek. Mensen haken intussen af.",
    ),
    (
        SignalCategory.DIGITAL,
        "Huurpremie Vlaanderen",
        "De aanvraag kan alleen online, met itsme. Wie geen smartphone heeft, raakt er niet.",
    ),
    (
        SignalCategory.PAPERWORK,
        "OCMW Zeestad",
        "Voor een leefloon moeten mensen vijf keer langskomen, telkens met andere papieren.",
    ),
    (
        SignalCategory.REACH,
        "Sociaal huis",
        "Het loket is alleen open in de voormiddag. Wie werkt of voor kinderen zorgt, kan niet.",
    ),
    (
        SignalCategory.COST,
        "Kinderopvang",
        "De opvang kost te veel voor gezinnen met een klein inkomen, ook met korting.",
    ),
    (
        SignalCategory.INFORMATION,
        "Energiehuis",
        "Bewoners weten niet dat er gratis energiescans bestaan.",
    ),
    (
        SignalCategory.LANGUAGE,
        "Huisartsenpraktijk",
        "Geen tolk mogelijk aan de telefoon; mensen durven niet bellen.",
    ),
    (
        SignalCategory.ATTITUDE,
        "Sociaal huis",
        "Mensen voelen zich niet welkom aan het onthaal en komen niet terug.",
    ),
    (
        SignalCategory.GAP,
        "",
        "Er is geen plek waar je 's avonds binnen kunt om iemand te spreken.",
    ),
]


def _third_partner() -> tuple[Organisation, User]:
    slug, name, description = THIRD_PARTNER
    organisation, _ = Organisation.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": Organisation.Kind.PARTNER,
            "sector": Organisation.Sector.COMMUNITY,
            "description": description,
            "email": f"info@{slug}.example",
        },
    )
    email, display_name = THIRD_WORKER
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=display_name
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    for role in (Role.PARTNER_WORKER, Role.VISITOR):
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    Membership.objects.get_or_create(user=user, organisation=organisation)
    return organisation, user


def _needs() -> list[Need]:
    """The needs the migration seeds; made again when a database was emptied (tests)."""
    for order, name in enumerate(DEMO_NEEDS, start=1):
        if not Need.objects.filter(name__iexact=name).exists():
            Need.objects.create(name=name, order=order * 10)
    return list(Need.objects.filter(is_active=True))


def _neighbourhoods() -> dict[str, Neighbourhood]:
    result = {}
    for order, name in enumerate(NEIGHBOURHOODS, start=1):
        result[name], _ = Neighbourhood.objects.get_or_create(
            name=name, defaults={"order": order * 10}
        )
    return result


def _year_of_entries(
    rng: random.Random,
    organisation: Organisation,
    worker: User,
    prefix: str,
    home: list[Neighbourhood],
    others: list[Neighbourhood],
    needs: list[Need],
) -> list[OutreachEntry]:
    today = timezone.localdate()
    kinds = [
        (OutreachKind.HOME_VISIT, 5),
        (OutreachKind.STREET, 3),
        (OutreachKind.NETWORK_MEETING, 1),
        (OutreachKind.ACTIVITY, 2),
        (OutreachKind.CLUB, 1),
        (OutreachKind.OTHER, 1),
    ]
    entries = []
    day = today - dt.timedelta(days=364)
    while day < today:
        for _ in range(rng.choice([0, 1, 1, 2])):
            if day.weekday() >= 5:
                continue
            kind = rng.choices([k for k, _w in kinds], weights=[w for _k, w in kinds])[0]
            neighbourhood = rng.choice(home) if rng.random() < 0.85 else rng.choice(others)
            people = {
                OutreachKind.HOME_VISIT: rng.choice([1, 1, 1, 2, 3]),
                OutreachKind.STREET: rng.randint(3, 18),
                OutreachKind.NETWORK_MEETING: rng.randint(4, 12),
                OutreachKind.ACTIVITY: rng.randint(8, 40),
                OutreachKind.CLUB: rng.randint(1, 5),
                OutreachKind.OTHER: rng.randint(1, 4),
            }[kind]
            referrals = rng.choice([0, 0, 0, 1, 1, 2]) if kind == OutreachKind.HOME_VISIT else 0
            follow_up = None
            follow_up_done = None
            if kind == OutreachKind.HOME_VISIT and rng.random() < 0.35:
                follow_up = day + dt.timedelta(days=rng.randint(3, 21))
                if follow_up < today - dt.timedelta(days=3):
                    follow_up_done = timezone.make_aware(
                        dt.datetime.combine(follow_up, dt.time(15))
                    )
            entry = OutreachEntry(
                organisation=organisation,
                created_by=worker,
                date=day,
                neighbourhood=neighbourhood,
                kind=kind,
                people_reached=people,
                contact_codes=(
                    [f"{prefix}-{rng.randint(1, 60)}"] if kind == OutreachKind.HOME_VISIT else []
                ),
                referrals=referrals,
                referred_to=rng.choice(REFERRED_TO) if referrals else "",
                follow_up_on=follow_up,
                follow_up_note=rng.choice(FOLLOW_UPS) if follow_up else "",
                follow_up_done_at=follow_up_done,
                notes=rng.choice(NOTES) if kind == OutreachKind.HOME_VISIT else "",
            )
            entry._demo_needs = rng.sample(needs, k=min(len(needs), rng.choice([0, 1, 1, 2, 3])))
            entries.append(entry)
        day += dt.timedelta(days=1)
    created = OutreachEntry.objects.bulk_create(entries, batch_size=500)
    through = OutreachEntry.needs.through
    through.objects.bulk_create(
        [
            through(outreachentry_id=entry.pk, need_id=need.pk)
            for entry, original in zip(created, entries, strict=True)
            for need in original._demo_needs
        ],
        batch_size=1000,
    )
    return created


def _signals(
    rng: random.Random, organisation: Organisation, worker: User, entries: list[OutreachEntry]
) -> list[Signal]:
    signals = []
    visits = [e for e in entries if e.kind == OutreachKind.HOME_VISIT]
    for category, service, description in SIGNALS:
        for _ in range(rng.randint(1, 3)):
            entry = rng.choice(visits) if visits and rng.random() < 0.7 else None
            observed = (
                entry.date
                if entry
                else timezone.localdate() - dt.timedelta(days=rng.randint(0, 360))
            )
            signals.append(
                Signal(
                    organisation=organisation,
                    created_by=worker,
                    entry=entry,
                    observed_on=observed,
                    category=category,
                    neighbourhood=entry.neighbourhood
                    if entry
                    else rng.choice(entries).neighbourhood,
                    service=service,
                    description=description,
                    times_seen=rng.randint(1, 6),
                )
            )
    return Signal.objects.bulk_create(signals)


def _open_follow_ups(
    worker: User, organisation: Organisation, neighbourhood: Neighbourhood
) -> None:
    """A few follow-ups due this week, through the service: the start page and the reminders."""
    today = timezone.localdate()
    for days, note in [(-1, FOLLOW_UPS[0]), (1, FOLLOW_UPS[1]), (4, FOLLOW_UPS[2])]:
        services.entry_create(
            actor=worker,
            organisation=organisation,
            details=services.EntryDetails(
                date=today - dt.timedelta(days=3),
                neighbourhood=neighbourhood,
                kind=OutreachKind.HOME_VISIT,
                people_reached=1,
                contact_codes=["BR-7"],
                follow_up_on=max(today + dt.timedelta(days=days), today - dt.timedelta(days=3)),
                follow_up_note=note,
                notes="Vraagt hulp bij een brief van de huisbaas.",
            ),
        )


def _recommendations(coordinator: User | None) -> None:
    by_category = {}
    for signal in Signal.objects.order_by("pk"):
        by_category.setdefault(signal.category, []).append(signal)
    answered = services.recommendation_create(
        actor=coordinator,
        signals=by_category.get(SignalCategory.DIGITAL, [])
        + by_category.get(SignalCategory.INFORMATION, []),
        details=services.RecommendationDetails(
            title="Huurpremie ook aanvragen zonder smartphone",
            addressed_to="Wooncentrum Zeestad en Vlaams Agentschap Wonen",
            problem=(
                "Veel huurders met recht op een huurpremie vragen ze niet aan. De aanvraag kan "
                "alleen online en met itsme. Wie geen smartphone heeft of niet vlot is met een "
                "computer, valt uit de boot."
            ),
            proposal=(
                "Een vast moment per week in het sociaal huis waar een medewerker samen met de "
                "huurder de aanvraag doet, en een papieren aanvraag voor wie dat wil."
            ),
        ),
    )
    services.recommendation_send(
        recommendation=answered,
        actor=coordinator,
        sent_on=timezone.localdate() - dt.timedelta(days=60),
    )
    services.recommendation_record_answer(
        recommendation=answered,
        actor=coordinator,
        answer=(
            "Het sociaal huis start in het voorjaar met een digitaal spreekuur op dinsdag. "
            "Een papieren aanvraag is volgens de Vlaamse regels niet mogelijk."
        ),
        answered_on=timezone.localdate() - dt.timedelta(days=20),
    )
    services.recommendation_create(
        actor=coordinator,
        signals=by_category.get(SignalCategory.WAITING, []),
        details=services.RecommendationDetails(
            title="Een eerste gesprek binnen de maand",
            addressed_to="CGG Kustland en de eerstelijnszone",
            problem=(
                "Mensen wachten drie tot vier maanden op een eerste gesprek. Intussen haken ze af "
                "of komen ze in crisis terecht."
            ),
            proposal=(
                "Een wekelijks inloopmoment zonder afspraak, samen met een ervaringsdeskundige, en "
                "een vaste contactpersoon voor buurtwerkers die iemand willen doorverwijzen."
            ),
        ),
    )


@register_demo_seeder("kwartiermaken", order=50)
def seed(*, stdout) -> None:
    with transaction.atomic():
        neighbourhoods = _neighbourhoods()
        _third_partner()
        if (
            PolicyRecommendation.objects.exists()
            or OutreachEntry.objects.filter(organisation__slug__in=PARTNERS).exists()
        ):
            return
        rng = random.Random(8)  # noqa: S311 - demo data, the same every time
        needs = _needs()
        all_neighbourhoods = list(neighbourhoods.values())
        workers = {}
        for slug, (email, prefix, home_names) in PARTNERS.items():
            organisation = Organisation.objects.filter(slug=slug).first()
            worker = User.objects.filter(email=email).first()
            if organisation is None or worker is None:
                continue
            workers[slug] = (organisation, worker)
            home = [neighbourhoods[name] for name in home_names]
            others = [n for n in all_neighbourhoods if n not in home]
            entries = _year_of_entries(rng, organisation, worker, prefix, home, others, needs)
            _signals(rng, organisation, worker, entries)
        if "buurtwerk-de-brug" in workers:
            organisation, worker = workers["buurtwerk-de-brug"]
            _open_follow_ups(worker, organisation, neighbourhoods["Stationswijk"])
        coordinator = User.objects.filter(email="coordinator@huis.example").first()
        _recommendations(coordinator)
        figures.refresh_all()  # the year of entries went in bulk, past the services
        stdout.write(
            f"Kwartiermaken: {OutreachEntry.objects.count()} entries, "
            f"{Signal.objects.count()} signals, "
            f"{PolicyRecommendation.objects.count()} recommendations."
        )
