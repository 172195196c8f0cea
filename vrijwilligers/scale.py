"""Vrijwilligers' part of the benchmark (`manage.py seed_scale`): `volunteers` volunteers (people
of the seeded crowd, with the volunteer role) and `shifts` shifts over five years up to two
months ahead, each with its places (a huis.places offering), the volunteers on it (most shifts
full, some with gaps) and, for the past ones, their confirmed hours. Bulk inserts only."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.registry import register_scale_seeder
from huis.core.versioned_cache import bump
from huis.places.models import PlaceClaim, PlaceOffering

from .caching import BOARD_SCOPE
from .models import Shift, ShiftHours, Task, Volunteer

SLOTS = [(9, 3, 2, "Onthaal voormiddag"), (13, 3, 1, "Onthaal namiddag"), (14, 4, 3, "Activiteit")]


@register_scale_seeder("vrijwilligers", order=80)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    count, shift_count = sizes.get("volunteers", 0), sizes.get("shifts", 0)
    if count <= 0 or shift_count <= 0:
        return
    users = list(User.objects.filter(email__startswith="persoon").order_by("pk")[:count])
    bench = User.objects.filter(email="bench-volunteer@scale.example").first()
    if bench is None:
        bench = User.objects.create_user(
            "bench-volunteer@scale.example", display_name="Bench vrijwilliger"
        )
    users.append(bench)
    group = Group.objects.get_or_create(name=Role.VOLUNTEER)[0]
    group.user_set.add(*users)
    tasks = list(Task.values)
    today = timezone.localdate()
    volunteers = Volunteer.objects.bulk_create(
        [
            Volunteer(
                user=u,
                tasks=rng.sample(tasks, 2),
                started_on=today - dt.timedelta(days=rng.randrange(30, 5 * 365)),
                info_note_on=today - dt.timedelta(days=30),
                insured=True,
            )
            for u in users
        ],
        batch_size=2000,
    )
    # Shifts from five years ago to two months ahead, a few per day.
    first = today - dt.timedelta(days=5 * 365)
    span = (today + dt.timedelta(days=62) - first).days
    shifts = []
    for n in range(shift_count):
        day = first + dt.timedelta(days=n * span // shift_count)
        hour, length, needed, title = SLOTS[n % len(SLOTS)]
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        shifts.append(
            Shift(
                title=title,
                kind="reception" if hour < 14 else "activity_help",
                tasks=["reception"] if hour < 14 else ["activities"],
                starts_at=start,
                ends_at=start + dt.timedelta(hours=length),
                needed=needed,
                place="Onthaal",
            )
        )
    shifts = Shift.objects.bulk_create(shifts, batch_size=2000)
    shift_type = ContentType.objects.get_for_model(Shift)
    now = timezone.now()
    filled = {s.pk: max(s.needed - (1 if rng.random() < 0.2 else 0), 0) for s in shifts}
    offerings = PlaceOffering.objects.bulk_create(
        [
            PlaceOffering(
                holder_type=shift_type,
                holder_id=s.pk,
                capacity=s.needed,
                taken=filled[s.pk],
                is_open=True,
                closes_at=s.starts_at,
                max_places_per_claim=1,
            )
            for s in shifts
        ],
        batch_size=2000,
    )
    for s, offering in zip(shifts, offerings, strict=True):
        s.offering_id = offering.pk
    Shift.objects.bulk_update(shifts, ["offering"], batch_size=2000)
    claims, hours = [], []
    for s in shifts:
        for v in rng.sample(volunteers, filled[s.pk]):
            claims.append(
                PlaceClaim(
                    offering_id=s.offering_id,
                    user_id=v.user_id,
                    name=v.user.display_name,
                    email=v.user.email,
                    status=PlaceClaim.Status.CONFIRMED,
                    confirmed_at=s.starts_at - dt.timedelta(days=3),
                )
            )
            if s.starts_at < now:
                hours.append(
                    ShiftHours(
                        shift=s,
                        volunteer=v,
                        day=timezone.localtime(s.starts_at).date(),
                        hours=Decimal("3"),
                        status=ShiftHours.Status.CONFIRMED,
                        flat_amount=Decimal("20.00"),
                        confirmed_at=s.starts_at,
                    )
                )
    PlaceClaim.objects.bulk_create(claims, batch_size=5000)
    ShiftHours.objects.bulk_create(hours, batch_size=5000)
    bump(BOARD_SCOPE, "places")  # bulk inserts send no signal: boards kept before are redrawn
    stdout.write(f"    {len(volunteers)} volunteers, {len(shifts)} shifts, {len(hours)} hours")
