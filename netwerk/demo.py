"""Demo partner network: two charter versions (one partner has not signed the new one yet),
persons with consent, referrals in every status, guidance agreements (one without a lead after a
partner left the network) and ten welcoming places.

Idempotent: nothing is made when a charter exists already. Everything is fictional.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from huis.accounts.demo import DEMO_PASSWORD
from huis.accounts.models import Membership, Organisation, User
from huis.accounts.roles import Role
from huis.core.dates import add_months
from huis.core.registry import register_demo_seeder

from . import services
from .models import Charter, Consent, GuidanceAgreement, GuidanceEvaluation, Person, WelcomingPlace

CHARTER_V1 = "\n".join(
    [
        "1. We zetten de persoon centraal: zijn of haar vraag, in eigen woorden.",
        "2. Een persoon vertelt zijn verhaal één keer. We verwijzen warm door: persoonlijk, "
        "met toestemming, en we volgen op.",
        "3. We delen alleen wat nodig is, met wie de persoon toestemming geeft.",
        "4. Wie begeleidt, doet dat minstens zes maanden. Stopt een partner, dan zorgen we "
        "samen dat een ander overneemt.",
        "5. We zoeken samen gastvrije plekken in de buurt.",
    ]
)

CHARTER_V2 = (
    CHARTER_V1
    + """
6. Ervaringsdeskundigen denken mee bij elke nieuwe afspraak van het netwerk.
7. We evalueren elke begeleiding minstens twee keer per jaar, samen met de persoon."""
)

PLACES = [
    (
        "Petanqueclub De Boule",
        "sport",
        "Petanque spelen op het plein, iedereen mag mee.",
        "Marktplein 3",
        "Zeestad",
        "Woensdag en zaterdag 14–17 uur",
        True,
        (51.2301, 2.9163),
    ),
    (
        "Buurtmoestuur Groen Hart",
        "nature",
        "Samen tuinieren, oogsten en koffie drinken.",
        "Tuinstraat 12",
        "Zeestad",
        "Dinsdag 9–12 uur",
        True,
        (51.2254, 2.9221),
    ),
    (
        "Repair Café Zeestad",
        "volunteering",
        "Samen kapotte spullen herstellen.",
        "Werkhuisstraat 5",
        "Zeestad",
        "Elke eerste zaterdag 10–13 uur",
        True,
        (51.2282, 2.9102),
    ),
    (
        "Koor Vrije Stemmen",
        "culture",
        "Zingen zonder auditie, noten lezen hoeft niet.",
        "Kerkplein 1",
        "Zeestad",
        "Donderdag 19.30–21 uur",
        False,
        (51.2320, 2.9250),
    ),
    (
        "Café De Zeemeeuw",
        "food",
        "Een vaste tafel waar je welkom bent voor een koffie.",
        "Havenkaai 22",
        "Zeestad",
        "Elke dag 10–18 uur",
        True,
        (51.2347, 2.9195),
    ),
    (
        "Taalcafé Babbel",
        "learning",
        "Nederlands oefenen in een kleine groep.",
        "Bibliotheekstraat 8",
        "Zeestad",
        "Maandag 14–16 uur",
        True,
        (51.2268, 2.9285),
    ),
    (
        "Wandelgroep Duin en Zee",
        "sport",
        "Rustige wandeling van een uur langs de duinen.",
        "Zeedijk 100",
        "Bredene",
        "Vrijdag 10 uur",
        False,
        (51.2422, 2.9731),
    ),
    (
        "Fietsatelier Op Wielen",
        "volunteering",
        "Fietsen herstellen en leren herstellen.",
        "Stationsstraat 40",
        "Zeestad",
        "Woensdag 13–17 uur",
        True,
        None,
    ),
    (
        "Creahuis Kleur",
        "culture",
        "Schilderen en tekenen, materiaal is er.",
        "Kunstlaan 2",
        "Oudenburg",
        "Dinsdag 19–21 uur",
        True,
        (51.1845, 3.0006),
    ),
    (
        "Soepbar Warm Welkom",
        "meeting",
        "Een kom soep en een praatje, gratis.",
        "Kerkwijk 14",
        "Zeestad",
        "Maandag tot vrijdag 12–14 uur",
        True,
        None,
    ),
]

# What each place offers and when, in French and English (by name).
PLACE_TRANSLATIONS = {
    "Petanqueclub De Boule": (
        (
            "Jouer à la pétanque sur la place, tout le monde peut venir.",
            "Mercredi et samedi 14–17 h",
        ),
        ("Playing petanque on the square, everyone can join.", "Wednesday and Saturday 2–5 pm"),
    ),
    "Buurtmoestuur Groen Hart": (
        ("Jardiner, récolter et boire un café ensemble.", "Mardi 9–12 h"),
        ("Gardening, harvesting and drinking coffee together.", "Tuesday 9 am–12 noon"),
    ),
    "Repair Café Zeestad": (
        ("Réparer ensemble des objets cassés.", "Chaque premier samedi 10–13 h"),
        ("Repairing broken things together.", "Every first Saturday 10 am–1 pm"),
    ),
    "Koor Vrije Stemmen": (
        ("Chanter sans audition, pas besoin de lire les notes.", "Jeudi 19 h 30–21 h"),
        ("Singing without an audition, no need to read music.", "Thursday 7.30–9 pm"),
    ),
    "Café De Zeemeeuw": (
        ("Une table fixe où tu es le bienvenu pour un café.", "Tous les jours 10–18 h"),
        ("A regular table where you are welcome for a coffee.", "Every day 10 am–6 pm"),
    ),
    "Taalcafé Babbel": (
        ("Pratiquer le néerlandais en petit groupe.", "Lundi 14–16 h"),
        ("Practising Dutch in a small group.", "Monday 2–4 pm"),
    ),
    "Wandelgroep Duin en Zee": (
        ("Promenade calme d'une heure le long des dunes.", "Vendredi 10 h"),
        ("A calm one-hour walk along the dunes.", "Friday 10 am"),
    ),
    "Fietsatelier Op Wielen": (
        ("Réparer des vélos et apprendre à les réparer.", "Mercredi 13–17 h"),
        ("Repairing bikes and learning how to.", "Wednesday 1–5 pm"),
    ),
    "Creahuis Kleur": (
        ("Peindre et dessiner, le matériel est là.", "Mardi 19–21 h"),
        ("Painting and drawing, materials are there.", "Tuesday 7–9 pm"),
    ),
    "Soepbar Warm Welkom": (
        ("Un bol de soupe et un brin de causette, gratuit.", "Du lundi au vendredi 12–14 h"),
        ("A bowl of soup and a chat, free.", "Monday to Friday 12 noon–2 pm"),
    ),
}


def _place_translations(name: str) -> dict[str, str]:
    if name not in PLACE_TRANSLATIONS:
        return {}
    (offer_fr, when_fr), (offer_en, when_en) = PLACE_TRANSLATIONS[name]
    return {"offer_fr": offer_fr, "when_fr": when_fr, "offer_en": offer_en, "when_en": when_en}


def demo_person_with_consent(
    *, organisation: Organisation, worker: User, alias: str, recorded_at, items: list, scope: str
) -> Any:
    """A person and their consent with a history in the past, for another function's demo
    (trajecten's families): services record consent now, the demo needs it backdated."""
    person = Person.objects.create(alias=alias, organisation=organisation, created_by=worker)
    return Consent.objects.create(
        person=person,
        recorded_by=worker,
        recorded_by_organisation=organisation,
        recorded_at=recorded_at,
        items=items,
        scope=scope,
    )


def demo_guidance_agreement(
    *, person: Any, lead: Organisation, partners: list, starts_on, ends_on, goals: str, created_by
) -> Any:
    """A guidance agreement that started in the past, for another function's demo."""
    agreement = GuidanceAgreement.objects.create(
        person=person,
        lead_organisation=lead,
        starts_on=starts_on,
        ends_on=ends_on,
        goals=goals,
        created_by=created_by,
    )
    agreement.partners.set(partners)
    return agreement


def _worker(email: str, name: str, organisation: Organisation, function: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)
        user.groups.add(Group.objects.get_or_create(name=Role.PARTNER_WORKER)[0])
        user.groups.add(Group.objects.get_or_create(name=Role.VISITOR)[0])
    Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"function": function}
    )
    return user


def _set_function(email: str, slug: str, function: str) -> None:
    Membership.objects.filter(user__email=email, organisation__slug=slug).update(function=function)


@register_demo_seeder("netwerk", order=60)
def seed(*, stdout) -> None:
    if Charter.objects.exists():
        return
    orgs = {o.slug: o for o in Organisation.objects.all()}
    needed = ["huis", "buurtwerk-de-brug", "welzijnsdienst-zeestad", "woonbegeleiding-thuis"]
    if any(slug not in orgs for slug in needed):
        return
    with transaction.atomic():
        _seed(orgs)
    stdout.write("Netwerk: charter v2, referrals in every status, guidance, 10 welcoming places.")


def _seed(orgs: dict[str, Organisation]) -> None:
    huis, brug, zeestad, thuis = (
        orgs["huis"],
        orgs["buurtwerk-de-brug"],
        orgs["welzijnsdienst-zeestad"],
        orgs["woonbegeleiding-thuis"],
    )
    _set_function("partner@huis.example", "buurtwerk-de-brug", Membership.Function.CONTACT)
    _set_function("partner2@huis.example", "welzijnsdienst-zeestad", Membership.Function.MANAGER)
    _set_function("coordinator@huis.example", "huis", Membership.Function.CONTACT)
    coordinator = User.objects.get(email="coordinator@huis.example")
    yusuf = User.objects.get(email="partner@huis.example")
    hanne = User.objects.get(email="partner2@huis.example")
    ward = _worker("woonbegeleiding@huis.example", "Ward", thuis, Membership.Function.CONTACT)
    leaving = Organisation.objects.get_or_create(
        slug="huurdersbond-zeestad",
        defaults={
            "name": "Huurdersbond Zeestad",
            "kind": Organisation.Kind.PARTNER,
            "sector": Organisation.Sector.HOUSING,
            "description": "Advies voor huurders.",
        },
    )[0]
    jef = _worker("huurdersbond@huis.example", "Jef", leaving, Membership.Function.CONTACT)

    v1 = services.charter_publish(
        actor=coordinator, title="Charter van het netwerk", body=CHARTER_V1
    )
    for user, organisation in [(coordinator, huis), (yusuf, brug), (hanne, zeestad), (ward, thuis)]:
        services.charter_sign(actor=user, organisation=organisation, charter=v1)
    v2 = services.charter_publish(
        actor=coordinator,
        title="Charter van het netwerk",
        body=CHARTER_V2,
        summary_of_changes="Ervaringsdeskundigen denken mee; twee evaluaties per jaar.",
    )
    # Buurtwerk De Brug has not signed version 2 yet: Yusuf sees the banner.
    for user, organisation in [(coordinator, huis), (hanne, zeestad)]:
        services.charter_sign(actor=user, organisation=organisation, charter=v2)

    def refer(alias, question, to=zeestad, by=yusuf, origin=brug, **extra):
        return services.referral_create(
            actor=by,
            from_organisation=origin,
            to_organisation=to,
            question=question,
            consent_given=True,
            items=["question", "contact"],
            alias=alias,
            contact=extra.pop("contact", ""),
            **extra,
        )

    refer("Mila", "Zoekt hulp bij het aanvragen van een leefloon.", contact="0470 11 22 33")
    accepted = refer(
        "Jonas",
        "Heeft schulden en weet niet waar te beginnen.",
        tried="Zelf een afbetalingsplan gevraagd; dat lukte niet.",
        needs=["Geld", "Wonen"],
        also_share_with=[thuis],
        receiver_may_pass_on=True,
    )
    services.referral_accept(referral=accepted, actor=hanne)
    # One intake, carried along: Zeestad passes Jonas' question on to Woonbegeleiding Thuis,
    # as Jonas agreed; Ward reads what Jonas told once.
    services.referral_pass_on(
        referral=accepted,
        actor=hanne,
        to_organisation=thuis,
        note="Hij dreigt zijn huurwoning te verliezen.",
    )
    in_progress = refer("Fatima", "Wil graag vrijwilligerswerk doen, in de buurt.")
    services.referral_accept(referral=in_progress, actor=hanne)
    services.referral_start(referral=in_progress, actor=hanne)
    closed = refer("Karel", "Zoekt een huisarts die tijd neemt.")
    services.referral_accept(referral=closed, actor=hanne)
    services.referral_close(referral=closed, actor=hanne, note="Karel heeft een huisarts.")
    # Noor asked Buurtwerk De Brug to erase what the network holds about her (she has no
    # account): Yusuf did it on her behalf from the referral's privacy page (issue #25).
    erased = refer("Noor", "Wil samen met iemand naar de dokter gaan.")
    services.referral_accept(referral=erased, actor=hanne)
    services.referral_close(referral=erased, actor=hanne, note="Noor gaat nu alleen.")
    services.person_erase_on_behalf(
        referral=erased, actor=yusuf, reason="Noor vroeg het aan de telefoon."
    )
    declined = refer("Ines", "Zoekt begeleiding bij het wonen.")
    services.referral_decline(
        referral=declined,
        actor=hanne,
        reason="Wij bieden geen woonbegeleiding; Woonbegeleiding Thuis wel.",
    )
    refer("Ines", "Zoekt begeleiding bij het wonen.", to=thuis, person=declined.person)
    withdrawn = refer("Bart", "Wil praten met iemand over zijn zoon.")
    services.consent_withdraw(consent=withdrawn.consent, actor=yusuf)
    refer(
        "Ria",
        "Zoekt een plek om mensen te ontmoeten.",
        to=brug,
        by=hanne,
        origin=zeestad,
    )

    today = timezone.localdate()
    guidance = services.guidance_create(
        actor=hanne,
        person=in_progress.person,
        referral=in_progress,
        lead_organisation=zeestad,
        partners=[brug],
        starts_on=today - dt.timedelta(days=30),
        ends_on=add_months(today - dt.timedelta(days=30), 6),
        goals="Een vrijwilligersplek vinden die past.",
    )
    services.evaluation_plan(
        agreement=guidance, planned_on=today + dt.timedelta(days=5), actor=hanne
    )
    services.evaluation_plan(
        agreement=guidance, planned_on=today + dt.timedelta(days=90), actor=hanne
    )
    # A partner leads a guidance and then leaves the network: the guidance waits for a new lead.
    housing_question = services.referral_create(
        actor=jef,
        from_organisation=leaving,
        to_organisation=thuis,
        question="Dreigt de woning te verliezen.",
        consent_given=True,
        alias="Omar",
    )
    left_guidance = services.guidance_create(
        actor=jef,
        person=housing_question.person,
        lead_organisation=leaving,
        partners=[thuis],
        starts_on=today - dt.timedelta(days=60),
        ends_on=add_months(today - dt.timedelta(days=60), 12),
    )
    GuidanceEvaluation.objects.create(
        agreement=left_guidance, planned_on=today + dt.timedelta(days=40), planned_by=jef
    )
    services.organisation_leave_network(
        organisation=leaving, actor=coordinator, reason="De vereniging stopt haar werking."
    )

    for name, kind, offer, address, town, when, wheelchair, point in PLACES:
        place = services.place_create(
            actor=coordinator,
            details=services.PlaceDetails(
                name=name,
                kind=kind,
                offer=offer,
                address=address,
                municipality=town,
                when=when,
                wheelchair_accessible=wheelchair,
                contact_name="Onthaal",
                contact_phone="+3259000000",  # stored as E.164, shown as 059 00 00 00
                partner=brug if kind in ("sport", "nature") else zeestad,
                latitude=Decimal(str(point[0])) if point else None,
                longitude=Decimal(str(point[1])) if point else None,
                translations=_place_translations(name),
            ),
        )
        WelcomingPlace.objects.filter(pk=place.pk).update(is_published=True)


@register_demo_seeder("netwerk-learning", order=61)
def seed_learning(*, stdout) -> None:
    """Partners learn together: an intervision group led by Yusuf with Hanne and Lotte (an expert
    by experience), a session in a room of the house with an agenda (Lotte signed up), an
    earlier one with short minutes; a working group Yusuf is not in."""
    from huis.rooms.models import Room

    from .models import LearningGroup, LearningSession
    from .services import learning

    if LearningGroup.objects.exists():
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@huis.example")}
    needed = ["coordinator@huis.example", "partner@huis.example", "partner2@huis.example"]
    if any(email not in people for email in needed):
        return
    coordinator, yusuf, hanne = (people[email] for email in needed)
    lotte = people.get("ervaringsdeskundige@huis.example")
    ward = people.get("woonbegeleiding@huis.example")
    room = Room.objects.filter(is_active=True).order_by("name").first()
    with transaction.atomic():
        group = learning.group_create(
            actor=coordinator,
            name="Intervisie outreach",
            kind=LearningGroup.Kind.INTERVISION,
            description="Eén keer per maand bespreken we samen een situatie uit ons werk.",
            coordinator=yusuf,
            members=[m for m in (yusuf, hanne, lotte) if m is not None],
        )
        earlier = timezone.localtime() - dt.timedelta(days=21)
        earlier = earlier.replace(hour=14, minute=0, second=0, microsecond=0)
        LearningSession.objects.create(
            group=group,
            starts_at=earlier,
            ends_at=earlier + dt.timedelta(hours=2),
            place="Buurtwerk De Brug, Kerkstraat 5",
            agenda="Hoe bereiken we mensen die niet zelf aankloppen?",
            minutes="Afgesproken: we gaan samen langs bij de bibliotheek. Lotte vertelt "
            "volgende keer hoe zij de eerste stap zette.",
            created_by=yusuf,
        )
        session = None
        for extra in range(10):
            day = timezone.localdate() + dt.timedelta(days=7 + extra)
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))
            try:
                session = learning.session_plan(
                    group=group,
                    actor=yusuf,
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=2),
                    capacity=10,
                    room=room,
                    place="" if room else "Buurtwerk De Brug",
                    agenda="1. Rondje: hoe gaat het?\n2. Casus van Hanne\n3. Afspraken",
                )
            except services.NetwerkError:
                continue
            break
        if session is not None and lotte is not None:
            learning.session_sign_up(session=session, user=lotte)
        working = learning.group_create(
            actor=coordinator,
            name="Werkgroep gastvrije buurt",
            kind=LearningGroup.Kind.WORKING_GROUP,
            description="We zoeken samen nieuwe gastvrije plekken.",
            coordinator=hanne,
            members=[m for m in (hanne, ward) if m is not None],
        )
        start = timezone.make_aware(
            dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(10, 0))
        )
        learning.session_plan(
            group=working,
            actor=hanne,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1, minutes=30),
            capacity=8,
            place="Welzijnsdienst Zeestad",
        )
    stdout.write("Netwerk: an intervision group and a working group with sessions.")
