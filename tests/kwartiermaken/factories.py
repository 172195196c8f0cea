"""Factories for kwartiermaken's tests."""

import factory
from django.utils import timezone

from kwartiermaken.figures import refresh
from kwartiermaken.models import (
    Need,
    Neighbourhood,
    OutreachEntry,
    OutreachKind,
    PolicyRecommendation,
    Signal,
    SignalCategory,
)
from tests.factories import OrganisationFactory


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Wijk {n}")


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Nood {n}")


class OutreachEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachEntry
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    date = factory.LazyFunction(timezone.localdate)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    kind = OutreachKind.HOME_VISIT
    people_reached = 1

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)

    @factory.post_generation
    def figures(self, create, extracted, **kwargs):
        # Factories write past the services; keep the overviews' figures as the services would.
        if create:
            refresh(organisation_id=self.organisation_id, days=[self.date])


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    observed_on = factory.LazyFunction(timezone.localdate)
    category = SignalCategory.WAITING
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    service = "OCMW"
    description = "Wachttijd van drie maanden voor een eerste gesprek."
    times_seen = 1

    @factory.post_generation
    def figures(self, create, extracted, **kwargs):
        if create:
            refresh(organisation_id=self.organisation_id, days=[self.observed_on])


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyRecommendation
        skip_postgeneration_save = True

    title = "Kortere wachttijd bij het eerste gesprek"
    problem = "Mensen wachten te lang."
    proposal = "Een vrij inloopmoment per week."
    addressed_to = "OCMW Zeestad"

    @factory.post_generation
    def signals(self, create, extracted, **kwargs):
        if create and extracted:
            self.signals.set(extracted)
