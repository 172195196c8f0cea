"""Demo rooms of the house, the rules for partners, and partners' bookings (one waiting)."""

import datetime as dt

from django.utils import timezone

from huis.core.registry import register_demo_seeder

from .models import PartnerBooking, Room

# slug -> (partners may book, opens, closes, days ahead, needs approval)
RULES = {
    "leslokaal-1": (True, dt.time(9, 0), dt.time(21, 0), 60, True),
    "leslokaal-2": (True, dt.time(9, 0), dt.time(17, 0), 30, False),
}

ROOMS = [
    (
        "ontmoetingsruimte",
        "Ontmoetingsruimte",
        "gelijkvloers",
        40,
        True,
        True,
        False,
        False,
        "De grote ruimte met de bar. Hier is de inloop.",
    ),
    (
        "atelier",
        "Atelier",
        "gelijkvloers",
        15,
        True,
        True,
        False,
        False,
        "Tafels, verf en klei. Je mag vuil maken.",
    ),
    (
        "leslokaal-1",
        "Leslokaal 1",
        "eerste verdieping",
        20,
        True,
        False,
        True,
        False,
        "Met een lift bereikbaar. Met een ringleiding.",
    ),
    ("leslokaal-2", "Leslokaal 2", "eerste verdieping", 12, True, False, False, False, ""),
    (
        "stille-kamer",
        "Stille kamer",
        "gelijkvloers",
        4,
        True,
        True,
        False,
        True,
        "Een rustige kamer om even tot rust te komen.",
    ),
]


# The French and English of each room's name and description, by code.
TRANSLATIONS = {
    "ontmoetingsruimte": (
        ("Salle de rencontre", "La grande salle avec le bar. C'est ici qu'on entre librement."),
        ("Meeting room", "The big room with the bar. This is where you walk in."),
    ),
    "atelier": (
        ("Atelier", "Des tables, de la peinture et de l'argile. Tu peux te salir."),
        ("Workshop", "Tables, paint and clay. You may get dirty."),
    ),
    "leslokaal-1": (
        ("Salle de cours 1", "Accessible par l'ascenseur. Avec une boucle magnétique."),
        ("Classroom 1", "Reached by the lift. With a hearing loop."),
    ),
    "leslokaal-2": (("Salle de cours 2", ""), ("Classroom 2", "")),
    "stille-kamer": (
        ("Pièce calme", "Une pièce tranquille pour se reposer un moment."),
        ("Quiet room", "A calm room to rest for a while."),
    ),
}


def _translations(slug: str) -> dict:
    (name_fr, description_fr), (name_en, description_en) = TRANSLATIONS[slug]
    return {
        "name_fr": name_fr,
        "name_en": name_en,
        "description_fr": description_fr or None,
        "description_en": description_en or None,
    }


@register_demo_seeder("rooms", order=10)
def seed(*, stdout) -> None:
    for slug, name, floor, capacity, step_free, toilet, loop, quiet, description in ROOMS:
        Room.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "floor": floor,
                "capacity": capacity,
                "step_free": step_free,
                "accessible_toilet": toilet,
                "hearing_loop": loop,
                "is_quiet_room": quiet,
                "description": description,
                **_translations(slug),
                **_rules(slug),
            },
        )


def _rules(slug: str) -> dict:
    bookable, opens, closes, days, approval = RULES.get(
        slug, (False, dt.time(9, 0), dt.time(17, 0), 60, True)
    )
    return {
        "partner_bookable": bookable,
        "opens_at": opens,
        "closes_at": closes,
        "days_ahead": days,
        "needs_approval": approval,
    }


# (organisation slug, partner's email, room slug, days from today, hour, hours, what for)
BOOKINGS = [
    ("buurtwerk-de-brug", "partner@huis.example", "leslokaal-2", 2, 10, 2, "Teamvergadering"),
    ("buurtwerk-de-brug", "partner@huis.example", "leslokaal-1", 9, 14, 2, "Buurtoverleg"),
    (
        "welzijnsdienst-zeestad",
        "partner2@huis.example",
        "leslokaal-1",
        5,
        18,
        2,
        "Vorming voor vrijwilligers",
    ),
]


@register_demo_seeder("rooms-partners", order=65)
def seed_partner_bookings(*, stdout) -> None:
    """Leslokaal 2 is booked at once; the requests for Leslokaal 1 wait for approval. A free
    moment is looked for a few days on when something else of the demo holds the room."""
    from huis.accounts.models import Organisation, User

    from .partner_services import partner_booking_request
    from .services import RoomError

    for org_slug, email, room_slug, days, hour, hours, purpose in BOOKINGS:
        organisation = Organisation.objects.filter(slug=org_slug).first()
        user = User.objects.filter(email=email).first()
        if organisation is None or user is None:
            continue
        if PartnerBooking.objects.filter(organisation=organisation, purpose=purpose).exists():
            continue
        room = Room.objects.get(slug=room_slug)
        for extra in range(6):
            day = timezone.localdate() + dt.timedelta(days=days + extra)
            starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
            try:
                partner_booking_request(
                    actor=user,
                    organisation=organisation,
                    room=room,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(hours=hours),
                    purpose=purpose,
                )
            except RoomError:
                continue
            break
