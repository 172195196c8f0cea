"""A refusal of the public request form never loses what was typed and says what to do
(issue 22): the minimum fill time asks to wait a few seconds, the hourly limit says how long to
wait, and tries the form refuses do not count against that limit."""

import pytest
from django.utils import translation

from ervaringsdeskundigen.models import ExpertRequest
from ervaringsdeskundigen.views import public

from .test_request_form import URL, _data, _started

pytestmark = pytest.mark.django_db


def nl(singular: str, plural: str | None = None, n: int = 1) -> str:
    with translation.override("nl"):
        if plural:
            return translation.ngettext(singular, plural, n)
        return translation.gettext(singular)


def test_too_fast_says_wait_a_few_seconds_and_keeps_the_text(client):
    response = client.post(URL, _data(started=_started(seconds_ago=1)))
    assert response.status_code == 400
    assert (
        nl(
            "The form was sent very quickly after it opened. What you typed is kept: wait a few "
            "seconds and send it again."
        )
        in response.content.decode()
    )
    form = response.context["form"]
    assert form.data["organisation_name"] == "GO! Atheneum Zeestad"
    assert 'value="GO! Atheneum Zeestad"' in response.content.decode()
    # The summary at the top of the page says it, and the title starts with "Fout:".
    assert "<title>Fout:" in response.content.decode()
    assert not ExpertRequest.objects.exists()


def test_invalid_tries_do_not_count_and_the_limit_says_how_long_to_wait(client, monkeypatch):
    monkeypatch.setattr(public, "REQUEST_RATE", "2/h")
    # Five tries with a mistake: each comes back with its message, none counts.
    for _ in range(5):
        assert client.post(URL, _data(contact_email="geen-adres")).status_code == 400
    # So two real requests still go through.
    assert client.post(URL, _data(contact_email="a@a.example")).status_code == 302
    assert client.post(URL, _data(contact_email="b@a.example")).status_code == 302
    # The third comes back filled in, with the minutes to wait (not "a minute").
    refused = client.post(URL, _data(contact_email="c@a.example"))
    assert refused.status_code == 429
    text = refused.content.decode()
    assert 'value="c@a.example"' in text
    minutes = int(refused["Retry-After"]) // 60
    assert 1 <= minutes <= 60
    message = nl(
        "You sent several requests in a short time. What you typed is kept: send it again in "
        "%(minutes)d minute.",
        "You sent several requests in a short time. What you typed is kept: send it again in "
        "%(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    assert message in text
    assert ExpertRequest.objects.count() == 2


def test_an_invalid_email_is_named_not_the_email_or_phone_rule(client):
    from tests.factories import ActivityFactory

    activity = ActivityFactory(title="Samen koken", capacity=5)
    response = client.post(
        f"/agenda/{activity.pk}-{activity.slug}/inschrijven/",
        {"name": "Gert", "email": "gert@", "phone": ""},
    )
    text = response.content.decode()
    assert response.status_code == 400
    with translation.override("nl"):
        assert translation.gettext("Give an email address or a phone number.") not in text
    assert 'id="id_email_error"' in text
    assert 'aria-describedby="id_email_helptext id_email_error"' in text
