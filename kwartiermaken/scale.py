"""Five years of outreach work for the benchmark (`manage.py seed_scale`).

Entries and signals are spread evenly over the partner organisations (some busier than others)
and the days of five years; each organisation works mostly in a few neighbourhoods of its own.
Entries are logged by the organisation's workers. Open follow-ups are rare and recent, as in use.
After the bulk inserts the overviews' monthly figures are counted once (kwartiermaken.figures).
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from huis.accounts.models import Membership, Organisation
from huis.core.registry import register_scale_seeder

from . import figures
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
    "Molenbuurt",
    "Duinenwijk",
    "Sint-Jansparochie",
    "Vlasmarkt",
    "Oude Dokken",
    "Westerveld",
]
PEOPLE_REACHED = {
    OutreachKind.HOME_VISIT: (1, 2),
    OutreachKind.STREET: (1, 6),
    OutreachKind.NETWORK_MEETING: (3, 12),
    OutreachKind.ACTIVITY: (5, 30),
    OutreachKind.CLUB: (1, 4),
    OutreachKind.OTHER: (1, 3),
}
KINDS = [*[OutreachKind.HOME_VISIT] * 4, *[OutreachKind.STREET] * 2, *OutreachKind.values]
REFERRED_TO = ["CAW", "OCMW", "Huis met vele kamers", "Energiehuis", "Huisartsenpraktijk"]
SERVICES = ["CGG Kustland", "OCMW Zeestad", "Huurpremie Vlaanderen", "Sociaal huis", "Mutualiteit"]
DESCRIPTIONS = [
    "Lange wachttijd voor een eerste gesprek. Mensen haken intussen af.",
    "De aanvraag kan alleen online. Wie geen smartphone heeft, raakt er niet.",
    "Te veel papieren en telkens opnieuw langskomen.",
    "Mensen weten niet dat deze hulp bestaat.",
]


def _workers(partners: list[Organisation]) -> dict[int, list[int]]:
    workers: dict[int, list[int]] = {p.pk: [] for p in partners}
    for organisation_id, user_id in Membership.objects.filter(
        organisation__in=partners, ended_on__isnull=True
    ).values_list("organisation_id", "user_id"):
        workers[organisation_id].append(user_id)
    return workers


@register_scale_seeder("kwartiermaken", order=50)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    partners = list(Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("pk"))
    if not partners or not sizes["outreach"]:
        return
    today = timezone.localdate()
    first_day = today - dt.timedelta(days=1825)
    neighbourhoods = Neighbourhood.objects.bulk_create(
        Neighbourhood(name=name, order=n) for n, name in enumerate(NEIGHBOURHOODS)
    )
    needs = list(Need.objects.filter(is_active=True).order_by("order", "pk"))
    workers = _workers(partners)
    # Busier and quieter organisations: weights 1 to 3, as a repeating pattern.
    weights = [1 + n % 3 for n in range(len(partners))]
    schedule = [p for p, w in zip(partners, weights, strict=True) for _ in range(w)]
    homes = {
        p.pk: [neighbourhoods[(n * 3 + k) % len(neighbourhoods)] for k in range(3)]
        for n, p in enumerate(partners)
    }

    n_entries = sizes["outreach"]
    entries = []
    for n in range(n_entries):
        day = first_day + dt.timedelta(days=n * 1825 // n_entries)
        organisation = schedule[rng.randrange(len(schedule))]
        own = workers[organisation.pk]
        kind = rng.choice(KINDS)
        low, high = PEOPLE_REACHED[kind]
        neighbourhood = (
            rng.choice(homes[organisation.pk]) if rng.random() < 0.8 else rng.choice(neighbourhoods)
        )
        referrals = 1 if rng.random() < 0.15 else 0
        follow_up_on = None
        done_at = None
        if rng.random() < 0.1:
            follow_up_on = day + dt.timedelta(days=rng.randint(3, 21))
            # Follow-ups of more than a month ago are done; recent ones often still open.
            if follow_up_on < today - dt.timedelta(days=30) or rng.random() < 0.5:
                done_at = dt.datetime.combine(
                    min(follow_up_on, today), dt.time(12), tzinfo=timezone.get_current_timezone()
                )
        entries.append(
            OutreachEntry(
                organisation=organisation,
                created_by_id=own[n % len(own)] if own else None,
                date=day,
                neighbourhood=neighbourhood,
                kind=kind,
                people_reached=rng.randint(low, high),
                contact_codes=[f"C{organisation.pk}-{n % 997}"]
                if kind == OutreachKind.HOME_VISIT
                else [],
                referrals=referrals,
                referred_to=rng.choice(REFERRED_TO) if referrals else "",
                follow_up_on=follow_up_on,
                follow_up_note="Terugbellen over de afspraak" if follow_up_on else "",
                follow_up_done_at=done_at,
                notes="Kort gesprek aan de deur." if rng.random() < 0.2 else "",
            )
        )
    OutreachEntry.objects.bulk_create(entries, batch_size=5000)
    through = OutreachEntry.needs.through
    links = []
    for entry in entries:
        count = rng.choice((0, 1, 1, 2))
        for need in rng.sample(needs, min(count, len(needs))):
            links.append(through(outreachentry_id=entry.pk, need_id=need.pk))
    through.objects.bulk_create(links, batch_size=10000)

    n_signals = sizes["signals"]
    categories = list(SignalCategory.values)
    signals = []
    for n in range(n_signals):
        # A signal comes from about the same day, organisation and street as an entry.
        entry = entries[n * len(entries) // n_signals]
        signals.append(
            Signal(
                organisation_id=entry.organisation_id,
                created_by_id=entry.created_by_id,
                entry=entry if rng.random() < 0.4 else None,
                observed_on=entry.date,
                category=rng.choice(categories),
                neighbourhood_id=entry.neighbourhood_id,
                service=rng.choice(SERVICES),
                description=rng.choice(DESCRIPTIONS),
                times_seen=rng.randint(1, 5),
            )
        )
    Signal.objects.bulk_create(signals, batch_size=5000)

    coordinator = get_user_model().objects.filter(email="bench-coordinator@scale.example").first()
    statuses = list(PolicyRecommendation.Status.values)
    n_recommendations = max(1, round(300 * n_signals / 40_000)) if signals else 0
    recommendations = PolicyRecommendation.objects.bulk_create(
        PolicyRecommendation(
            title=f"Aanbeveling {n + 1}: drempels wegwerken",
            problem="Mensen lopen vast op dezelfde drempel.",
            proposal="Een vast aanspreekpunt en een inloopmoment per week.",
            addressed_to=rng.choice(SERVICES),
            status=statuses[n % len(statuses)],
            created_by=coordinator,
        )
        for n in range(n_recommendations)
    )
    bundle = PolicyRecommendation.signals.through
    bundle.objects.bulk_create(
        (
            bundle(policyrecommendation_id=r.pk, signal_id=s.pk)
            for r in recommendations
            for s in rng.sample(signals, min(len(signals), rng.randint(3, 12)))
        ),
        batch_size=10000,
    )
    months = figures.refresh_all()
    stdout.write(
        f"    {len(entries)} outreach entries ({len(links)} needs), {len(signals)} signals, "
        f"{len(recommendations)} recommendations, figures of {months} months"
    )
