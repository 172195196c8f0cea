"""Factories for ervaringsdeskundigen. The managed lists and rates come from the data migration,
but transactional tests flush them: everything here uses get_or_create."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from ervaringsdeskundigen.models import (
    AllowanceRate,
    Assignment,
    Expert,
    ExpertRequest,
    KmRate,
    Language,
    Region,
    Theme,
    WorkKind,
)
from huis.accounts.roles import Role
from tests.factories import UserFactory


def theme(slug: str) -> Theme:
    return Theme.objects.get_or_create(slug=slug, defaults={"name": slug.capitalize()})[0]


def work_kind(slug: str = "getuigenis", *, higher_cap: bool = False) -> WorkKind:
    return WorkKind.objects.get_or_create(
        slug=slug, defaults={"name": slug.capitalize(), "higher_cap": higher_cap}
    )[0]


def language(slug: str = "nl") -> Language:
    return Language.objects.get_or_create(slug=slug, defaults={"name": slug.upper()})[0]


KM = Decimal("0.4326")  # the 2026 Q1 rate; tests use it for every quarter they need


def rates() -> None:
    """The yearly figures, and a km rate for every quarter from 2025 to 2027: the data migration
    knows the real ones up to 2026 Q1 only, tests need later days too."""
    for year, daily, yearly in [
        (2025, "42.31", "1692.51"),
        (2026, "44.02", "1760.83"),
        (2027, "44.02", "1760.83"),
    ]:
        AllowanceRate.objects.get_or_create(
            year=year, defaults={"daily_cap": Decimal(daily), "yearly_cap": Decimal(yearly)}
        )
    for year in (2025, 2026, 2027):
        for first, last in [
            ((1, 1), (3, 31)),
            ((4, 1), (6, 30)),
            ((7, 1), (9, 30)),
            ((10, 1), (12, 31)),
        ]:
            start = dt.date(year, *first)
            if not KmRate.objects.filter(valid_from__lte=start, valid_until__gte=start).exists():
                KmRate.objects.create(
                    valid_from=start, valid_until=dt.date(year, *last), rate=KM, source="tests"
                )


def region(name: str) -> Region:
    """A place from the data migration (or made again after a flush, with its coordinates)."""
    known = {
        "Gent": ("51.0543", "3.7174"),
        "Brussel": ("50.8467", "4.3525"),
        "Antwerpen": ("51.2194", "4.4025"),
        "Aalst": ("50.9378", "4.0403"),
        "Brugge": ("51.2093", "3.2247"),
        "Hasselt": ("50.9307", "5.3325"),
    }
    lat, lon = known[name]
    return Region.objects.get_or_create(
        name=name, defaults={"latitude": Decimal(lat), "longitude": Decimal(lon)}
    )[0]


def next_weekday(weekday: int, hour: int = 14, weeks: int = 1) -> dt.datetime:
    """An aware moment `weeks` weeks ahead on the given weekday (0 = Monday), at `hour`."""
    today = timezone.localdate()
    day = today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, roles=[Role.VISITOR, Role.EXPERT])
    region = "Gent"
    max_per_month = 4

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def slots(self, create, extracted, **kwargs):
        """Free every day, every part, unless a list of (weekday, part) is given."""
        from ervaringsdeskundigen.models import Availability
        from ervaringsdeskundigen.models.expert import DayPart

        if not create:
            return
        wanted = extracted
        if wanted is None:
            wanted = [(w, p) for w in range(7) for p in DayPart.values]
        Availability.objects.bulk_create(
            [Availability(expert=self, weekday=w, part=p) for w, p in wanted]
        )


class ExpertRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertRequest
        skip_postgeneration_save = True

    organisation_name = factory.Sequence(lambda n: f"School {n}")
    contact_name = "Mevrouw Peeters"
    contact_email = factory.Sequence(lambda n: f"contact{n}@school.example")
    work_kind = factory.LazyFunction(work_kind)
    starts_at = factory.LazyFunction(lambda: next_weekday(1))
    duration_minutes = 120
    place = "Sint-Lucas, Gent"
    region = "Gent"
    audience = "Leerlingen van het vijfde jaar"
    audience_size = 25
    experts_wanted = 1
    status = ExpertRequest.Status.IN_PROGRESS

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    request = factory.SubFactory(ExpertRequestFactory)
    expert = factory.SubFactory(ExpertFactory)
    status = Assignment.Status.ACCEPTED
    starts_at = factory.LazyAttribute(lambda o: o.request.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.request.ends_at)
