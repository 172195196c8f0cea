"""The demo network: charter versions, referrals in every status, a guidance without lead after a
partner left, ten welcoming places; idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from huis.accounts.models import User
from netwerk.models import Charter, GuidanceAgreement, Referral, WelcomingPlace

pytestmark = pytest.mark.django_db


def test_demo_network_is_complete_and_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (Charter.objects.count(), Referral.objects.count(), WelcomingPlace.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (
        Charter.objects.count(),
        Referral.objects.count(),
        WelcomingPlace.objects.count(),
    ) == counts
    assert counts[0] == 2
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert WelcomingPlace.objects.filter(is_published=True).count() == 10
    without_lead = GuidanceAgreement.objects.filter(status="active", lead_organisation__isnull=True)
    assert without_lead.count() == 1

    client.force_login(User.objects.get(email="partner@huis.example"))
    home = client.get(reverse("netwerk:home"))
    assert home.status_code == 200
    assert home.context["to_sign"], "De Brug has not signed version 2: the banner shows"
    client.force_login(User.objects.get(email="coordinator@huis.example"))
    page = client.get(reverse("netwerk:guidance_without_lead"))
    assert len(page.context["agreements"]) == 1
    assert client.get(reverse("netwerk:place_list")).context["places"].__len__() == 10
