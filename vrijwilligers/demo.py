"""Demo volunteers: Jonas (who logs in as vrijwilliger@huis.example), Lotte the expert by
experience who volunteers at the reception too (one allowance register for both roles), a few
more volunteers, two applications, and a month of shifts with some gaps: the reception every
weekday morning, Tuesday and Thursday afternoons, helpers for an event. Last month's shifts have
their hours, most of them confirmed.

Idempotent: nothing is added when Jonas already has a volunteer profile. Everything is fictional.
"""

import contextlib
import datetime as dt

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.registry import register_demo_seeder
from huis.places import services as places

from . import services
from .models import Application, Shift, ShiftHours, Volunteer

MORE = [
    (
        "mohamed@huis.example",
        "Mohamed",
        ["reception", "kitchen"],
        "Maandag en woensdag",
    ),
    ("greet@huis.example", "Greet", ["kitchen", "events"], "Dinsdagnamiddag"),
    ("ilse@huis.example", "Ilse", ["accompany", "activities"], "Vrijdag"),
]


def _volunteer(user: User, tasks: list[str], availability: str, **facts) -> Volunteer:
    user.groups.add(Group.objects.get_or_create(name=Role.VOLUNTEER)[0])
    volunteer, _created = Volunteer.objects.get_or_create(
        user=user,
        defaults={
            "tasks": tasks,
            "availability": availability,
            "languages": "Nederlands",
            "started_on": timezone.localdate() - dt.timedelta(days=200),
            "info_note_on": timezone.localdate() - dt.timedelta(days=200),
            "insured": True,
            **facts,
        },
    )
    return volunteer


def _local(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _past_shift(day: dt.date, hour: int, title: str, needed: int, actor: User) -> Shift:
    """A shift that took place already (the services plan only future ones)."""
    shift = Shift.objects.create(
        title=title,
        kind="reception",
        tasks=["reception"],
        starts_at=_local(day, hour),
        ends_at=_local(day, hour + 3),
        needed=needed,
        place="Onthaal",
        created_by=actor,
    )
    shift.offering = places.offering_configure(
        holder=shift,
        config=places.OfferingSettings(capacity=needed, is_open=True, max_places_per_claim=1),
    )
    shift.save(update_fields=["offering"])
    return shift


@register_demo_seeder("vrijwilligers", order=80)
def seed(*, stdout) -> None:
    jonas = User.objects.filter(email="vrijwilliger@huis.example").first()
    coordinator = User.objects.filter(email="coordinator@huis.example").first()
    lotte = User.objects.filter(email="ervaringsdeskundige@huis.example").first()
    if jonas is None or coordinator is None:
        return
    if Volunteer.objects.filter(user=jonas).exists():
        return
    with transaction.atomic():
        people = [_volunteer(jonas, ["reception", "activities"], "Dinsdag- en donderdagvoormiddag")]
        if lotte is not None:
            people.append(_volunteer(lotte, ["reception"], "Vrijdagvoormiddag"))
        for email, name, tasks, availability in MORE:
            user = User.objects.filter(email=email).first() or User.objects.create_user(
                email, display_name=name
            )
            people.append(_volunteer(user, tasks, availability, receives_benefit=name == "Greet"))
        Application.objects.create(
            name="Sara",
            email="sara.kandidaat@huis.example",
            phone="+32470000000",
            tasks=["kitchen"],
            availability="Woensdagnamiddag",
            languages="Nederlands, Arabisch",
            message="Ik kook graag voor veel mensen.",
        )
        Application.objects.create(
            name="Tom", email="tom.kandidaat@huis.example", tasks=["reception", "events"]
        )
        today = timezone.localdate()
        monday = today - dt.timedelta(days=today.weekday())
        # The reception every weekday morning and on Tuesday and Thursday afternoons.
        for weekday, hour, needed in [
            (0, 9, 2),
            (1, 9, 2),
            (2, 9, 2),
            (3, 9, 2),
            (4, 9, 2),
            (1, 13, 1),
            (3, 13, 1),
        ]:
            services.series_create(
                title="Onthaal" + (" namiddag" if hour == 13 else " voormiddag"),
                kind="reception",
                weekday=weekday,
                start_time=dt.time(hour),
                end_time=dt.time(hour + 3),
                needed=needed,
                starts_on=today + dt.timedelta(days=1),
                until=today + dt.timedelta(days=31),
                tasks=["reception"],
                place="Onthaal",
                actor=coordinator,
            )
        services.shift_create(
            data=services.ShiftData(
                title="Buurtfeest: helpers",
                kind="event",
                starts_at=_local(monday + dt.timedelta(days=19), 14),
                ends_at=_local(monday + dt.timedelta(days=19), 18),
                needed=4,
                tasks=["events", "kitchen"],
                place="Tuin van het huis",
            ),
            actor=coordinator,
        )
        # Fill most shifts, leave gaps: every third shift keeps a place open.
        coming = list(Shift.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at"))
        for index, shift in enumerate(coming):
            takers = people[index % len(people) :] + people[: index % len(people)]
            wanted = shift.needed - (1 if index % 3 == 0 else 0)
            for volunteer in takers[:wanted]:
                services.shift_sign_up(shift=shift, volunteer=volunteer, actor=volunteer.user)
        # Last month: shifts with their hours, most confirmed (the allowance counts).
        for n in range(1, 15):
            day = today - dt.timedelta(days=n)
            if day.weekday() >= 5:
                continue
            shift = _past_shift(day, 9, "Onthaal voormiddag", 2, coordinator)
            for volunteer in people[n % len(people) :][:2]:
                places.claim_create(
                    offering=shift.offering,
                    name=volunteer.user.display_name,
                    email=volunteer.user.email,
                    user=volunteer.user,
                    actor=coordinator,
                )
                entry = ShiftHours.objects.create(
                    shift=shift, volunteer=volunteer, day=day, hours=3, km=12 if n % 2 else 0
                )
                if n > 3:
                    # Without legal figures for this year yet, the hours simply wait.
                    with contextlib.suppress(services.VolunteersError):
                        services.hours_confirm(entry=entry, actor=coordinator, confirm=True)
