"""The organisations a person works for are kept with the person (issue #30: a query on every
page of a partner), and a change of them counts on the very next request: what a partner may see
follows their memberships at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from huis.accounts.access import organisation_ids
from huis.accounts.authz import CachedModelBackend
from huis.accounts.invitations import person_deactivate
from huis.accounts.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def _as_next_request(user) -> frozenset[int]:
    """The person as the next request reads them, and their organisations."""
    return organisation_ids(CachedModelBackend().get_user(user.pk))


def test_kept_with_the_person_no_query(partner_a):
    expected = frozenset(
        Membership.objects.filter(user=partner_a, ended_on__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    assert expected and _as_next_request(partner_a) == expected
    with CaptureQueriesContext(connection) as queries:
        assert _as_next_request(partner_a) == expected
    assert len(queries) == 0


def test_every_change_of_memberships_counts_at_once(partner_a, coordinator):
    (first,) = Membership.objects.filter(user=partner_a, ended_on__isnull=True)
    other = Organisation.objects.create(name="Buurthuis De Kaai", slug="de-kaai")
    assert other.pk not in _as_next_request(partner_a)
    Membership.objects.create(user=partner_a, organisation=other)
    assert other.pk in _as_next_request(partner_a)
    # The first organisation stops: it is gone from what they may see.
    stopped = Organisation.objects.get(pk=first.organisation_id)
    stopped.is_active = False
    stopped.save()
    assert _as_next_request(partner_a) == {other.pk}
    # They leave the second.
    membership = Membership.objects.get(user=partner_a, organisation=other)
    membership.ended_on = timezone.localdate()
    membership.save()
    assert _as_next_request(partner_a) == frozenset()


def test_a_leaver_keeps_no_organisation(partner_a, coordinator):
    """A leaver is logged out everywhere (their person is read anew and refused) and their
    memberships end: nothing of their organisation stays with them."""
    assert _as_next_request(partner_a)
    person_deactivate(person=partner_a, actor=coordinator)
    assert CachedModelBackend().get_user(partner_a.pk) is None  # logged out everywhere
    assert not Membership.objects.filter(user=partner_a, ended_on__isnull=True).exists()
