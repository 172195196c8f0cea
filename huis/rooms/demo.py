"""Demo rooms of the house."""

from huis.core.registry import register_demo_seeder

from .models import Room

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
            },
        )
