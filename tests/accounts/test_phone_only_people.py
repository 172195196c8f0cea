"""People without an email address (issue #25): an import keeps phone-only rows (Belgian
numbers, normalised as huis.core.phone does), makes them an account without email, and texts
them a link that logs them in once (through the fake Twilio and the short link)."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from huis.accounts import imports, phone_login
from huis.accounts.models import ImportBatch, User
from huis.audit.models import AuditEntry
from huis.notifications.services import notifications_send_due
from tests.notifications.conftest import _fresh_budget_count, twilio  # noqa: F401

pytestmark = pytest.mark.django_db

SHORT = re.compile(re.escape(settings.SITE_URL) + r"/k/([0-9A-Z]{12})")
FILE = (
    b"naam;e-mail;gsm;taal\n"
    b"Els;els@example.org;;nl\n"
    b"Gert;;0470/12.34.56;nl\n"
    b"Fatima;;+32 471 22 33 44;fr\n"
    b"Vaste lijn;;09 223 45 67;nl\n"
    b"Fout nummer;;12;nl\n"
    b"Gert opnieuw;;0032470123456;nl\n"
)


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def _import(client, *, invite: bool) -> ImportBatch:
    upload = SimpleUploadedFile("bezoekers.csv", FILE)
    response = client.post(reverse("people:import"), {"file": upload, "invite": str(int(invite))})
    assert response.status_code == 302
    return ImportBatch.objects.latest("pk")


def test_phone_only_rows_are_imported_and_the_page_says_how_each_is_reached(as_role, staff):
    client = as_role("staff")
    batch = _import(client, invite=False)
    assert imports.counts(batch) == {"create": 4, "update": 0, "skip": 2}
    by_line = {row["line"]: row for row in batch.rows}
    assert by_line[3]["phone"] == "+32470123456" and by_line[3]["reach"] == "sms"
    assert by_line[2]["reach"] == "email" and by_line[5]["reach"] == "none"  # a landline
    assert by_line[6]["reason"] == nl("Invalid phone number.")
    assert by_line[7]["action"] == "skip"  # the same number, written differently
    page = client.get(reverse("people:import_batch", kwargs={"pk": batch.pk})).content.decode()
    assert nl("by text message") in page and nl("not reachable") in page

    client.post(reverse("people:import_commit", kwargs={"pk": batch.pk}))
    gert = User.objects.get(phone="+32470123456")
    assert gert.email == "" and gert.reach == "sms" and not gert.has_usable_password()
    assert User.objects.filter(email="").count() == 3  # several people without an address

    people = as_role("coordinator").get(reverse("people:list")).content.decode()
    assert nl("People without an email address") in people and "Gert" in people
    person = as_role("coordinator").get(reverse("people:person", kwargs={"pk": gert.pk}))
    assert nl("Send a login link by text message") in person.content.decode()


def test_the_login_link_by_text_message_logs_in_once(as_role, staff, twilio, client):  # noqa: F811
    batch = _import(as_role("staff"), invite=True)
    imports.import_commit(batch=batch, actor=staff)
    notifications_send_due()
    assert twilio.to("+32470123456") and twilio.to("+32471223344")
    (message,) = twilio.to("+32470123456")
    assert "Gert" in message.body and len(message.body) <= 160
    assert not twilio.to("+3292234567")  # a landline gets no text message
    assert "Bonjour" in twilio.to("+32471223344")[0].body  # in the person's language

    code = SHORT.search(message.body).group(1)
    client.logout()
    page = client.get(reverse("short_link", args=[code]), follow=True)
    assert page.status_code == 200 and nl("Press the button to log in. The link works once.") in (
        page.content.decode()
    )
    token = page.resolver_match.kwargs["token"]
    url = reverse("accounts:phone_login", kwargs={"token": token})
    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("account_email")
    gert = User.objects.get(phone="+32470123456")
    assert int(client.session["_auth_user_id"]) == gert.pk
    assert AuditEntry.objects.filter(action="accounts.phone_login_used").count() == 1

    client.logout()
    again = client.post(url)  # used up: logging in changed what the link carries
    assert again.status_code == 400
    assert nl("This link was already used. Ask the house to send you a new one.") in (
        again.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_staff_send_a_new_login_link_from_the_person_page(as_role, twilio):  # noqa: F811
    person = User.objects.create_user(email=None, display_name="Gert", phone="+32470123456")
    client = as_role("coordinator")
    response = client.post(reverse("people:person_phone_login", kwargs={"pk": person.pk}))
    assert response.status_code == 302
    notifications_send_due()
    assert len(twilio.to("+32470123456")) == 1
    assert AuditEntry.objects.filter(action="accounts.phone_login_sent", subject_id=person.pk)

    landline = User.objects.create_user(email=None, display_name="Vast", phone="+3292234567")
    refused = client.post(reverse("people:person_phone_login", kwargs={"pk": landline.pk}))
    assert refused.status_code == 400


def test_a_forged_login_link_is_a_400(client):
    url = reverse("accounts:phone_login", kwargs={"token": "forged"})
    assert client.get(url).status_code == 400
    person = User.objects.create_user(email=None, display_name="Gert", phone="+32470123456")
    good = reverse("accounts:phone_login", kwargs={"token": phone_login.login_token(person)})
    assert client.get(good).status_code == 200  # a GET logs nobody in (link previews)
    assert "_auth_user_id" not in client.session


def test_the_people_page_costs_the_same_queries_at_two_sizes(as_role, organisation_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MembershipFactory

    client = as_role("coordinator")
    url = reverse("people:list")

    def grow(n: int) -> int:
        for i in range(n):
            MembershipFactory(organisation=organisation_a, user__phone=f"+32470000{i:03d}")
            User.objects.create_user(email=None, display_name=f"Gsm {i}", phone=f"+3247111{i:04d}")
        client.get(url)  # warm the per-process caches (roles, versions)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert grow(2) == grow(20)


def test_no_login_link_for_someone_with_an_email_address(as_role, staff, twilio):  # noqa: F811
    staff.phone = "+32470123456"
    staff.save(update_fields=["phone"])
    url = reverse("people:person_phone_login", kwargs={"pk": staff.pk})
    refused = as_role("coordinator").post(url)
    assert refused.status_code == 400
    assert nl("This person logs in with their email address.") in refused.content.decode()
