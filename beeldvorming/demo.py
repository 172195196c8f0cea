"""Demo data for beeldvorming: two campaigns with their actions, and a few stories.

Uses the demo people of huis/accounts/demo.py. Idempotent: everything is looked up by name or
title first, and stories and their consent are made only once, through the services.
"""

from datetime import date

from huis.accounts.models import User
from huis.core.registry import register_demo_seeder

from . import services
from .models import Attribution, Audience, Campaign, CampaignAction, Testimony

EXPERT = "ervaringsdeskundige@huis.example"
VISITOR = "bezoeker@huis.example"
VISITOR_2 = "bezoeker2@huis.example"
STAFF = "medewerker@huis.example"

CAMPAIGNS = [
    {
        "name": "Week van de Geestelijke Gezondheid 2026",
        "starts_on": date(2026, 3, 9),
        "ends_on": date(2026, 3, 15),
        "goals": (
            "Samen praten over psychische kwetsbaarheid, zonder taboe. "
            "Mensen tonen dat herstel mogelijk is."
        ),
        "target_audiences": [Audience.PUBLIC, Audience.PUPILS, Audience.MEDIA],
        "actions": [
            (CampaignAction.Kind.STAND, date(2026, 3, 10), "Markt Zeestad", Audience.PUBLIC, 180),
            (
                CampaignAction.Kind.SCHOOL_TALK,
                date(2026, 3, 12),
                "Sint-Jozefscollege",
                Audience.PUPILS,
                64,
            ),
            (CampaignAction.Kind.MEDIA, date(2026, 3, 13), "Radio Kustland", Audience.MEDIA, 2500),
        ],
    },
    {
        "name": "Herstelverhalen op het werk",
        "starts_on": date(2026, 4, 1),
        "ends_on": date(2026, 6, 30),
        "goals": "Werkgevers en collega's leren hoe ze iemand met een kwetsbaarheid steunen.",
        "target_audiences": [Audience.WORKPLACE, Audience.CARE],
        "actions": [
            (
                CampaignAction.Kind.COMPANY_TALK,
                date(2026, 4, 22),
                "Haven Zeestad nv",
                Audience.WORKPLACE,
                35,
            ),
            (CampaignAction.Kind.EVENT, date(2026, 5, 19), "AZ Zeestad", Audience.CARE, 48),
            (CampaignAction.Kind.ONLINE, date(2026, 6, 2), "Webinar", Audience.WORKPLACE, 120),
        ],
    },
]

# author email, title, body, attribution, shown name, published
STORIES = [
    (
        EXPERT,
        "Van patiënt naar collega",
        "Tien jaar geleden zat ik thuis, zonder moed. Vandaag vertel ik in scholen over mijn "
        "herstel.\n\nWat hielp: mensen die bleven komen, ook als ik niet opendeed.",
        Attribution.FIRST_NAME,
        "Lotte",
        True,
    ),
    (
        VISITOR,
        "Een plek waar ik mocht zijn",
        "Ik kwam eerst alleen voor de koffie. Niemand vroeg iets. Na een paar weken vertelde ik "
        "zelf mijn verhaal.\n\nHet huis gaf me tijd.",
        Attribution.ANONYMOUS,
        "",
        True,
    ),
    (
        VISITOR_2,
        "Stap voor stap",
        "Herstel is geen rechte lijn. Soms ga ik twee stappen terug. Dat mag.",
        Attribution.NAME,
        "Noor Demeester",
        True,
    ),
    (
        VISITOR_2,
        "Wat ik mijn jongere zelf zou zeggen",
        "Je bent niet je diagnose.",
        Attribution.ANONYMOUS,
        "",
        False,
    ),
]


# The French and English of each campaign's name and goals, by Dutch name.
CAMPAIGN_TRANSLATIONS = {
    "Week van de Geestelijke Gezondheid 2026": {
        "name_fr": "Semaine de la santé mentale 2026",
        "name_en": "Mental Health Week 2026",
        "goals_fr": (
            "Parler ensemble de la vulnérabilité psychique, sans tabou. "
            "Montrer que le rétablissement est possible."
        ),
        "goals_en": (
            "Talking together about mental vulnerability, without taboo. "
            "Showing that recovery is possible."
        ),
    },
    "Herstelverhalen op het werk": {
        "name_fr": "Histoires de rétablissement au travail",
        "name_en": "Recovery stories at work",
        "goals_fr": "Les employeurs et collègues apprennent à soutenir une personne vulnérable.",
        "goals_en": "Employers and colleagues learn how to support someone who is vulnerable.",
    },
}
# Stories keep their author's words; one has a French and an English translation.
STORY_TRANSLATIONS = {
    "Van patiënt naar collega": {
        "title_fr": "De patient à collègue",
        "title_en": "From patient to colleague",
        "body_fr": (
            "Il y a dix ans, j'étais chez moi, sans courage. Aujourd'hui, je raconte mon "
            "rétablissement dans les écoles.\n\nCe qui m'a aidée : des gens qui revenaient, "
            "même quand je n'ouvrais pas."
        ),
        "body_en": (
            "Ten years ago I sat at home, without courage. Today I tell schools about my "
            "recovery.\n\nWhat helped: people who kept coming, even when I did not open the door."
        ),
    },
}


@register_demo_seeder("beeldvorming", order=50)
def seed(*, stdout) -> None:
    people = {
        u.email: u for u in User.objects.filter(email__in=[EXPERT, VISITOR, VISITOR_2, STAFF])
    }
    staff = people.get(STAFF)
    expert = people.get(EXPERT)
    for spec in CAMPAIGNS:
        campaign = Campaign.objects.filter(name=spec["name"]).first()
        if campaign is None:
            campaign = services.campaign_create(
                actor=staff,
                name=spec["name"],
                starts_on=spec["starts_on"],
                ends_on=spec["ends_on"],
                goals=spec["goals"],
                target_audiences=spec["target_audiences"],
                translations=CAMPAIGN_TRANSLATIONS.get(spec["name"], {}),
            )
        for kind, day, place, audience, reached in spec["actions"]:
            if campaign.actions.filter(kind=kind, date=day, place=place).exists():
                continue
            services.action_create(
                campaign=campaign,
                actor=staff,
                experts=[expert] if expert and kind != CampaignAction.Kind.MEDIA else [],
                kind=kind,
                date=day,
                place=place,
                audience=audience,
                people_reached=reached,
                notes="",
                follow_up="",
            )
    for email, title, body, attribution, shown_name, published in STORIES:
        author = people.get(email)
        if author is None or Testimony.objects.filter(author=author, title=title).exists():
            continue
        story = services.testimony_create(
            author=author, title=title, body=body, attribution=attribution, shown_name=shown_name
        )
        if title in STORY_TRANSLATIONS:
            # What the house's translator wrote, with the author's consent (no service of its own).
            Testimony.objects.filter(pk=story.pk).update(**STORY_TRANSLATIONS[title])
        if published:
            services.testimony_publish(testimony=story, actor=staff)
