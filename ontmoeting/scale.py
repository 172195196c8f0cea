"""Five years of the house's programme for the benchmark (`manage.py seed_scale`).

Activities fill fixed slots (room x time of day), so room bookings never clash; the first slots of
every weekday belong to weekly series. Places are counted exactly as huis.places would: confirmed
places never exceed the capacity, `taken` equals the places of confirmed sign-ups, the rest wait.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.text import slugify

from huis.core.registry import register_scale_seeder
from huis.core.versioned_cache import bump
from huis.facts.models import OpeningPeriod
from huis.places.models import PlaceClaim, PlaceOffering
from huis.rooms.models import Room, RoomBooking

from .models import Activity, Category, Series, WalkInTally

TZ = ZoneInfo("Europe/Brussels")
ROOMS = 12
TIMES = [(dt.time(10), dt.time(12)), (dt.time(14), dt.time(16)), (dt.time(19), dt.time(21))]
SERIES_SLOTS = 6  # slots 0-5 of each weekday are weekly series
TITLES = {
    Category.MEETING: ["Koffie en babbel", "Inloop met soep", "Spelnamiddag", "Praatcafé"],
    Category.CREATIVE: ["Schilderatelier", "Keramiek", "Schrijfgroep", "Fotowandeling"],
    Category.MOVEMENT: ["Wandelen in het park", "Zachte yoga", "Petanque", "Fietstocht"],
}


def _title(rng) -> tuple[str, str]:
    categories = list(Category.values)
    category = rng.choice(categories)
    names = TITLES.get(category, ["Samen koken", "Uitstap naar zee", "Workshop herstel"])
    return rng.choice(names), category


@register_scale_seeder("ontmoeting", order=20)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    n_activities = sizes["activities"]
    per_day = -(-n_activities // 1826)  # five years of days
    if per_day > ROOMS * len(TIMES):
        raise ValueError("Too many activities per day for the rooms of the benchmark house.")
    today = timezone.localdate()
    first_day = today - dt.timedelta(days=round(1826 * 0.9))
    rooms = Room.objects.bulk_create(
        Room(name=f"Zaal {n + 1}", slug=f"zaal-{n + 1}", capacity=30, step_free=n % 2 == 0)
        for n in range(ROOMS)
    )
    last_day = first_day + dt.timedelta(days=1825)
    series = {
        (slot, weekday): Series(
            title=f"Wekelijkse reeks {slot + 1}",
            weekday=weekday,
            starts_at_time=TIMES[slot // ROOMS][0],
            ends_at_time=TIMES[slot // ROOMS][1],
            first_date=first_day,
            last_date=last_day,
        )
        for slot in range(min(SERIES_SLOTS, per_day))
        for weekday in range(7)
    }
    Series.objects.bulk_create(series.values())
    series_titles = {key: _title(rng) for key in series}

    activities = []
    slot, previous_day = 0, None
    for n in range(n_activities):
        day = first_day + dt.timedelta(days=n * 1826 // n_activities)
        slot = slot + 1 if day == previous_day else 0
        previous_day = day
        start_time, end_time = TIMES[slot // ROOMS]
        key = (slot, day.weekday())
        title, category = series_titles[key] if key in series else _title(rng)
        future = day >= today
        roll = rng.random()
        status = (
            Activity.Status.CANCELLED
            if roll < 0.03
            else Activity.Status.DRAFT
            if future and roll < 0.05
            else Activity.Status.PUBLISHED
        )
        activities.append(
            Activity(
                title=title,
                slug=slugify(title),
                summary=f"{title}: iedereen is welkom, ook als je voor het eerst komt.",
                description="We doen het samen en op ons eigen tempo. Je hoeft niets te kunnen.",
                category=category,
                room=rooms[slot % ROOMS],
                starts_at=dt.datetime.combine(day, start_time, tzinfo=TZ),
                ends_at=dt.datetime.combine(day, end_time, tzinfo=TZ),
                price=0,
                step_free=slot % 2 == 0,
                quiet_room=slot % 5 == 0,
                easy_to_read=slot % 3 == 0,
                status=status,
                series=series.get(key),
            )
        )
    Activity.objects.bulk_create(activities, batch_size=5000)

    activity_type = ContentType.objects.get_for_model(Activity)
    RoomBooking.objects.bulk_create(
        (
            RoomBooking(
                room_id=a.room_id,
                period=DateTimeTZRange(a.starts_at, a.ends_at),
                label=a.title,
                holder_type=activity_type,
                holder_id=a.pk,
            )
            for a in activities
        ),
        batch_size=5000,
    )

    with_places = [a for a in activities if rng.random() < 0.7]
    capacities = {a.pk: rng.randint(8, 25) for a in with_places}
    users = get_user_model().objects.order_by("pk")
    people = list(users.exclude(email__startswith="bench-").values_list("pk", flat=True))
    bench_visitor = users.filter(email="bench-visitor@scale.example").first()
    wanted = sizes["registrations"]
    average = wanted / max(len(with_places), 1)
    claims: list[PlaceClaim] = []
    taken: dict[int, int] = {}
    offerings = PlaceOffering.objects.bulk_create(
        (
            PlaceOffering(
                holder_type=activity_type,
                holder_id=a.pk,
                capacity=capacities.get(a.pk),
                is_open=a.status == Activity.Status.PUBLISHED,
                closes_at=a.starts_at,
            )
            for a in activities
        ),
        batch_size=5000,
    )
    offering_of = {o.holder_id: o for o in offerings}
    for a in activities:
        a.offering = offering_of[a.pk]
    Activity.objects.bulk_update(activities, ["offering"], batch_size=5000)
    now = timezone.now()
    guest = 0
    for a in with_places:
        if len(claims) >= wanted:
            break
        capacity = capacities[a.pk]
        count = min(rng.randint(0, round(2.2 * average)), wanted - len(claims))
        start = rng.randrange(len(people))
        used = 0
        past = a.ends_at < now
        for k in range(count):
            places = 2 if rng.random() < 0.05 else 1
            confirmed = used + places <= capacity
            if confirmed:
                used += places
            as_guest = rng.random() < 0.15
            guest += as_guest
            claims.append(
                PlaceClaim(
                    offering=offering_of[a.pk],
                    user_id=None if as_guest else people[(start + k) % len(people)],
                    name="Gast" if as_guest else "Deelnemer",
                    email=f"gast{guest}@scale.example" if as_guest else "",
                    language="nl",
                    places=places,
                    status=PlaceClaim.Status.CONFIRMED if confirmed else PlaceClaim.Status.WAITING,
                    rank=k,
                    attendance=(
                        ("attended" if rng.random() < 0.85 else "no_show")
                        if past and confirmed
                        else ""
                    ),
                    confirmed_at=a.starts_at - dt.timedelta(days=3) if confirmed else None,
                )
            )
        taken[a.pk] = used
    # The benchmark's visitor has a history: 40 activities spread over the years.
    if bench_visitor is not None:
        step = max(len(with_places) // 40, 1)
        for a in with_places[::step][:40]:
            if taken.get(a.pk, 0) < capacities[a.pk]:
                taken[a.pk] = taken.get(a.pk, 0) + 1
                claims.append(
                    PlaceClaim(
                        offering=offering_of[a.pk],
                        user=bench_visitor,
                        name=bench_visitor.display_name,
                        status=PlaceClaim.Status.CONFIRMED,
                        rank=10_000,
                        confirmed_at=a.starts_at - dt.timedelta(days=3),
                    )
                )
    PlaceClaim.objects.bulk_create(claims, batch_size=5000)
    for offering in offerings:
        offering.taken = taken.get(offering.holder_id, 0)
    PlaceOffering.objects.bulk_update([o for o in offerings if o.taken], ["taken"], batch_size=5000)

    # The house's opening hours (huis.facts): three afternoons when it has none yet.
    if not OpeningPeriod.objects.exists():
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(weekday=weekday, opens_at=dt.time(14), closes_at=dt.time(17))
            for weekday in (1, 3, 5)
        )
        bump("house")
    periods = list(OpeningPeriod.objects.values_list("weekday", "opens_at", "closes_at"))
    tallies = []
    day = first_day
    while day < today:
        tallies += [
            WalkInTally(date=day, opens_at=opens, closes_at=closes, count=rng.randint(5, 40))
            for weekday, opens, closes in periods
            if weekday == day.weekday()
        ]
        day += dt.timedelta(days=1)
    WalkInTally.objects.bulk_create(tallies, batch_size=5000)
    stdout.write(
        f"    {len(activities)} activities ({len(series)} weekly series), "
        f"{len(claims)} sign-ups, {len(tallies)} walk-in tallies"
    )
