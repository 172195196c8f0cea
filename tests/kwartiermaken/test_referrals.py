"""A home visit starts a referral in the partner network in one step: the needs observed go
along, 'referred to' is a link to the referral, and the overview counts what became of the
referrals started from outreach."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huis.audit.models import AuditEntry
from kwartiermaken import selectors, services
from kwartiermaken.models import OutreachReferral
from netwerk import services as netwerk_services
from netwerk.models import Referral

from .factories import NeedFactory, OutreachEntryFactory

pytestmark = pytest.mark.django_db


def _form(organisation_b, **overrides):
    data = {
        "alias": "Mila",
        "contact": "",
        "question": "Zoekt hulp bij haar huur.",
        "tried": "Al eens gebeld met de huisbaas.",
        "to_organisation": organisation_b.pk,
        "items": ["question", "history"],
        "consent_given": "on",
    }
    data.update(overrides)
    return data


def test_a_home_visit_starts_a_referral_with_its_needs(
    client, partner_a, entry_a, organisation_b, partner_b, need
):
    need.name_en = "Housing"
    need.save()
    client.force_login(partner_a)
    url = reverse("kwartiermaken:entry_refer", args=[entry_a.pk])
    form = client.get(url)
    # The worker reads English: the needs that go along are shown in their language.
    assert form.status_code == 200 and 'lang="en"' in form.text and "Housing" in form.text
    response = client.post(url, _form(organisation_b))
    referral = Referral.objects.get()
    assert response.status_code == 302 and response.url == referral.get_absolute_url()
    assert (referral.origin, referral.needs) == ("outreach", ["Wonen"])
    assert referral.tried == "Al eens gebeld met de huisbaas."
    assert referral.from_organisation_id == entry_a.organisation_id
    assert OutreachReferral.objects.get().entry == entry_a
    entry_a.refresh_from_db()
    assert entry_a.referrals == 1
    audit = AuditEntry.objects.get(action="kwartiermaken.entry_referred")
    assert audit.data["referral"] == referral.pk
    # 'Referred to' on the work is now a link to the referral.
    detail = client.get(entry_a.get_absolute_url()).text
    assert referral.get_absolute_url() in detail and "Referred to Partner B" in detail
    # The receiver reads the needs and what was tried: nobody asks the person again.
    client.force_login(partner_b)
    page = client.get(referral.get_absolute_url()).text
    assert "Wonen" in page and "Al eens gebeld met de huisbaas." in page
    assert "Outreach or a home visit" in page


def test_without_consent_nothing_is_referred(client, partner_a, entry_a, organisation_b):
    client.force_login(partner_a)
    url = reverse("kwartiermaken:entry_refer", args=[entry_a.pk])
    response = client.post(url, _form(organisation_b, consent_given=""))
    assert response.status_code == 400
    assert "Ask the person for their consent first" in response.text
    assert not Referral.objects.exists() and not OutreachReferral.objects.exists()


def test_referring_to_its_own_organisation_is_refused_with_a_reason(
    partner_a, entry_a, organisation_a
):
    details = services.ReferralFromOutreach(
        to_organisation=organisation_a, alias="Mila", question="Vraag", consent_given=True
    )
    with pytest.raises(netwerk_services.NetwerkError, match="another organisation"):
        services.entry_refer(entry=entry_a, actor=partner_a, details=details)
    assert not OutreachReferral.objects.exists()


def test_another_organisations_worker_cannot_refer_from_the_entry(
    client, partner_b, entry_a, organisation_b
):
    client.force_login(partner_b)
    url = reverse("kwartiermaken:entry_refer", args=[entry_a.pk])
    assert client.post(url, _form(organisation_b)).status_code == 404
    assert not Referral.objects.exists()


def test_the_overview_counts_the_outcomes_of_referrals_from_outreach(
    client, partner_a, partner_b, entry_a, organisation_b
):
    def refer():
        return services.entry_refer(
            entry=entry_a,
            actor=partner_a,
            details=services.ReferralFromOutreach(
                to_organisation=organisation_b, alias="X", question="Vraag", consent_given=True
            ),
        )

    closed, declined, waiting = refer(), refer(), refer()
    netwerk_services.referral_accept(referral=closed, actor=partner_b)
    netwerk_services.referral_close(referral=closed, actor=partner_b)
    netwerk_services.referral_decline(referral=declined, actor=partner_b, reason="Vol.")
    # A referral not started from outreach does not count.
    netwerk_services.referral_create(
        actor=partner_a,
        from_organisation=entry_a.organisation,
        to_organisation=organisation_b,
        question="Los",
        consent_given=True,
        alias="Y",
    )
    outcomes = selectors.outreach_referral_outcomes(
        entries=entry_a.__class__.objects.filter(pk=entry_a.pk)
    )
    assert (outcomes["closed"], outcomes["declined"], outcomes["sent"]) == (1, 1, 1)
    assert waiting.status == "sent"
    client.force_login(partner_a)
    page = client.get(reverse("kwartiermaken:overview"), {"jaar": "alle"})
    assert page.context["referral_outcomes"]["closed"] == 1
    assert "closed: the person was helped" in page.text


def test_the_entry_page_costs_the_same_with_one_or_many_referrals(
    client, partner_a, organisation_a, organisation_b, neighbourhood
):
    entry = OutreachEntryFactory(
        organisation=organisation_a,
        created_by=partner_a,
        neighbourhood=neighbourhood,
        needs=[NeedFactory(name="Geld")],
    )

    def refer(n):
        for _ in range(n):
            services.entry_refer(
                entry=entry,
                actor=partner_a,
                details=services.ReferralFromOutreach(
                    to_organisation=organisation_b, alias="X", question="V", consent_given=True
                ),
            )

    client.force_login(partner_a)
    url = entry.get_absolute_url()
    counts = []
    for n in (1, 12):
        refer(n)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
