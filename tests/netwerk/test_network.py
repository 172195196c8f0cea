"""Consent, who sees a referral, withdrawal, handover, charter versions, the evaluation sweep,
the vendored map library and the map's tile setting."""

import datetime as dt
import filecmp
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from huis.notifications.services import notifications_send_due
from netwerk import selectors, services
from netwerk.models import Consent, GuidanceAgreement, GuidanceHandover, Referral
from netwerk.services import NetwerkError
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Consent ---------------------------------------------------------------------------------


def test_no_referral_without_consent(partner_a, organisation_a, organisation_b):
    with pytest.raises(NetwerkError, match="consent"):
        services.referral_create(
            actor=partner_a,
            from_organisation=organisation_a,
            to_organisation=organisation_b,
            question="Vraag",
            consent_given=False,
            alias="Mila",
        )
    assert not Referral.objects.exists()


def test_the_form_refuses_without_consent_and_shares_nothing(as_role, organisation_b):
    client = as_role("partner_a")
    response = client.post(
        reverse("netwerk:referral_create"),
        {"alias": "Mila", "question": "Vraag", "to_organisation": organisation_b.pk},
    )
    assert response.status_code == 200
    assert "Without it, nothing is shared" in response.text
    assert not Referral.objects.exists()


def test_consent_rows_are_immutable_in_the_database(referral):
    with pytest.raises(Exception, match="immutable"), transaction.atomic():
        Consent.objects.filter(pk=referral.consent_id).update(scope="changed")


def test_withdrawal_stops_sharing_with_the_receiver_at_once(
    referral, as_role, partner_a, partner_b
):
    receiver = as_role("partner_b")
    assert "Mila" in receiver.get(referral.get_absolute_url()).text
    assert "Mila" in receiver.get(reverse("netwerk:referral_list")).text
    services.consent_withdraw(consent=referral.consent, actor=partner_a)
    page = receiver.get(referral.get_absolute_url()).text
    assert "Mila" not in page and "0470 12 34 56" not in page
    assert "Zoekt een plek om te wonen" not in page
    assert "Mila" not in receiver.get(reverse("netwerk:referral_list")).text
    with pytest.raises(NetwerkError):
        services.referral_accept(referral=referral, actor=partner_b)
    # The organisation that registered the person still has its own record.
    assert "Mila" in as_role("partner_a").get(referral.get_absolute_url()).text


def test_withdrawing_twice_is_refused(referral, partner_a):
    services.consent_withdraw(consent=referral.consent, actor=partner_a)
    with pytest.raises(NetwerkError):
        services.consent_withdraw(consent=referral.consent, actor=partner_a)


def test_consent_is_active_selector(referral, partner_a):
    assert selectors.consent_is_active(referral.consent)
    services.consent_withdraw(consent=referral.consent, actor=partner_a)
    assert not selectors.consent_is_active(Consent.objects.get(pk=referral.consent_id))


# --- Who sees a referral ------------------------------------------------------------------------


def test_a_third_partner_never_sees_the_referral(referral, client):
    third = OrganisationFactory(name="Partner C", slug="partner-c")
    worker = UserFactory(roles=["partner_worker"])
    MembershipFactory(user=worker, organisation=third)
    client.force_login(worker)
    assert client.get(referral.get_absolute_url()).status_code == 404
    for box in ("in", "out", "all"):
        page = client.get(reverse("netwerk:referral_list"), {"lijst": box})
        assert "Mila" not in page.text and page.context["rows"] == []


def test_coordinators_follow_the_referral_but_not_the_person(referral, as_role):
    page = as_role("coordinator").get(referral.get_absolute_url())
    assert page.status_code == 200
    assert page.context["show_person"] is False
    assert "Mila" not in page.text and "Zoekt een plek" not in page.text


def test_every_read_of_a_referral_is_audited(referral, as_role, partner_b):
    as_role("partner_b").get(referral.get_absolute_url())
    entry = AuditEntry.objects.filter(action=services.REFERRAL_VIEWED).get()
    assert entry.actor_id == partner_b.pk and entry.object_id == str(referral.pk)
    assert entry.subject_id is None  # the Person is not an account: no user is named wrongly


def test_in_dutch_the_receiver_is_labelled_naar_not_tot(referral, as_role, settings):
    """The word "To" reads "Tot" (a date) elsewhere; here it names the receiving partner."""
    client = as_role("partner_a")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = client.get(referral.get_absolute_url(), headers={"accept-language": "nl"})
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert f'>Naar</dt><dd class="col-sm-8">{referral.to_organisation.name}' in text
    assert ">Tot</dt>" not in text


def test_receiver_accepts_starts_closes_and_both_see_the_history(referral, partner_b, as_role):
    services.referral_accept(referral=referral, actor=partner_b)
    services.referral_start(referral=referral, actor=partner_b)
    services.referral_close(referral=referral, actor=partner_b, note="Geholpen.")
    referral.refresh_from_db()
    assert referral.status == "closed" and referral.closed_at is not None
    assert [e.to_status for e in referral.events.all()] == [
        "sent",
        "accepted",
        "in_progress",
        "closed",
    ]
    assert "Geholpen." in as_role("partner_a").get(referral.get_absolute_url()).text


def test_decline_needs_a_reason_and_only_the_receiver_answers(referral, partner_a, partner_b):
    with pytest.raises(NetwerkError):
        services.referral_decline(referral=referral, actor=partner_b, reason=" ")
    with pytest.raises(NetwerkError):
        services.referral_accept(referral=referral, actor=partner_a)
    services.referral_decline(referral=referral, actor=partner_b, reason="Geen plaats.")
    with pytest.raises(NetwerkError):
        services.referral_accept(referral=referral, actor=partner_b)


# --- Guidance and handover --------------------------------------------------------------------


def test_the_database_refuses_a_guidance_shorter_than_six_months(guidance):
    with pytest.raises(IntegrityError), transaction.atomic():
        GuidanceAgreement.objects.filter(pk=guidance.pk).update(
            ends_on=guidance.starts_on + dt.timedelta(days=150)
        )


def test_the_service_refuses_a_short_guidance(partner_a, organisation_a, person):
    today = timezone.localdate()
    with pytest.raises(NetwerkError, match="six months"):
        services.guidance_create(
            actor=partner_a,
            person=person,
            lead_organisation=organisation_a,
            starts_on=today,
            ends_on=today + dt.timedelta(days=100),
        )


def test_lead_withdraws_guidance_waits_and_is_handed_over(
    guidance, partner_a, organisation_a, organisation_b, coordinator, as_role
):
    services.guidance_leave(
        agreement=guidance, organisation=organisation_a, actor=partner_a, reason="Geen tijd."
    )
    assert list(selectors.guidance_without_lead(user=coordinator)) == [guidance]
    assert "Mila" in as_role("coordinator").get(reverse("netwerk:guidance_without_lead")).text
    services.guidance_hand_over(
        agreement=guidance,
        to_organisation=organisation_b,
        actor=coordinator,
        reason="B neemt over.",
    )
    guidance.refresh_from_db()
    assert guidance.lead_organisation == organisation_b
    handover = GuidanceHandover.objects.get()
    assert (handover.from_organisation, handover.to_organisation, handover.by) == (
        organisation_a,
        organisation_b,
        coordinator,
    )
    assert not selectors.guidance_without_lead(user=coordinator).exists()


def test_an_organisation_leaving_the_network_leaves_its_guidance_without_lead(
    guidance, referral, organisation_a, organisation_b, coordinator, partner_a
):
    counts = services.organisation_leave_network(
        organisation=organisation_a, actor=coordinator, reason="Stopt."
    )
    assert counts["led"] == 1
    assert list(selectors.guidance_without_lead(user=coordinator)) == [guidance]
    guidance.refresh_from_db()
    assert guidance.previous_lead_organisation == organisation_a
    # Its workers lose access at once.
    partner_a._organisation_ids = None
    del partner_a._organisation_ids
    assert not selectors.referrals_for(user=partner_a).exists()


def test_leaving_declines_the_referrals_it_did_not_answer(referral, organisation_b, coordinator):
    services.organisation_leave_network(
        organisation=organisation_b, actor=coordinator, reason="Stopt."
    )
    referral.refresh_from_db()
    assert referral.status == "declined" and referral.decline_reason


# --- Evaluations: planned, reminded by the sweep through the outbox ------------------------------


def test_evaluation_reminder_goes_out_once_through_the_real_sweep(
    guidance, partner_a, organisation_a
):
    from huis.accounts.models import Membership

    Membership.objects.filter(user=partner_a).update(function=Membership.Function.CONTACT)
    today = timezone.localdate()
    services.evaluation_plan(
        agreement=guidance, planned_on=today + dt.timedelta(days=3), actor=partner_a
    )
    services.evaluation_plan(
        agreement=guidance, planned_on=today + dt.timedelta(days=60), actor=partner_a
    )
    assert services.evaluations_remind_due() == 1
    assert services.evaluations_remind_due() == 0
    notifications_send_due()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [partner_a.email]
    assert guidance.get_absolute_url() in mail.outbox[0].body


def test_the_beat_runs_the_sweep():
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    assert any(entry["task"] == "netwerk.evaluations_remind" for entry in schedule.values())


# --- Charter versions -----------------------------------------------------------------------------


def test_a_new_version_asks_for_a_new_signature(
    charter, partner_a_contact, organisation_a, coordinator
):
    assert selectors.organisations_to_sign(user=partner_a_contact) == [organisation_a]
    services.charter_sign(actor=partner_a_contact, organisation=organisation_a, charter=charter)
    partner_a_contact.__dict__.pop("_netwerk_signing_ids", None)
    assert selectors.organisations_to_sign(user=partner_a_contact) == []
    newer = services.charter_publish(actor=coordinator, title="Charter", body="Nieuwe tekst.")
    assert newer.version == charter.version + 1
    assert selectors.organisations_to_sign(user=partner_a_contact) == [organisation_a]
    with pytest.raises(NetwerkError):
        services.charter_sign(actor=partner_a_contact, organisation=organisation_a, charter=charter)
    member = next(m for m in selectors.network_members() if m.organisation == organisation_a)
    assert member.signed_version == charter.version and not member.signed_current


def test_a_worker_who_is_not_contact_person_cannot_sign(charter, partner_a, organisation_a):
    with pytest.raises(NetwerkError):
        services.charter_sign(actor=partner_a, organisation=organisation_a, charter=charter)


def test_the_banner_shows_for_an_outdated_signature(charter, partner_a_contact, as_role):
    page = as_role("partner_a").get(reverse("netwerk:network"))
    assert reverse("netwerk:charter_sign") in page.text


# --- Welcoming places and the map ---------------------------------------------------------------


def test_public_list_filters_by_what_and_where(place, client):
    assert place.name in client.get(reverse("netwerk:place_list")).text
    assert place.name in client.get(reverse("netwerk:place_list"), {"wat": "sport"}).text
    assert place.name not in client.get(reverse("netwerk:place_list"), {"wat": "food"}).text
    assert place.name not in client.get(reverse("netwerk:place_list"), {"waar": "Brugge"}).text


def test_vendored_leaflet_is_identical_to_the_npm_package():
    base = Path(django_settings.BASE_DIR)
    source = base / "node_modules" / "leaflet" / "dist"
    vendored = base / "netwerk" / "static" / "netwerk" / "vendor" / "leaflet"
    assert source.is_dir(), "npm ci installs leaflet from package-lock.json"
    files = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file())
    assert files
    for name in files:
        assert filecmp.cmp(source / name, vendored / name, shallow=False), name


def test_no_tiles_and_no_other_host_without_a_tile_url(place, client):
    from huis.config.security import map_tile_source

    assert django_settings.MAP_TILE_URL == ""
    page = client.get(reverse("netwerk:place_map"))
    assert "http" not in page.context["map_config"]["tileUrl"]
    assert "img-src 'self' data:;" in page["Content-Security-Policy"]
    assert map_tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == (
        "https://*.tile.example.org"
    )
    assert map_tile_source("") == ""


def test_erasing_the_recording_workers_account_keeps_the_consent(referral, partner_a):
    from huis.accounts.models import User
    from netwerk.models import ConsentWithdrawal

    services.consent_withdraw(consent=referral.consent, actor=partner_a)
    User.objects.filter(pk=partner_a.pk).delete()
    consent = Consent.objects.get(pk=referral.consent_id)
    assert consent.recorded_by_id is None and consent.scope == referral.consent.scope
    assert ConsentWithdrawal.objects.get(consent=consent).recorded_by_id is None
