"""The house's own words as first seeded (data migration 0002 and the demo house).

After that, coordinators keep the list on /beheer/woorden/: change words there, not here.
Each row: slug, then (word, explanation) in Dutch, French and English.
"""

HOUSE_WORDS: list[tuple[str, tuple[str, str], tuple[str, str], tuple[str, str]]] = [
    (
        "kwartiermaken",
        (
            "kwartiermaken",
            "Ruimte maken in de buurt voor mensen met een psychische kwetsbaarheid. "
            "Zo vinden ze plekken waar ze welkom zijn.",
        ),
        (
            "kwartiermaken (faire de la place)",
            "Faire de la place dans le quartier pour les personnes avec une vulnérabilité "
            "psychique. Ainsi, elles trouvent des lieux où elles sont les bienvenues.",
        ),
        (
            "kwartiermaken (making room)",
            "Making room in the neighbourhood for people with a mental vulnerability. "
            "That way they find places where they are welcome.",
        ),
    ),
    (
        "herstelacademie",
        (
            "Herstelacademie",
            "Een school over herstel. Iemand met eigen ervaring en een hulpverlener geven "
            "samen de cursussen. Iedereen mag komen.",
        ),
        (
            "Académie du rétablissement",
            "Une école sur le rétablissement. Une personne avec son propre vécu et un "
            "professionnel donnent les cours ensemble. Tout le monde peut venir.",
        ),
        (
            "Recovery College",
            "A school about recovery. Someone with lived experience and a professional give "
            "the courses together. Everyone is welcome.",
        ),
    ),
    (
        "ervaringsdeskundige",
        (
            "ervaringsdeskundige",
            "Iemand die zelf een psychische kwetsbaarheid heeft meegemaakt. Die persoon "
            "gebruikt die ervaring om anderen te helpen.",
        ),
        (
            "expert du vécu",
            "Une personne qui a elle-même vécu une vulnérabilité psychique. Elle utilise ce "
            "vécu pour aider les autres.",
        ),
        (
            "expert by experience",
            "Someone who has lived through a mental vulnerability. They use that experience to "
            "help others.",
        ),
    ),
    (
        "herstel",
        (
            "herstel",
            "Je leven weer zinvol maken, op je eigen manier. Dat kan ook als je nog klachten hebt.",
        ),
        (
            "rétablissement",
            "Redonner du sens à ta vie, à ta manière. C'est possible même si tu as encore des "
            "symptômes.",
        ),
        (
            "recovery",
            "Making your life meaningful again, in your own way. You can do that even if you "
            "still have symptoms.",
        ),
    ),
    (
        "gbo",
        (
            "GBO",
            "Geïntegreerd Breed Onthaal. Eén onthaal voor alle diensten: je vertelt je verhaal "
            "maar één keer.",
        ),
        (
            "GBO (accueil intégré)",
            "Un seul accueil pour tous les services : tu racontes ton histoire une seule fois.",
        ),
        (
            "GBO (integrated intake)",
            "One intake for all services: you tell your story only once.",
        ),
    ),
    (
        "housing-first",
        (
            "Housing First",
            "Eerst een eigen woning, dan de rest. Wie op straat leeft, krijgt meteen een huis. "
            "De hulp komt erna.",
        ),
        (
            "Housing First (le logement d'abord)",
            "D'abord un logement à soi, puis le reste. Une personne qui vit à la rue reçoit "
            "tout de suite un logement. L'aide vient après.",
        ),
        (
            "Housing First",
            "A home of your own first, then the rest. Someone living on the street gets a home "
            "straight away. Help comes after.",
        ),
    ),
    (
        "lotgenoot",
        (
            "lotgenoot",
            "Iemand die iets gelijkaardigs heeft meegemaakt als jij.",
        ),
        (
            "pair",
            "Une personne qui a vécu quelque chose de semblable à toi.",
        ),
        (
            "peer",
            "Someone who went through something similar to you.",
        ),
    ),
    (
        "warme-doorverwijzing",
        (
            "warme doorverwijzing",
            "Iemand brengt je zelf in contact met een andere dienst, als jij dat wilt. "
            "Daarna vragen ze of het goed loopt.",
        ),
        (
            "orientation accompagnée",
            "Quelqu'un te met lui-même en contact avec un autre service, si tu le veux. "
            "Ensuite, il demande si tout se passe bien.",
        ),
        (
            "warm referral",
            "Someone puts you in touch with another service in person, if you want. "
            "Afterwards they ask how it is going.",
        ),
    ),
    (
        "gastvrije-plek",
        (
            "gastvrije plek",
            "Een club, vereniging of zaak waar mensen met een psychische kwetsbaarheid "
            "welkom zijn.",
        ),
        (
            "lieu accueillant",
            "Un club, une association ou un commerce où les personnes avec une vulnérabilité "
            "psychique sont les bienvenues.",
        ),
        (
            "welcoming place",
            "A club, association or business where people with a mental vulnerability are welcome.",
        ),
    ),
    (
        "destigmatisering",
        (
            "destigmatisering",
            "Zorgen dat mensen anders kijken naar psychische kwetsbaarheid. Zonder vooroordelen.",
        ),
        (
            "déstigmatisation",
            "Faire changer le regard sur la vulnérabilité psychique. Sans préjugés.",
        ),
        (
            "destigmatisation",
            "Changing how people see mental vulnerability. Without prejudice.",
        ),
    ),
    (
        "onderbescherming",
        (
            "onderbescherming",
            "Je krijgt niet de rechten of de hulp waar je recht op hebt.",
        ),
        (
            "sous-protection",
            "Tu ne reçois pas les droits ou l'aide auxquels tu as droit.",
        ),
        (
            "under-protection",
            "You do not get the rights or the help you are entitled to.",
        ),
    ),
]


# Dutch forms that are not the word plus -e, -en, -n or -s.
OTHER_FORMS = {
    "lotgenoot": "lotgenoten",
    "gastvrije-plek": "gastvrije plekken",
}


def seed_words(word_model) -> int:
    """Add the words that are not there yet (by anchor); returns how many were added."""
    added = 0
    for slug, nl, fr, en in HOUSE_WORDS:
        _term, created = word_model.objects.get_or_create(
            slug=slug,
            defaults={
                "term_nl": nl[0],
                "explanation_nl": nl[1],
                "term_fr": fr[0],
                "explanation_fr": fr[1],
                "term_en": en[0],
                "explanation_en": en[1],
                "forms_nl": OTHER_FORMS.get(slug, ""),
            },
        )
        added += created
    return added
