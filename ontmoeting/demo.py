"""Demo programme: a weekly walk-in series, four weeks of activities and three past ones with
anonymous feedback (demo_feedback). The open hours are the house's, seeded by huis.facts.demo.

Idempotent: activities are recognised by title and date, so a second run adds nothing. Uses the
demo rooms (huis.rooms.demo) and people (huis.accounts.demo).
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from huis.accounts.models import User
from huis.core.registry import register_demo_seeder
from huis.rooms.models import Room

from .models import Activity, Category
from .services import ActivityData, ActivityError, activity_create, activity_publish

# weekday, start, end, room slug, title, summary, category, capacity, accessibility, price
WEEKLY = [
    (
        0,
        dt.time(14),
        dt.time(16),
        "atelier",
        "Schilderatelier",
        "Samen schilderen. Je hoeft het niet te kunnen.",
        Category.CREATIVE,
        10,
        {"step_free": True, "accessible_toilet": True},
        0,
    ),
    (
        2,
        dt.time(10),
        dt.time(11),
        "leslokaal-1",
        "Zachte yoga",
        "Rustig bewegen en ademen. Op een mat of op een stoel.",
        Category.MOVEMENT,
        8,
        {"step_free": True, "hearing_loop": True, "quiet_room": True},
        0,
    ),
    (
        3,
        dt.time(12),
        dt.time(13, 30),
        "ontmoetingsruimte",
        "Soep op donderdag",
        "We eten samen een kom soep met brood.",
        Category.MEAL,
        20,
        {"step_free": True, "accessible_toilet": True, "easy_to_read": True},
        2,
    ),
    (
        4,
        dt.time(14),
        dt.time(16),
        "leslokaal-2",
        "Gezelschapsspelen",
        "Kaarten, bordspelen en een babbel.",
        Category.MEETING,
        None,
        {"step_free": True},
        0,
    ),
]

ONCE = [
    (
        9,
        dt.time(13),
        dt.time(17),
        "",
        "Wandeling langs de dijk",
        "We wandelen samen een uur of twee. Daarna drinken we iets.",
        Category.OUTING,
        12,
        {"easy_to_read": True},
        "Afspraak aan de voordeur van het huis.",
    ),
    (
        16,
        dt.time(19),
        dt.time(21),
        "leslokaal-1",
        "Infoavond: wat is herstel?",
        "Een ervaringsdeskundige vertelt. Je mag vragen stellen.",
        Category.LEARNING,
        20,
        {"step_free": True, "hearing_loop": True, "sign_language": True},
        "",
    ),
]

DESCRIPTION = (
    "Iedereen is welkom. Je moet niets kunnen of kennen.\n\n"
    "Je mag gewoon komen kijken. Heb je vragen? Spreek een medewerker aan."
)


# The French and English of the texts above (title, summary), by Dutch title.
TRANSLATIONS = {
    "Schilderatelier": (
        ("Atelier de peinture", "Peindre ensemble. Pas besoin de savoir peindre."),
        ("Painting workshop", "Painting together. You don't need to know how."),
    ),
    "Zachte yoga": (
        ("Yoga doux", "Bouger et respirer calmement. Sur un tapis ou sur une chaise."),
        ("Gentle yoga", "Moving and breathing calmly. On a mat or on a chair."),
    ),
    "Soep op donderdag": (
        ("Soupe du jeudi", "Nous mangeons ensemble un bol de soupe avec du pain."),
        ("Thursday soup", "We share a bowl of soup with bread."),
    ),
    "Gezelschapsspelen": (
        ("Jeux de société", "Cartes, jeux de plateau et un brin de causette."),
        ("Board games", "Cards, board games and a chat."),
    ),
    "Wandeling langs de dijk": (
        (
            "Promenade le long de la digue",
            "Nous marchons ensemble une heure ou deux. Puis on boit un verre.",
        ),
        ("Walk along the dike", "We walk together for an hour or two. Then we have a drink."),
    ),
    "Infoavond: wat is herstel?": (
        (
            "Soirée d'info : qu'est-ce que le rétablissement ?",
            "Un expert du vécu raconte. Tu peux poser des questions.",
        ),
        (
            "Info evening: what is recovery?",
            "An expert by experience tells their story. You can ask questions.",
        ),
    ),
}
DESCRIPTION_FR = (
    "Tout le monde est le bienvenu. Tu ne dois rien savoir ni savoir faire.\n\n"
    "Tu peux simplement venir voir. Tu as des questions ? Parle à un collaborateur."
)
DESCRIPTION_EN = (
    "Everyone is welcome. You don't need to know or be able to do anything.\n\n"
    "You can just come and have a look. Questions? Talk to someone of the house."
)


def _translations(title: str) -> dict[str, str]:
    (title_fr, summary_fr), (title_en, summary_en) = TRANSLATIONS[title]
    return {
        "title_fr": title_fr,
        "title_en": title_en,
        "summary_fr": summary_fr,
        "summary_en": summary_en,
        "description_fr": DESCRIPTION_FR,
        "description_en": DESCRIPTION_EN,
    }


def _data(start, end, room, title, summary, category, capacity, access, price=0, location=""):
    return ActivityData(
        title=title,
        summary=summary,
        description=DESCRIPTION,
        category=category,
        starts_at=start,
        ends_at=end,
        room=room,
        location=location,
        capacity=capacity,
        leaders=list(User.objects.filter(email__in=["medewerker@huis.example"])),
        leader_names="Vrijwilligers van het huis",
        price=price,
        translations=_translations(title),
        **access,
    )


def _exists(title: str, start: dt.datetime) -> bool:
    return Activity.objects.filter(title=title, starts_at=start).exists()


@register_demo_seeder("ontmoeting", order=30)
def seed(*, stdout) -> None:
    rooms = {room.slug: room for room in Room.objects.all()}
    actor = User.objects.filter(email="medewerker@huis.example").first()
    today = timezone.localdate()
    last_day = today + dt.timedelta(weeks=4)
    for weekday, start, end, slug, title, summary, category, capacity, access, price in WEEKLY:
        first = today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)
        starts_at = timezone.make_aware(dt.datetime.combine(first, start))
        if Activity.objects.filter(Q(title=title), starts_at__gte=timezone.now()).exists():
            continue  # the series is there already
        data = _data(
            starts_at,
            timezone.make_aware(dt.datetime.combine(first, end)),
            rooms.get(slug),
            title,
            summary,
            category,
            capacity,
            access,
            price,
        )
        try:
            activity_create(data=data, actor=actor, repeat_weekly_until=last_day)
        except ActivityError as exc:
            stdout.write(f"    skipped {title}: {exc}")
    for days, start, end, slug, title, summary, category, capacity, access, location in ONCE:
        day = today + dt.timedelta(days=days)
        starts_at = timezone.make_aware(dt.datetime.combine(day, start))
        if _exists(title, starts_at):
            continue
        data = _data(
            starts_at,
            timezone.make_aware(dt.datetime.combine(day, end)),
            rooms.get(slug),
            title,
            summary,
            category,
            capacity,
            access,
            location=location,
        )
        try:
            activity_create(data=data, actor=actor)
        except ActivityError as exc:
            stdout.write(f"    skipped {title}: {exc}")
    for activity in Activity.objects.filter(
        status=Activity.Status.DRAFT, starts_at__gt=timezone.now()
    ):
        activity_publish(activity=activity, actor=actor)
    _sign_up_demo_visitors()
    _demo_proposals(actor)
    from .demo_feedback import seed_feedback

    seed_feedback(stdout=stdout)  # past activities with their anonymous answers


PROPOSALS = [
    # kind, title, text, answer status, answer (public)
    (
        "activity",
        "Samen koken op zaterdag",
        "Een keer per maand samen koken en eten.",
        "planned",
        "Ja! Vanaf volgende maand, de eerste zaterdag, in de keuken.",
    ),
    (
        "idea",
        "Meer planten in de ontmoetingsruimte",
        "Het zou gezelliger zijn.",
        "done",
        "Gedaan: de tuinploeg zette er vijf.",
    ),
    ("idea", "Een bank aan de voordeur", "Om even te zitten voor je binnenkomt.", "", ""),
]


def _demo_proposals(actor) -> None:
    """Proposals of visitors: one planned and one done (answered publicly), one still waiting."""
    from .models import Proposal
    from .services import proposal_answer, proposal_submit

    visitor = User.objects.filter(email="bezoeker@huis.example").first()
    for kind, title, text, status, answer in PROPOSALS:
        if Proposal.objects.filter(title=title).exists():
            continue
        proposal, _token = proposal_submit(kind=kind, title=title, text=text, user=visitor)
        if status and actor is not None:
            proposal_answer(
                proposal=proposal, actor=actor, status=status, answer=answer, is_public=True
            )


def _sign_up_demo_visitors() -> None:
    from huis.places.models import PlaceClaim

    from .services import registration_create

    visitor = User.objects.filter(email="bezoeker@huis.example").first()
    if visitor is None:
        return
    upcoming = Activity.objects.filter(
        status=Activity.Status.PUBLISHED,
        starts_at__gt=timezone.now(),
        offering__capacity__isnull=False,
    ).order_by("starts_at")[:3]
    for activity in upcoming:
        if PlaceClaim.objects.filter(offering=activity.offering, user=visitor).exists():
            continue
        registration_create(activity=activity, actor=visitor, user=visitor)
