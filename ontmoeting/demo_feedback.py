"""Demo feedback: three activities of the past weeks, with the people who had a place and the
anonymous answers to "how was it?" (three faces, now and then a sentence), so staff see them on
the activity's page and the yearly report counts them.

The services refuse dates in the past, so the rows are written here directly: the activity
(published, no room booking), its places with confirmed sign-ups marked 'was there', and the
answers with a made-up voter key (no person behind it). Idempotent: an activity with the same
title and start is left as it is. Everything is fictional.
"""

import datetime as dt
import hashlib

from django.utils import timezone

from huis.accounts.models import User
from huis.places import services as places
from huis.places.models import PlaceClaim, PlaceOffering

from .models import Activity, ActivityFeedback, Category

GOOD, OK, BAD = (ActivityFeedback.Face.GOOD, ActivityFeedback.Face.OK, ActivityFeedback.Face.BAD)

# days ago, from, until, title, summary, category, capacity, walk-ins, guests, answers
PAST = [
    (
        9,
        dt.time(14),
        dt.time(16),
        "Samen koken: soep van het seizoen",
        "We maakten samen pompoensoep en aten samen.",
        Category.MEAL,
        8,
        2,
        ["Nadia", "Tom", "Rita", "Yusuf", "Eva", "Wout"],
        [
            (GOOD, "Lekker gegeten en veel gelachen. Ik kom zeker terug."),
            (GOOD, ""),
            (GOOD, "Fijn dat ik gewoon mocht meehelpen zonder dat ik kon koken."),
            (OK, "Het was wat druk in de keuken."),
            (GOOD, ""),
        ],
    ),
    (
        16,
        dt.time(10),
        dt.time(12),
        "Wandeling langs de Schelde",
        "Een rustige wandeling van een uur, met koffie achteraf.",
        Category.OUTING,
        12,
        0,
        ["Marc", "Ann", "Said", "Lien"],
        [
            (GOOD, "Rustig tempo, dat deed deugd."),
            (OK, ""),
            (BAD, "Het regende hard en we hadden geen plan B."),
            (GOOD, ""),
        ],
    ),
    (
        23,
        dt.time(19),
        dt.time(21),
        "Filmavond in de ontmoetingsruimte",
        "Een warme film en een babbel achteraf.",
        Category.CREATIVE,
        20,
        4,
        ["Jef", "Hanne", "Ahmed", "Sofie", "Kris", "Mila", "Bram"],
        [
            (GOOD, "Mooie film, en het gesprek achteraf was nog beter."),
            (GOOD, ""),
            (OK, "De stoelen zijn niet zo comfortabel voor twee uur."),
            (GOOD, ""),
            (GOOD, "Bedankt voor de popcorn!"),
            (OK, ""),
        ],
    ),
]


def _voter(activity: Activity, n: int) -> str:
    # Unique per answer and activity like a real one; made up, so it points to nobody.
    return hashlib.sha256(f"demo-feedback:{activity.pk}:{n}".encode()).hexdigest()[:32]


def seed_feedback(*, stdout) -> None:
    leaders = list(User.objects.filter(email="medewerker@huis.example"))
    today = timezone.localdate()
    for days, start, end, title, summary, category, capacity, walk_ins, guests, answers in PAST:
        day = today - dt.timedelta(days=days)
        starts_at = timezone.make_aware(dt.datetime.combine(day, start))
        if Activity.objects.filter(title=title, starts_at=starts_at).exists():
            continue
        activity = Activity.objects.create(
            title=title,
            summary=summary,
            description=summary,
            category=category,
            location="Huis met vele kamers",
            starts_at=starts_at,
            ends_at=timezone.make_aware(dt.datetime.combine(day, end)),
            leader_names="Vrijwilligers van het huis",
            status=Activity.Status.PUBLISHED,
            walk_in_count=walk_ins,
        )
        activity.leaders.set(leaders)
        offering = places.offering_configure(
            holder=activity,
            config=places.OfferingSettings(capacity=capacity, closes_at=starts_at),
        )
        Activity.objects.filter(pk=activity.pk).update(offering=offering)
        signed_up = starts_at - dt.timedelta(days=5)
        PlaceClaim.objects.bulk_create(
            PlaceClaim(
                offering=offering,
                name=name,
                email=f"{name.lower()}.gast@huis.example",
                status=PlaceClaim.Status.CONFIRMED,
                attendance=PlaceClaim.Attendance.ATTENDED,
                confirmed_at=signed_up,
            )
            for name in guests
        )
        PlaceOffering.objects.filter(pk=offering.pk).update(taken=len(guests))
        ActivityFeedback.objects.bulk_create(
            ActivityFeedback(
                activity=activity, face=face, comment=comment, voter=_voter(activity, n)
            )
            for n, (face, comment) in enumerate(answers)
        )
