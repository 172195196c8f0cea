"""Consent: recorded as immutable rows, withdrawn with one button, and anonymous means anonymous."""

import re

import pytest
from django.conf import settings
from django.db import DatabaseError, transaction
from django.urls import reverse

from beeldvorming import services
from beeldvorming.models import ConsentRecord
from beeldvorming.models import Testimony as Story  # not Test*: pytest would try to collect it
from beeldvorming.services import CONSENT_TEXT_VERSION, BeeldvormingError
from tests.factories import TestimonyFactory as StoryFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_author(db):
    """An author whose name and email must never reach a public page."""
    return UserFactory(
        display_name="Zwanhilde Verstraeten",
        email="zwanhilde.verstraeten@test.example",
        roles=["visitor"],
    )


def _public_pages(client, story) -> dict[str, str]:
    # In English, so the assertions do not depend on the Dutch catalog.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return {
        "list": client.get(reverse("verhalen:list")).text,
        "detail": client.get(reverse("verhalen:detail", args=[story.pk])).text,
        "feed": client.get(reverse("verhalen:feed")).text,
        "home": client.get(reverse("beeldvorming:home")).text,
    }


def test_an_anonymous_story_never_shows_its_author_anywhere(client, hidden_author):
    story = StoryFactory(author=hidden_author, attribution="anonymous", published=True)
    pages = _public_pages(client, story)
    for name, html in pages.items():
        assert story.title in html, name
        assert "Zwanhilde" not in html, name
        assert "Verstraeten" not in html, name
        assert "zwanhilde" not in html.lower(), name
        assert f"/profiel/{hidden_author.pk}" not in html, name
    # The feed carries no author element at all for an anonymous story.
    assert "<author>" not in pages["feed"]
    assert "anonymous" in pages["detail"]


def test_an_anonymous_story_is_anonymous_for_logged_in_visitors_too(client, hidden_author, visitor):
    story = StoryFactory(author=hidden_author, attribution="anonymous", published=True)
    client.force_login(visitor)
    for name, html in _public_pages(client, story).items():
        assert "Zwanhilde" not in html, name


def test_a_first_name_story_shows_only_the_chosen_name(client, hidden_author):
    story = StoryFactory(
        author=hidden_author, attribution="first_name", shown_name="Zwaan", published=True
    )
    pages = _public_pages(client, story)
    for name in ("list", "detail", "home"):
        assert "Told by Zwaan" in pages[name]
    assert "<name>Zwaan</name>" in pages["feed"]
    for html in pages.values():
        assert "Verstraeten" not in html
        assert hidden_author.email not in html


def test_withdrawing_consent_takes_the_story_offline_at_once(client, visitor):
    story = StoryFactory(
        author=visitor, attribution="first_name", shown_name="Vera", published=True
    )
    assert story.title in client.get(reverse("verhalen:list")).text

    client.force_login(visitor)
    my_page = client.get(reverse("beeldvorming:my_stories")).text
    # One button on "my stories".
    assert f'action="{reverse("beeldvorming:story_withdraw", args=[story.pk])}"' in my_page
    response = client.post(reverse("beeldvorming:story_withdraw", args=[story.pk]))
    assert response.status_code == 302
    client.logout()

    assert story.title not in client.get(reverse("verhalen:list")).text
    assert client.get(reverse("verhalen:detail", args=[story.pk])).status_code == 404
    assert story.title not in client.get(reverse("verhalen:feed")).text
    assert story.title not in client.get(reverse("beeldvorming:home")).text

    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN
    assert story.published_at is None
    actions = list(story.consent_records.values_list("action", flat=True))
    assert actions == [ConsentRecord.Action.GIVEN, ConsentRecord.Action.WITHDRAWN]
    assert story.consent.action == ConsentRecord.Action.WITHDRAWN
    assert story.consent.person == visitor


def test_someone_else_cannot_withdraw_or_see_a_story(client, own_story, visitor_b):
    client.force_login(visitor_b)
    assert (
        client.post(reverse("beeldvorming:story_withdraw", args=[own_story.pk])).status_code == 404
    )
    own_story.refresh_from_db()
    assert own_story.status == Story.Status.PUBLISHED
    assert own_story.title not in client.get(reverse("beeldvorming:my_stories")).text


def test_a_withdrawn_story_cannot_be_published_by_staff(own_story, staff):
    services.testimony_withdraw_consent(testimony=own_story, actor=own_story.author)
    with pytest.raises(BeeldvormingError):
        services.testimony_publish(testimony=own_story, actor=staff)


def test_giving_consent_again_sends_the_story_back_to_review(client, own_story, staff):
    author = own_story.author
    services.testimony_withdraw_consent(testimony=own_story, actor=author)
    client.force_login(author)
    response = client.post(
        reverse("beeldvorming:story_consent", args=[own_story.pk]),
        {"attribution": "anonymous", "shown_name": "Vera", "agree": "on"},
    )
    assert response.status_code == 302
    own_story.refresh_from_db()
    assert own_story.status == Story.Status.SUBMITTED
    assert own_story.consent.attribution == "anonymous"
    assert own_story.consent.shown_name == ""
    assert own_story.consent_records.count() == 3
    assert client.get(reverse("verhalen:detail", args=[own_story.pk])).status_code == 404
    services.testimony_publish(testimony=own_story, actor=staff)
    assert client.get(reverse("verhalen:detail", args=[own_story.pk])).status_code == 200


def test_writing_a_story_records_who_when_which_text_and_what_for(client, visitor):
    client.force_login(visitor)
    response = client.post(
        reverse("beeldvorming:story_create"),
        {
            "title": "Mijn weg",
            "body": "Het ging niet goed. Nu wel.",
            "attribution": "anonymous",
            # A name typed by mistake is not kept for an anonymous story.
            "shown_name": "Vera",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    story = Story.objects.get(title="Mijn weg")
    assert story.status == Story.Status.SUBMITTED
    record = story.consent_records.get()
    assert record.person == visitor
    assert record.created_at is not None
    assert record.text_version == CONSENT_TEXT_VERSION
    assert record.purpose == ConsentRecord.Purpose.WEBSITE
    assert record.attribution == "anonymous"
    assert record.shown_name == ""
    # Not public before staff publish it.
    assert client.get(reverse("verhalen:detail", args=[story.pk])).status_code == 404


def test_without_agreeing_nothing_is_saved(client, visitor):
    client.force_login(visitor)
    response = client.post(
        reverse("beeldvorming:story_create"),
        {"title": "Mijn weg", "body": "Tekst", "attribution": "anonymous"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["agree"]
    assert not Story.objects.exists()


def test_a_name_is_needed_when_publishing_with_a_name(client, visitor):
    client.force_login(visitor)
    response = client.post(
        reverse("beeldvorming:story_create"),
        {"title": "T", "body": "B", "attribution": "name", "shown_name": " ", "agree": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["shown_name"]
    assert not Story.objects.exists()


def test_consent_records_cannot_be_changed(own_story):
    record = own_story.consent
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.filter(pk=record.pk).update(shown_name="Iemand anders")
    record.refresh_from_db()
    assert record.shown_name == "Vera"


def test_the_database_refuses_a_name_on_an_anonymous_consent(own_story):
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.create(
            testimony=own_story,
            person=own_story.author,
            action="given",
            purpose="website",
            attribution="anonymous",
            shown_name="Vera",
            text_version=CONSENT_TEXT_VERSION,
        )


def test_staff_publish_and_take_offline_with_a_note(client, staff, visitor):
    story = StoryFactory(author=visitor, attribution="anonymous")
    client.force_login(staff)
    review = client.get(reverse("beeldvorming:review_detail", args=[story.pk])).text
    assert story.title in review
    client.post(reverse("beeldvorming:review_publish", args=[story.pk]))
    assert client.get(reverse("verhalen:detail", args=[story.pk])).status_code == 200
    client.post(
        reverse("beeldvorming:review_decline", args=[story.pk]),
        {"note": "Er staat een naam van je buur in."},
    )
    assert client.get(reverse("verhalen:detail", args=[story.pk])).status_code == 404
    client.force_login(visitor)
    assert (
        "Er staat een naam van je buur in." in client.get(reverse("beeldvorming:my_stories")).text
    )


def test_changing_a_published_story_takes_it_back_to_review(client, own_story):
    client.force_login(own_story.author)
    client.post(
        reverse("beeldvorming:story_edit", args=[own_story.pk]),
        {"title": "Nieuwe titel", "body": "Nieuwe tekst"},
    )
    own_story.refresh_from_db()
    assert own_story.title == "Nieuwe titel"
    assert own_story.status == Story.Status.SUBMITTED
    assert client.get(reverse("verhalen:detail", args=[own_story.pk])).status_code == 404


def test_public_story_pages_have_no_inline_script_or_style(client, own_story):
    for url in (reverse("verhalen:list"), reverse("verhalen:detail", args=[own_story.pk])):
        html = client.get(url).text
        assert "<script" not in html
        assert not re.search(r"\sstyle=", html)
