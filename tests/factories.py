"""factory_boy factories for the shared core. Apps add theirs in the same module."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from huis.accounts.models import Membership, Organisation, User
from huis.rooms.models import Room


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    display_name = factory.Faker("first_name", locale="nl_BE")
    password = factory.django.Password("test-password-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                # get_or_create: transactional tests flush the groups the data migration made.
                self.groups.add(Group.objects.get_or_create(name=role)[0])

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = Organisation.Kind.PARTNER


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Lokaal {n}")
    slug = factory.Sequence(lambda n: f"lokaal-{n}")
    capacity = 20


# --- beeldvorming ---------------------------------------------------------------------------------


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "beeldvorming.Campaign"

    name = factory.Sequence(lambda n: f"Campagne {n}")
    starts_on = factory.Faker("date_between", start_date="-60d", end_date="-30d")
    ends_on = factory.Faker("date_between", start_date="-29d", end_date="today")
    goals = "Praten over psychische kwetsbaarheid, zonder taboe."
    target_audiences = factory.LazyFunction(lambda: ["pupils", "public"])


class CampaignActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "beeldvorming.CampaignAction"

    campaign = factory.SubFactory(CampaignFactory)
    kind = "school_talk"
    date = factory.LazyAttribute(lambda o: o.campaign.starts_on)
    place = "Sint-Jozefscollege"
    audience = "pupils"
    people_reached = 25


class TestimonyFactory(factory.django.DjangoModelFactory):
    """A testimony with its consent, made through the service so the consent row exists.

    `published=True` publishes it as a staff member would.
    """

    class Meta:
        model = "beeldvorming.Testimony"

    author = factory.SubFactory(UserFactory, roles=["visitor"])
    title = factory.Sequence(lambda n: f"Mijn weg terug {n}")
    body = "Het was een moeilijke tijd. In het huis vond ik mensen die luisterden."

    @classmethod
    def _create(
        cls,
        model_class,
        *,
        author,
        title,
        body,
        attribution="anonymous",
        shown_name="",
        published=False,
        **kwargs,
    ):
        from beeldvorming import services

        testimony = services.testimony_create(
            author=author, title=title, body=body, attribution=attribution, shown_name=shown_name
        )
        if published:
            services.testimony_publish(testimony=testimony, actor=None)
        testimony.refresh_from_db()
        return testimony


# --- ontmoeting -------------------------------------------------------------------------------


import datetime as dt  # noqa: E402

from django.utils import timezone  # noqa: E402


def _in_days(days: int, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class ActivityFactory(factory.django.DjangoModelFactory):
    """Built through ontmoeting's services, so the room is booked and the places are set.

    `status` (draft, published, cancelled), `capacity` (None: walk in), `waitlist_mode`,
    `offer_hours`, `max_places_per_claim`, `signup_opens_at`, `signup_closes_at` are passed on.
    """

    class Meta:
        model = "ontmoeting.Activity"

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    summary = "Samen iets doen."
    description = "Iedereen is welkom."
    category = "ontmoeting"
    room = factory.SubFactory(RoomFactory)
    starts_at = factory.Sequence(lambda n: _in_days(2 + n % 20, 9 + n % 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))

    @classmethod
    def _create(cls, model_class, *args, status="published", actor=None, **kwargs):
        from ontmoeting.services import (
            ActivityData,
            activity_cancel,
            activity_create,
            activity_publish,
        )

        kwargs.setdefault("capacity", 10)
        activity = activity_create(data=ActivityData(**kwargs), actor=actor)
        if status in ("published", "cancelled"):
            activity = activity_publish(activity=activity, actor=actor)
        if status == "cancelled":
            activity = activity_cancel(activity=activity, actor=actor, reason="Ziek")
        return model_class.objects.select_related("offering", "room").get(pk=activity.pk)


class OpeningPeriodFactory(factory.django.DjangoModelFactory):
    """One of the house's weekly opening periods (huis.facts), also the walk-in hours."""

    class Meta:
        model = "facts.OpeningPeriod"

    weekday = 1
    opens_at = dt.time(14)
    closes_at = dt.time(17)
