"""The benchmark's network part: referrals between the seeded partners, with consent rows."""

import random
from io import StringIO

import pytest

from netwerk import scale
from netwerk.models import Consent, Referral
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_scale_seeder_makes_referrals_between_partners():
    partners = [OrganisationFactory() for _ in range(3)]
    for organisation in partners:
        MembershipFactory(organisation=organisation)
    scale.seed(sizes={"referrals": 60}, rng=random.Random(1), stdout=StringIO())
    assert Referral.objects.count() == 60
    assert Consent.objects.count() == 60
    assert not Referral.objects.filter(from_organisation=models_f("to_organisation")).exists()
    assert Consent.organisations.through.objects.count() == 60


def models_f(name):
    from django.db.models import F

    return F(name)
