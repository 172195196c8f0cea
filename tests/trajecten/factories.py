"""Factories for trajecten's tests (and the few netwerk rows an application rests on)."""

import datetime as dt

import factory
from django.utils import timezone

from huis.core.dates import add_months
from netwerk.models import Consent, ConsentWithdrawal, GuidanceAgreement, Person
from tests.factories import OrganisationFactory
from trajecten.models import (
    AgendaItem,
    Application,
    Committee,
    Decision,
    HousingStep,
    Meeting,
    Programme,
    Trajectory,
)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    alias = factory.Sequence(lambda n: f"Gezin {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    recorded_by_organisation = factory.SelfAttribute("person.organisation")
    items = ["question", "history", "guidance"]
    scope = "De historiek mag naar de inclusiecommissie."


def withdraw(consent: Consent) -> ConsentWithdrawal:
    return ConsentWithdrawal.objects.create(consent=consent)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Housing First gezinnen {n}")
    slug = factory.Sequence(lambda n: f"housing-first-{n}")
    criteria = "Gezinnen met kinderen, al lang zonder vaste woning."


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    programme = factory.SubFactory(ProgrammeFactory)
    name = "Inclusiecommissie"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    consent = factory.SubFactory(
        ConsentFactory, person__organisation=factory.SelfAttribute("...organisation")
    )
    family_label = factory.Sequence(lambda n: f"Gezin {n}")
    in_their_words = "We wonen al twee jaar in onze auto. De kinderen willen een eigen kamer."
    what_they_ask = "Een woning en hulp bij de papieren."
    adults = 2
    children = 3
    current_situation = "car"


class HousingStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingStep

    application = factory.SubFactory(ApplicationFactory)
    started_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=700))
    situation = "car"
    note = "Na uithuiszetting."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    committee = factory.SubFactory(CommitteeFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    place = "Zaal 1"

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create:
            self.members.set(extracted if extracted is not None else self.committee.members.all())


def schedule(application: Application, meeting: Meeting) -> AgendaItem:
    """Put an application on the agenda without the service (fixtures only)."""
    application.status = Application.Status.SCHEDULED
    application.submitted_at = application.submitted_at or timezone.now()
    application.save()
    return AgendaItem.objects.create(meeting=meeting, application=application)


def decide(item: AgendaItem, outcome: str, reasons: str = "Past in het programma.") -> Decision:
    decision = Decision.objects.create(
        agenda_item=item, application=item.application, outcome=outcome, reasons=reasons
    )
    item.application.status = outcome
    item.application.save()
    return decision


def trajectory_for(
    application: Application,
    *,
    started_on: dt.date,
    housed_on: dt.date | None = None,
    lead=None,
    partners=(),
    ended_on: dt.date | None = None,
    end_reason: str = "",
) -> Trajectory:
    """An admitted application's trajectory with its agreement, without the service."""
    if application.status != Application.Status.ADMITTED:
        application.status = Application.Status.ADMITTED
        application.save()
    agreement = GuidanceAgreement.objects.create(
        person=application.consent.person,
        lead_organisation=lead or application.organisation,
        starts_on=started_on,
        ends_on=add_months(started_on, 12),
    )
    agreement.partners.set(partners)
    return Trajectory.objects.create(
        application=application,
        programme=application.programme,
        agreement=agreement,
        started_on=started_on,
        housed_on=housed_on,
        ended_on=ended_on,
        end_reason=end_reason,
    )
