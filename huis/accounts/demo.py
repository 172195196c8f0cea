"""Demo people and organisations: a fictional house, its staff, experts and partners."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from huis.core.registry import register_demo_seeder

from .models import Membership, Organisation, User
from .roles import Role

# The house logs in with a code sent by email; demo accounts have no password (issue 22). Kept as
# a name so the apps' demo parts that pass it to create_user() make passwordless accounts too.
DEMO_PASSWORD = None

ORGANISATIONS = [
    (
        "huis",
        "Huis met vele kamers",
        Organisation.Kind.HOUSE,
        Organisation.Sector.MENTAL_HEALTH,
        "Ontmoeting, herstelacademie en ervaringsdeskundigheid onder één dak.",
    ),
    (
        "buurtwerk-de-brug",
        "Buurtwerk De Brug",
        Organisation.Kind.PARTNER,
        Organisation.Sector.COMMUNITY,
        "Buurtwerkers in de Stationswijk en de Visserswijk: huisbezoeken, aanwezig op straat.",
    ),
    (
        "welzijnsdienst-zeestad",
        "Welzijnsdienst Zeestad",
        Organisation.Kind.PARTNER,
        Organisation.Sector.WELFARE,
        "Sociale dienst en Geïntegreerd Breed Onthaal van de stad.",
    ),
    (
        "woonbegeleiding-thuis",
        "Woonbegeleiding Thuis vzw",
        Organisation.Kind.PARTNER,
        Organisation.Sector.HOUSING,
        "Begeleiding naar en in een eigen woning.",
    ),
    (
        "cgg-kustland",
        "Centrum Geestelijke Gezondheid Kustland",
        Organisation.Kind.PARTNER,
        Organisation.Sector.MENTAL_HEALTH,
        "Ambulante geestelijke gezondheidszorg.",
    ),
    (
        "sint-jozefscollege",
        "Sint-Jozefscollege Zeestad",
        Organisation.Kind.REQUESTER,
        Organisation.Sector.EDUCATION,
        "Secundaire school.",
    ),
    (
        "az-zeestad",
        "AZ Zeestad",
        Organisation.Kind.REQUESTER,
        Organisation.Sector.HEALTH,
        "Algemeen ziekenhuis met een afdeling psychiatrie.",
    ),
]

# email, name, role, organisation slug (or None), superuser
PEOPLE = [
    ("bezoeker@huis.example", "Sam", Role.VISITOR, None),
    ("bezoeker2@huis.example", "Noor", Role.VISITOR, None),
    ("ervaringsdeskundige@huis.example", "Lotte", Role.EXPERT, None),
    ("vrijwilliger@huis.example", "Jonas", Role.VOLUNTEER, None),
    ("partner@huis.example", "Yusuf", Role.PARTNER_WORKER, "buurtwerk-de-brug"),
    ("partner2@huis.example", "Hanne", Role.PARTNER_WORKER, "welzijnsdienst-zeestad"),
    ("medewerker@huis.example", "Els", Role.STAFF, "huis"),
    ("coordinator@huis.example", "Pieter", Role.COORDINATOR, "huis"),
    ("beheerder@huis.example", "An", Role.ADMINISTRATOR, "huis"),
]


@register_demo_seeder("accounts", order=10)
def seed(*, stdout) -> None:
    organisations = {}
    for slug, name, kind, sector, description in ORGANISATIONS:
        organisations[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "sector": sector,
                "description": description,
                "email": f"info@{slug}.example",
            },
        )
    for email, name, role, org_slug in PEOPLE:
        admin = role == Role.ADMINISTRATOR
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                display_name=name,
                is_staff=admin,
                is_superuser=admin,
            )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        if role != Role.VISITOR:
            user.groups.add(Group.objects.get_or_create(name=Role.VISITOR)[0])
        if org_slug:
            Membership.objects.get_or_create(user=user, organisation=organisations[org_slug])


def logins() -> list[tuple[str, str, str | None]]:
    """The accounts' own demo people: (role, email, password). The password is None: the house
    logs in with a code sent by email. Kept in this shape for the tests that crawl as each."""
    return [(str(role.label), email, DEMO_PASSWORD) for email, _name, role, _org in PEOPLE]


def demo_accounts() -> list[tuple[str, str]]:
    """Every demo account (the apps' demo parts add some), with its roles, for seed_demo's
    printout. There is no password: the house logs in with a code sent by email."""
    labels = dict(Role.choices)
    rows = []
    users = User.objects.filter(email__endswith="@huis.example").prefetch_related("groups")
    for user in users.order_by("pk"):
        names = [g.name for g in user.groups.all() if g.name in labels]
        shown = [str(labels[n]) for n in names if n != Role.VISITOR] or [str(Role.VISITOR.label)]
        rows.append((", ".join(shown), user.email))
    return rows


from . import demo_onboarding  # noqa: E402, F401  (issue #25: invitation and import, own seeder)
