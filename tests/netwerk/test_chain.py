"""One intake, carried along: the receiver passes a referral on with the person's consent; the
next partner reads the intake and nobody asks again; the chain is seen by the organisations in it
and by nobody else; a withdrawn consent stops the passing on at once."""

import threading

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from huis.audit.models import AuditEntry
from netwerk import selectors, services
from netwerk.models import Referral
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation_c(db):
    return OrganisationFactory(name="Partner C", slug="partner-c")


@pytest.fixture
def organisation_d(db):
    return OrganisationFactory(name="Partner D", slug="partner-d")


def _worker(organisation, name):
    from huis.accounts.models import Role

    user = UserFactory(display_name=name, roles=[Role.PARTNER_WORKER])
    MembershipFactory(user=user, organisation=organisation)
    return user


@pytest.fixture
def partner_c(organisation_c):
    return _worker(organisation_c, "Chris")


@pytest.fixture
def partner_d(organisation_d):
    return _worker(organisation_d, "Dirk")


@pytest.fixture
def first(partner_a, partner_b, organisation_a, organisation_b, organisation_c, organisation_d):
    """A refers Mila to B; she agrees that B passes it on to C (D is in the network, not named)."""
    referral = services.referral_create(
        actor=partner_a,
        from_organisation=organisation_a,
        to_organisation=organisation_b,
        question="Zoekt een plek om te wonen.",
        minimum_needed="Woont nu bij een vriend.",
        tried="Ingeschreven bij de sociale huisvesting.",
        needs=["Wonen", "Geld"],
        consent_given=True,
        items=["question", "history"],
        also_share_with=[organisation_c],
        receiver_may_pass_on=True,
        alias="Mila",
        contact="0470 12 34 56",
    )
    return services.referral_accept(referral=referral, actor=partner_b)


@pytest.fixture
def onward(first, partner_b, organisation_c):
    return services.referral_pass_on(
        referral=first, actor=partner_b, to_organisation=organisation_c, note="Vooral dringend."
    )


def test_passing_on_carries_the_intake_along(first, onward, organisation_b, organisation_c):
    assert (onward.from_organisation, onward.to_organisation) == (organisation_b, organisation_c)
    assert onward.person_id == first.person_id and onward.consent_id == first.consent_id
    assert onward.question == "Zoekt een plek om te wonen."
    assert onward.tried == "Ingeschreven bij de sociale huisvesting."
    assert onward.needs == ["Wonen", "Geld"]
    assert "Woont nu bij een vriend." in onward.minimum_needed
    assert "Partner B: Vooral dringend." in onward.minimum_needed
    assert (onward.parent_id, onward.root_id, onward.origin) == (first.pk, first.pk, "passed_on")
    assert [r.pk for r in selectors.referral_chain(referral=onward)] == [first.pk, onward.pk]
    assert "Passed on to Partner C." in [e.note for e in first.events.all()]
    entry = AuditEntry.objects.get(action="netwerk.referral_passed_on")
    assert entry.data["parent"] == first.pk
    assert "Mila" not in str(entry.data) and "wonen" not in str(entry.data).lower()


def test_the_third_partner_reads_the_intake_and_is_not_asked_again(client, onward, partner_c):
    client.force_login(partner_c)
    page = client.get(onward.get_absolute_url())
    assert page.status_code == 200
    for text in ["Mila", "Zoekt een plek om te wonen.", "Ingeschreven bij de sociale", "Wonen"]:
        assert text in page.text
    assert "Partner A → Partner B" in page.text  # the chain


def test_the_first_sender_follows_the_chain_with_the_person(client, onward, partner_a):
    client.force_login(partner_a)
    page = client.get(onward.get_absolute_url())
    assert page.status_code == 200
    assert "Mila" in page.text and "Partner B → Partner C" in page.text


def test_a_coordinator_follows_the_chain_but_not_the_person(client, onward, coordinator):
    client.force_login(coordinator)
    page = client.get(onward.get_absolute_url())
    assert page.status_code == 200
    assert "Mila" not in page.text and "Zoekt een plek" not in page.text


# The chain's access matrix: the second referral (B -> C) and the first (A -> B) for every
# organisation; D (in the network, outside the chain) and the house's staff learn nothing (404).
CHAIN_ROLES = ["anonymous", "partner_a", "partner_b", "partner_c", "partner_d", "staff"]
CHAIN_MATRIX = {
    ("onward", "netwerk:referral_detail"): {
        "partner_a": 200,
        "partner_b": 200,
        "partner_c": 200,
        "coordinator": 200,
    },
    ("first", "netwerk:referral_detail"): {
        "partner_a": 200,
        "partner_b": 200,
        "partner_c": 200,
        "coordinator": 200,
    },
    # Only the receiver passes on; the others of the chain may see it, not do it (403).
    ("first", "netwerk:referral_pass_on"): {
        "partner_b": 200,
        "partner_a": 403,
        "partner_c": 403,
        "coordinator": 403,
    },
    ("onward", "netwerk:referral_pass_on"): {
        "partner_c": 200,
        "partner_a": 403,
        "partner_b": 403,
        "coordinator": 403,
    },
}


@pytest.mark.parametrize("role", [*CHAIN_ROLES, "coordinator"])
@pytest.mark.parametrize("key", sorted(CHAIN_MATRIX))
def test_chain_access(key, role, request, client, onward):
    which, url_name = key
    referral = request.getfixturevalue(which)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(url_name, args=[referral.pk]))
    if user is None:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        return
    assert response.status_code == CHAIN_MATRIX[key].get(role, 404), (key, role)


def test_an_outsider_sees_nothing_of_the_chain_in_any_list(onward, partner_d, partner_c):
    rows = selectors.referrals_for(user=partner_d)
    assert list(rows) == []
    # C sees the chain's referrals, but lists only what it received in its inbox.
    assert set(selectors.referrals_for(user=partner_c)) == {onward.parent, onward}
    page, _rows = selectors.referral_page(user=partner_c, filters=selectors.ReferralFilter())
    assert [r.pk for r in page.object_list] == [onward.pk]


def test_the_receiver_passes_on_through_the_page(client, first, partner_b, organisation_c):
    client.force_login(partner_b)
    url = reverse("netwerk:referral_pass_on", args=[first.pk])
    page = client.get(url)
    assert "Partner C" in page.text and "Partner D" not in page.text
    response = client.post(url, {"to_organisation": organisation_c.pk, "note": ""})
    assert response.status_code == 302
    assert Referral.objects.filter(parent=first, to_organisation=organisation_c).exists()
    # Once C holds it (open), it cannot be passed to C again.
    again = client.post(url, {"to_organisation": organisation_c.pk})
    assert again.status_code == 400
    assert Referral.objects.filter(parent=first).count() == 1


def test_passing_on_to_an_organisation_the_person_did_not_name_is_refused(
    client, first, partner_b, organisation_d
):
    with pytest.raises(services.NetwerkError, match="did not agree"):
        services.referral_pass_on(referral=first, actor=partner_b, to_organisation=organisation_d)
    client.force_login(partner_b)
    url = reverse("netwerk:referral_pass_on", args=[first.pk])
    assert client.post(url, {"to_organisation": organisation_d.pk}).status_code == 400
    assert not Referral.objects.filter(parent=first).exists()


def test_without_the_persons_agreement_to_pass_on_it_is_refused(
    partner_a, partner_b, organisation_a, organisation_b, organisation_c, client
):
    referral = services.referral_create(
        actor=partner_a,
        from_organisation=organisation_a,
        to_organisation=organisation_b,
        question="Vraag",
        consent_given=True,
        also_share_with=[organisation_c],
        alias="Jo",
    )
    services.referral_accept(referral=referral, actor=partner_b)
    with pytest.raises(services.NetwerkError, match="did not agree that your organisation"):
        services.referral_pass_on(
            referral=referral, actor=partner_b, to_organisation=organisation_c
        )
    client.force_login(partner_b)
    page = client.get(reverse("netwerk:referral_pass_on", args=[referral.pk]))
    assert "did not agree that your organisation" in page.text
    assert "Pass on, with the intake" not in client.get(referral.get_absolute_url()).text


def test_a_referral_not_yet_accepted_is_not_passed_on(
    partner_a, partner_b, organisation_a, organisation_b, organisation_c
):
    referral = services.referral_create(
        actor=partner_a,
        from_organisation=organisation_a,
        to_organisation=organisation_b,
        question="Vraag",
        consent_given=True,
        also_share_with=[organisation_c],
        receiver_may_pass_on=True,
        alias="Jo",
    )
    with pytest.raises(services.NetwerkError, match="Accept the referral first"):
        services.referral_pass_on(
            referral=referral, actor=partner_b, to_organisation=organisation_c
        )


def test_a_withdrawn_consent_stops_the_passing_on_at_once(
    client, onward, first, partner_a, partner_b, partner_c, organisation_c
):
    services.consent_withdraw(consent=first.consent, actor=partner_a)
    # C (further down the chain) no longer reads the intake; B cannot pass it on any more.
    client.force_login(partner_c)
    page = client.get(onward.get_absolute_url())
    assert page.status_code == 200
    assert "Zoekt een plek" not in page.text and "Mila" not in page.text
    # C declines, so that only the withdrawal stands in the way of passing on to C again.
    services.referral_decline(referral=onward, actor=partner_c, reason="Geen plaats.")
    with pytest.raises(services.NetwerkError, match="withdrew their consent"):
        services.referral_pass_on(referral=first, actor=partner_b, to_organisation=organisation_c)
    client.force_login(partner_b)
    response = client.post(
        reverse("netwerk:referral_pass_on", args=[first.pk]),
        {"to_organisation": organisation_c.pk},
    )
    assert response.status_code == 400
    assert "withdrew their consent" in response.text
    assert Referral.objects.filter(parent=first).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_and_a_passing_on_at_once_never_both_win(
    partner_a, partner_b, organisation_a, organisation_b, organisation_c
):
    """Real threads: B passes on while A records the withdrawal. Either the passing on came
    first (then the withdrawal hides it at once) or it is refused; never a referral created
    after the withdrawal. The pass-on holds the consent's row lock while it decides."""
    referral = services.referral_create(
        actor=partner_a,
        from_organisation=organisation_a,
        to_organisation=organisation_b,
        question="Vraag",
        consent_given=True,
        also_share_with=[organisation_c],
        receiver_may_pass_on=True,
        alias="Jo",
    )
    services.referral_accept(referral=referral, actor=partner_b)
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def pass_on():
        try:
            barrier.wait()
            with translation.override("en"):  # a thread starts in the default language
                services.referral_pass_on(
                    referral=referral, actor=partner_b, to_organisation=organisation_c
                )
        except services.NetwerkError as error:
            errors.append(error)
        finally:
            close_old_connections()

    def withdraw():
        try:
            barrier.wait()
            services.consent_withdraw(consent=referral.consent, actor=partner_a)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=pass_on), threading.Thread(target=withdraw)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    onward = Referral.objects.filter(parent=referral).first()
    if onward is None:
        assert errors and "withdrew" in str(errors[0].message)
    else:
        # The passing on committed first: the withdrawal, waiting for it, saw the new referral
        # and wrote the stop into its history too.
        assert not errors
        # (threads do not share the test's language: look for the withdrawer, not the words)
        assert onward.events.filter(by=partner_a).exists()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_referral_page_costs_the_same_with_a_short_or_long_chain(
    client, first, partner_b, partner_c, organisation_b, organisation_c, organisation_d
):
    """The chain is one query, however long."""
    onward = services.referral_pass_on(
        referral=first, actor=partner_b, to_organisation=organisation_c
    )
    client.force_login(partner_c)
    url = onward.get_absolute_url()
    client.get(url)
    short = _count(client, url)
    for _ in range(4):
        services.referral_decline(referral=onward, actor=partner_c, reason="Geen plaats.")
        onward = services.referral_pass_on(
            referral=first, actor=partner_b, to_organisation=organisation_c
        )
    assert len(selectors.referral_chain(referral=onward)) == 6
    assert _count(client, url) == short
