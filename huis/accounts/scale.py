"""People and organisations of the benchmark's house (`manage.py seed_scale`).

Besides the crowd, a few known people the benchmark logs in as: `bench-<role>@scale.example`.
"""

from django.contrib.auth.models import Group
from django.utils import timezone

from huis.core.registry import register_scale_seeder
from huis.core.versioned_cache import bump

from .authz import MEMBERSHIPS
from .models import Membership, Organisation, User
from .roles import Role

FIRST = ["An", "Bram", "Chloé", "Dries", "Emma", "Fatima", "Gert", "Hanne", "Ilias", "Jana"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens"]
BENCH_PEOPLE = [
    ("bench-visitor@scale.example", Role.VISITOR),
    ("bench-staff@scale.example", Role.STAFF),
    ("bench-coordinator@scale.example", Role.COORDINATOR),
    ("bench-partner@scale.example", Role.PARTNER_WORKER),
]


def people_email(n: int) -> str:
    return f"persoon{n}@scale.example"


@register_scale_seeder("accounts", order=10)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    now = timezone.now()
    groups = {g.name: g for g in Group.objects.all()}
    house = Organisation.objects.create(
        name="Huis met vele kamers", slug="huis", kind=Organisation.Kind.HOUSE
    )
    sectors = list(Organisation.Sector.values)
    partners = Organisation.objects.bulk_create(
        Organisation(
            name=f"Partner {n + 1}",
            slug=f"partner-{n + 1}",
            kind=Organisation.Kind.PARTNER,
            sector=sectors[n % len(sectors)],
        )
        for n in range(max(sizes["partners"], 1))
    )
    languages = ["nl"] * 8 + ["fr", "en"]
    users = [
        User(
            email=people_email(n),
            display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            preferred_language=rng.choice(languages),
            date_joined=now,
            password="!",
        )
        for n in range(sizes["people"])
    ]
    users += [
        User(email=email, display_name=role.label, date_joined=now, password="!")
        for email, role in BENCH_PEOPLE
    ]
    User.objects.bulk_create(users, batch_size=5000)
    through = User.groups.through
    visitor = groups[Role.VISITOR]
    ids = dict(User.objects.values_list("email", "pk"))
    through.objects.bulk_create(
        (through(user_id=pk, group_id=visitor.pk) for pk in ids.values()), batch_size=10000
    )
    memberships = []
    for email, role in BENCH_PEOPLE:
        if role != Role.VISITOR:
            through.objects.create(user_id=ids[email], group_id=groups[role].pk)
        if role in (Role.STAFF, Role.COORDINATOR):
            memberships.append(Membership(user_id=ids[email], organisation=house))
        if role == Role.PARTNER_WORKER:
            memberships.append(Membership(user_id=ids[email], organisation=partners[0]))
    # Two workers per partner organisation, taken from the crowd.
    for n, organisation in enumerate(partners):
        for k in range(2):
            pk = ids[people_email((n * 2 + k) % max(sizes["people"], 1))]
            through.objects.get_or_create(user_id=pk, group_id=groups[Role.PARTNER_WORKER].pk)
            memberships.append(Membership(user_id=pk, organisation=organisation))
    Membership.objects.bulk_create(memberships, ignore_conflicts=True)
    bump(MEMBERSHIPS)  # a bulk insert sends no signal
    stdout.write(f"    {len(users)} people, {len(partners)} partner organisations")
