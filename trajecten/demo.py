"""Demo trajectories: the programme "Housing First gezinnen" with its inclusion committee, two
meetings (one long past, one coming), applications in every state and three families in guidance
with their housing checks, goals, contacts and evaluations.

Idempotent: nothing is added when the programme already has applications. Everything is fictional;
families are called by a first letter, as the committee calls them.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from huis.accounts.models import Organisation, User
from huis.core.dates import add_months
from huis.core.registry import register_demo_seeder

from . import services
from .models import (
    AgendaItem,
    Application,
    Committee,
    CommitteeMember,
    ContactLog,
    Decision,
    EvaluationMoment,
    Goal,
    HousingCheck,
    HousingStep,
    Meeting,
    Programme,
    Trajectory,
)

SLUG = "housing-first-gezinnen"
CRITERIA = (
    "Gezinnen met minstens één kind die al lang geen vaste woning hebben (twee jaar of meer), "
    "die op straat, in een auto of bij anderen wonen, en voor wie het netwerk al alles "
    "geprobeerd heeft. Er zijn geen voorwaarden van behandeling of afkicken."
)
DESCRIPTION = (
    "Het gezin krijgt zonder voorwaarden een eigen woning, verspreid in de stad, en intensieve "
    "begeleiding door verschillende partners, zo lang als nodig. We vertrekken van wat het gezin "
    "zelf wil en van wat goed gaat."
)

# label, status, situation, adults, children, elsewhere, story, ask,
# steps (months ago, until months ago, where)
FAMILIES = [
    (
        "Gezin A.",
        "admitted",
        "car",
        2,
        3,
        0,
        "Sinds de uithuiszetting slapen we in onze auto. De kinderen gaan nog naar school, maar "
        "ze schamen zich.",
        "Een woning dicht bij de school van de kinderen.",
        [(40, 28, "rental"), (28, None, "car")],
    ),
    (
        "Gezin B.",
        "admitted",
        "family",
        1,
        2,
        1,
        "Ik woon met mijn twee dochters bij mijn zus, op de zetel. Mijn zoon woont in een "
        "pleeggezin; ik wil hem terug kunnen zien.",
        "Een eigen plek, zodat mijn zoon kan komen.",
        [(36, 30, "shelter"), (30, None, "family")],
    ),
    (
        "Gezin C.",
        "admitted",
        "shelter",
        2,
        1,
        0,
        "We gaan van opvang naar opvang. Elke keer moet ons kind naar een andere school.",
        "Rust: een huis waar we kunnen blijven.",
        [(30, 20, "temporary"), (20, None, "shelter")],
    ),
    (
        "Gezin D.",
        "not_admitted",
        "rental",
        1,
        1,
        0,
        "We hebben een huurwoning, maar de huur is te hoog en we dreigen eruit te moeten.",
        "Hulp om de woning te houden.",
        [(60, None, "rental")],
    ),
    (
        "Gezin E.",
        "scheduled",
        "car",
        2,
        4,
        0,
        "Met vier kinderen vinden we niets. Nu wonen we in een caravan op een parking.",
        "Een woning met genoeg kamers.",
        [(30, 12, "family"), (12, None, "car")],
    ),
    (
        "Gezin F.",
        "scheduled",
        "street",
        1,
        1,
        2,
        "Ik sta op straat met mijn jongste. Twee kinderen wonen bij hun grootouders.",
        "Een huis, en mijn kinderen terug bij mij.",
        [(26, None, "street")],
    ),
    (
        "Gezin G.",
        "submitted",
        "temporary",
        2,
        2,
        0,
        "We wonen in een vakantiepark, maar moeten eruit voor de winter.",
        "Een vaste woning voor de winter.",
        [(24, None, "temporary")],
    ),
    (
        "Gezin H.",
        "draft",
        "family",
        1,
        3,
        0,
        "Nog samen met de moeder op te schrijven.",
        "Een woning.",
        [(18, None, "family")],
    ),
    (
        "Gezin L.",
        "more_info",
        "family",
        2,
        2,
        0,
        "We wonen met vier in één kamer bij de ouders van mama.",
        "Een woning, ook klein.",
        [(22, None, "family")],
    ),
    (
        "Gezin K.",
        "withdrawn",
        "shelter",
        2,
        1,
        0,
        "We hebben zelf een woning gevonden via familie.",
        "—",
        [(15, None, "shelter")],
    ),
]

# label -> (lead slug, partner slugs, housed months ago, checks, goals, end)
TRAJECTORIES = {
    "Gezin A.": (
        "buurtwerk-de-brug",
        ["woonbegeleiding-thuis", "cgg-kustland"],
        25,
        {6: True, 12: True, 24: True},
        [
            ("housing", "Een woning dicht bij de school", "reached"),
            (
                "children",
                "De kinderen hebben elk een eigen bed en gaan elke dag naar school",
                "reached",
            ),
            ("income", "Het leefloon en de kinderbijslag lopen weer", "reached"),
            ("work", "Papa zoekt een opleiding als chauffeur", "open"),
        ],
    ),
    "Gezin B.": (
        "woonbegeleiding-thuis",
        ["buurtwerk-de-brug"],
        13,
        {6: True, 12: True},
        [
            ("housing", "Een appartement met een kamer voor mijn zoon", "reached"),
            ("children", "Mijn zoon komt elk weekend logeren", "open"),
            ("social", "Ik ga naar de soepnamiddag van het huis", "reached"),
            ("health", "Ik heb weer een huisarts", "reached"),
        ],
    ),
    "Gezin C.": (
        "welzijnsdienst-zeestad",
        ["buurtwerk-de-brug", "woonbegeleiding-thuis"],
        7,
        {6: True},
        [
            ("housing", "Een huis waar we kunnen blijven", "reached"),
            ("children", "Ons kind blijft het hele jaar op dezelfde school", "open"),
            ("income", "De schulden zijn in een plan", "not_reached"),
        ],
    ),
}

CONTACTS = [
    ("home_visit", "Huisbezoek: samen de brieven van de week gelezen."),
    ("partners", "Overleg met de partners: wie doet wat de komende maand."),
    ("phone", "Gebeld: afspraak bij het OCMW gaat door."),
]


def _person_and_consent(organisation: Organisation, worker: User, label: str, recorded_at):
    # netwerk's own demo writes its rows (backdated history no service can make).
    from netwerk.demo import demo_person_with_consent

    return demo_person_with_consent(
        organisation=organisation,
        worker=worker,
        alias=label,
        recorded_at=recorded_at,
        items=["question", "history", "guidance"],
        scope="De historiek mag naar de inclusiecommissie en de partners van de begeleiding.",
    )


def _committee(programme: Programme) -> Committee:
    committee, _ = Committee.objects.get_or_create(
        programme=programme, defaults={"name": "Inclusiecommissie Housing First"}
    )
    for email, slug in (
        ("partner2@huis.example", "welzijnsdienst-zeestad"),
        ("coordinator@huis.example", "huis"),
    ):
        user = User.objects.filter(email=email).first()
        organisation = Organisation.objects.filter(slug=slug).first()
        if user and organisation:
            CommitteeMember.objects.get_or_create(
                committee=committee, user=user, defaults={"organisation": organisation}
            )
    return committee


def _meeting(committee: Committee, starts_at) -> Meeting:
    meeting = Meeting.objects.create(
        committee=committee, starts_at=starts_at, place="Zaal De Kamer"
    )
    meeting.members.set(committee.members.all())
    return meeting


def _trajectory(application, coordinator, worker, plan, today) -> None:
    from netwerk.demo import demo_guidance_agreement

    lead_slug, partner_slugs, housed_ago, checks, goals = plan
    lead = Organisation.objects.get(slug=lead_slug)
    partners = list(Organisation.objects.filter(slug__in=partner_slugs))
    housed_on = add_months(today, -housed_ago)
    started_on = housed_on - dt.timedelta(days=21)
    agreement = demo_guidance_agreement(
        person=application.consent.person,
        lead=lead,
        partners=partners,
        starts_on=started_on,
        ends_on=max(add_months(started_on, 12), add_months(today, 6)),
        goals="Traject in Housing First gezinnen",
        created_by=coordinator,
    )
    trajectory = Trajectory.objects.create(
        application=application,
        programme=application.programme,
        agreement=agreement,
        started_on=started_on,
        housed_on=housed_on,
        started_by=worker,
    )
    for months, housed in checks.items():
        HousingCheck.objects.create(
            trajectory=trajectory,
            months=months,
            housed=housed,
            checked_on=add_months(housed_on, months),
            checked_by=worker,
        )
    for domain, text, status in goals:
        Goal.objects.create(
            trajectory=trajectory,
            domain=domain,
            text=text,
            written_with="het gezin, aan de keukentafel",
            status=status,
            created_by=worker,
        )
    for index, (kind, note) in enumerate(CONTACTS):
        ContactLog.objects.create(
            trajectory=trajectory,
            date=today - dt.timedelta(days=7 * (index + 1)),
            kind=kind,
            note=note,
            author=worker,
        )
    months = 3
    while add_months(started_on, months) < today:
        EvaluationMoment.objects.create(
            trajectory=trajectory,
            planned_on=add_months(started_on, months),
            held_on=add_months(started_on, months),
            summary="Evaluatie met het gezin en de partners: de woning loopt goed.",
            planned_by=worker,
        )
        months += 6
    services.evaluation_plan(
        trajectory=trajectory, actor=worker, planned_on=today + dt.timedelta(days=10)
    )


@register_demo_seeder("trajecten", order=70)
def seed(*, stdout) -> None:
    worker = User.objects.filter(email="partner@huis.example").first()
    coordinator = User.objects.filter(email="coordinator@huis.example").first()
    organisation = Organisation.objects.filter(slug="buurtwerk-de-brug").first()
    if worker is None or coordinator is None or organisation is None:
        return
    with transaction.atomic():
        programme, _ = Programme.objects.get_or_create(
            slug=SLUG,
            defaults={
                "name": "Housing First gezinnen",
                "criteria": CRITERIA,
                "description": DESCRIPTION,
            },
        )
        committee = _committee(programme)
        if programme.applications.exists():
            return
        now = timezone.now()
        today = timezone.localdate()
        past = _meeting(committee, now - dt.timedelta(days=30 * 27))
        coming = _meeting(committee, now + dt.timedelta(days=5))
        for label, status, situation, adults, children, elsewhere, story, ask, steps in FAMILIES:
            recorded_at = now - dt.timedelta(days=30 * 28)
            consent = _person_and_consent(organisation, worker, label, recorded_at)
            application = Application.objects.create(
                programme=programme,
                organisation=organisation,
                prepared_by=worker,
                consent=consent,
                family_label=label,
                in_their_words=story,
                what_they_ask=ask,
                strengths="Het gezin houdt elkaar vast en zoekt zelf mee.",
                adults=adults,
                children=children,
                children_elsewhere=elsewhere,
                current_situation=situation,
                status=status,
                submitted_at=None if status == "draft" else recorded_at,
            )
            for started_ago, ended_ago, where in steps:
                HousingStep.objects.create(
                    application=application,
                    started_on=add_months(today, -started_ago),
                    ended_on=add_months(today, -ended_ago) if ended_ago else None,
                    situation=where,
                )
            if status in {"admitted", "not_admitted"}:
                item = AgendaItem.objects.create(meeting=past, application=application)
                Decision.objects.create(
                    agenda_item=item,
                    application=application,
                    outcome=status,
                    reasons=(
                        "Het gezin past bij de criteria: lang zonder vaste woning, met kinderen."
                        if status == "admitted"
                        else "Het gezin heeft een woning; de woonbegeleiding van het netwerk "
                        "past beter. We geven dit door aan Woonbegeleiding Thuis."
                    ),
                    decided_by=coordinator,
                )
            if status == "more_info":
                item = AgendaItem.objects.create(meeting=past, application=application)
                Decision.objects.create(
                    agenda_item=item,
                    application=application,
                    outcome="more_info",
                    reasons="Hoe lang wonen jullie al zo? Schrijf het samen met het gezin erbij.",
                    decided_by=coordinator,
                )
            if status == "scheduled":
                if label == "Gezin F.":
                    # Asked for more information in the first meeting, back on the agenda now.
                    first = AgendaItem.objects.create(meeting=past, application=application)
                    Decision.objects.create(
                        agenda_item=first,
                        application=application,
                        outcome="more_info",
                        reasons="Waar wonen de twee oudste kinderen nu, en wil het gezin samen?",
                        decided_by=coordinator,
                    )
                AgendaItem.objects.create(meeting=coming, application=application)
            if label in TRAJECTORIES:
                _trajectory(application, coordinator, worker, TRAJECTORIES[label], today)
        stdout.write(
            f"Trajecten: {programme.applications.count()} applications, "
            f"{Trajectory.objects.count()} trajectories."
        )
