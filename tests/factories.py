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
