"""The one place that decides who sees what.

Organisation isolation, 404 for outsiders, 403 for those who may only read.
"""

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from huis.accounts.access import (
    belongs_to_own_organisation,
    fetch_for,
    is_coordinator,
    is_own,
    organisation_ids,
    visible_to,
)
from huis.accounts.models import Membership

pytestmark = pytest.mark.django_db

# Memberships belong to an organisation and to a person: a good stand-in for any such record.
rules.set_perm("tests.view_record", is_coordinator | belongs_to_own_organisation | is_own)
rules.set_perm("tests.change_record", is_coordinator | is_own)


def test_partner_sees_only_own_organisations_rows(partner_a, partner_b, coordinator):
    everything = Membership.objects.all()
    seen_by_a = visible_to(partner_a, everything, organisation_field="organisation")
    assert {m.organisation_id for m in seen_by_a} == set(organisation_ids(partner_a))
    assert not seen_by_a.filter(user=partner_b).exists()
    assert visible_to(coordinator, everything).count() == everything.count()


def test_anonymous_sees_nothing(partner_a):
    from django.contrib.auth.models import AnonymousUser

    assert not visible_to(AnonymousUser(), Membership.objects.all(), person_field="user").exists()


def test_outsider_gets_404_not_403(partner_a, partner_b):
    record = Membership.objects.get(user=partner_b)
    with pytest.raises(Http404):
        fetch_for(partner_a, Membership.objects.all(), view_perm="tests.view_record", pk=record.pk)


def test_missing_object_is_404(partner_a):
    with pytest.raises(Http404):
        fetch_for(partner_a, Membership.objects.all(), view_perm="tests.view_record", pk=0)


def test_colleague_may_see_but_not_change(partner_a, organisation_a):
    from tests.factories import MembershipFactory

    colleague_record = MembershipFactory(organisation=organisation_a)
    found = fetch_for(
        partner_a, Membership.objects.all(), view_perm="tests.view_record", pk=colleague_record.pk
    )
    assert found == colleague_record
    with pytest.raises(PermissionDenied):
        fetch_for(
            partner_a,
            Membership.objects.all(),
            view_perm="tests.view_record",
            change_perm="tests.change_record",
            pk=colleague_record.pk,
        )


def test_owner_and_coordinator_may_change(partner_a, coordinator):
    own = Membership.objects.get(user=partner_a)
    for user in (partner_a, coordinator):
        assert (
            fetch_for(
                user,
                Membership.objects.all(),
                view_perm="tests.view_record",
                change_perm="tests.change_record",
                pk=own.pk,
            )
            == own
        )


def test_ended_membership_no_longer_gives_access(partner_a, organisation_a):
    import datetime

    Membership.objects.filter(user=partner_a).update(ended_on=datetime.date.today())
    partner_a.__dict__.pop("_organisation_ids", None)
    assert organisation_a.pk not in organisation_ids(partner_a)
