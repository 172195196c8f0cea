"""The public request form: works without an account, calm messages for bad input, and spam and
floods are stopped without a third-party captcha (rate limit, honeypot, minimum fill time)."""

import datetime as dt
import time
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from ervaringsdeskundigen.guard import FORM_SALT
from ervaringsdeskundigen.models import ExpertRequest
from ervaringsdeskundigen.views import public
from huis.notifications.models import Notification

from .factories import theme, work_kind

pytestmark = pytest.mark.django_db

URL = reverse("ervaringsdeskundigen:request_create")


def _started(seconds_ago: float = 30) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=FORM_SALT)


def _data(**extra):
    day = timezone.localdate() + dt.timedelta(days=20)
    data = {
        "organisation_name": "GO! Atheneum Zeestad",
        "contact_name": "Leen",
        "contact_email": "leen@atheneum.example",
        "work_kind": work_kind().pk,
        "themes": [theme("depressie").pk],
        "date": day.isoformat(),
        "time": "10:00",
        "duration_minutes": "100",
        "place": "Aula, Stationsstraat 1",
        "audience": "Leerlingen zesde jaar",
        "audience_size": "60",
        "experts_wanted": "2",
        "fee": "150",
        "started": _started(),
        "website": "",
    }
    data.update(extra)
    return data


def test_an_organisation_files_a_request_and_follows_it(client):
    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="website"' in page.text  # the honeypot is there, hidden
    response = client.post(URL, _data())
    assert response.status_code == 302
    request = ExpertRequest.objects.get()
    assert request.experts_wanted == 2
    assert request.status == "new"
    assert list(request.themes.values_list("slug", flat=True)) == ["depressie"]
    assert timezone.localtime(request.starts_at).hour == 10
    follow = client.get(response.url)
    assert "GO! Atheneum Zeestad" in follow.text
    mail = Notification.objects.get(kind="experts_request_received")
    assert mail.email == "leen@atheneum.example"
    # The link in the email opens the same request. (It is signed with the moment it was made,
    # so it need not be the very same text as the redirect's when a second has passed.)
    emailed = urlsplit(mail.context["follow_url"]).path
    assert emailed.startswith("/ervaringsdeskundigen/aanvraag/volgen/")
    assert "GO! Atheneum Zeestad" in client.get(emailed).text


def test_a_period_instead_of_a_fixed_day(client):
    start = timezone.localdate() + dt.timedelta(days=30)
    data = _data(
        date="",
        time="",
        window_from=start.isoformat(),
        window_until=(start + dt.timedelta(days=14)).isoformat(),
    )
    assert client.post(URL, data).status_code == 302
    request = ExpertRequest.objects.get()
    assert request.starts_at is None
    assert request.window_from == start


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": "", "time": ""}, "date"),
        ({"time": ""}, "time"),
        ({"date": "2020-01-01"}, "date"),
        ({"experts_wanted": "0"}, "experts_wanted"),
        ({"contact_email": "geen-adres"}, "contact_email"),
        ({"fee": "-5"}, "fee"),
        ({"audience_size": "0"}, "audience_size"),
        ({"contact_phone": "<script>alert(1)</script>"}, "contact_phone"),
        # A control character never reaches the form: the input guard answers 400 first.
        ({"contact_phone": "bel me maar"}, "contact_phone"),
        (
            {"date": "", "time": "", "window_from": "2030-02-10", "window_until": "2030-02-01"},
            "window_until",
        ),
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, change, field):
    response = client.post(URL, _data(**change))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "GO! Atheneum Zeestad" in response.text
    assert not ExpertRequest.objects.exists()


def test_the_honeypot_and_the_minimum_time_stop_robots(client):
    assert client.post(URL, _data(website="http://spam.example")).status_code == 400
    assert client.post(URL, _data(started=_started(seconds_ago=1))).status_code == 400
    assert client.post(URL, _data(started="forged")).status_code == 400
    assert not ExpertRequest.objects.exists()
    assert not Notification.objects.exists()


def test_a_flood_from_one_address_is_stopped(client, monkeypatch):
    monkeypatch.setattr(public, "REQUEST_RATE", "3/h")
    statuses = [
        client.post(URL, _data(contact_email=f"x{n}@a.example")).status_code for n in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert ExpertRequest.objects.count() == 3
    other = client.post(URL, _data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_a_broken_follow_link_says_so(client, t):
    response = client.get(reverse("ervaringsdeskundigen:follow", args=["kapot"]))
    assert response.status_code == 404
    assert t("This link is not valid. Check that you copied all of it.") in response.text


def test_the_signed_link_forms_are_rate_limited_too(client, monkeypatch):
    monkeypatch.setattr(public, "LINK_RATE", "2/h")
    url = reverse("ervaringsdeskundigen:proposal_accept", args=["kapot"])
    assert [client.post(url).status_code for _ in range(3)] == [404, 404, 429]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("0470 12 34 56", "+32470123456"),
        ("0470/12.34.56", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0032 9 210 10 10", "+3292101010"),
        ("", ""),
    ],
)
def test_phone_numbers_written_any_common_way_are_stored_one_way(client, written, stored):
    assert client.post(URL, _data(contact_phone=written)).status_code == 302
    assert ExpertRequest.objects.get().contact_phone == stored


def test_a_bad_phone_number_or_audience_says_what_is_wrong(client, t):
    response = client.post(URL, _data(contact_phone="<script>", audience_size="0"))
    assert response.status_code == 400
    assert t("This is not a phone number we can use. Write it like 0470 12 34 56.") in response.text
    assert t("How many people come? Give a number of 1 or more.") in response.text
    assert "&lt;script&gt;" in response.text  # what was typed is kept, escaped
    assert not ExpertRequest.objects.exists()


def test_a_form_opened_hours_ago_expires_and_keeps_what_was_typed(client, t, settings):
    old = _started(seconds_ago=5 * 60 * 60)
    response = client.post(URL, _data(started=old))
    assert response.status_code == 400
    assert (
        t("This form was open for a long time. Check what you filled in and send it again.")
        in response.text
    )
    assert "GO! Atheneum Zeestad" in response.text
    assert not ExpertRequest.objects.exists()
    # The form comes back with a fresh start time: sending it again works.
    fresh = response.context["form"].data["started"]
    assert fresh != old
    settings.EXPERTS_REQUEST_MIN_SECONDS = 0
    assert client.post(URL, _data(started=fresh)).status_code == 302
    assert ExpertRequest.objects.count() == 1


def test_one_opened_form_cannot_be_replayed_from_many_addresses(client, t):
    """One signed start time filed 263 requests from different addresses (issue 20): now it
    files a few (sending again after the back button), then says so kindly."""
    started = _started()
    statuses = [
        client.post(
            URL,
            _data(started=started, contact_email=f"x{n}@a.example"),
            REMOTE_ADDR=f"10.0.1.{n}",
        ).status_code
        for n in range(5)
    ]
    assert statuses == [302, 302, 302, 400, 400]
    assert ExpertRequest.objects.count() == 3
    refused = client.post(URL, _data(started=started), REMOTE_ADDR="10.0.1.99")
    assert refused.status_code == 400
    assert (
        t(
            "This form was already sent a few times. If you want to ask for something else, check "
            "what you filled in and send it again."
        )
        in refused.text
    )
    assert "GO! Atheneum Zeestad" in refused.text
    assert refused.context["form"].data["started"] != started
