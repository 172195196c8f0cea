"""Coordinators write the pages' texts and news: preview, save, publish, versions and restore,
and visitors see the change at once, in their language or in Dutch marked as Dutch."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from huis.pages import services
from huis.pages.models import NewsItem, PageBlock, Revision

pytestmark = pytest.mark.django_db

WELCOME = "Everyone is welcome: people"


def _edit(client, key: str, action: str = "save", **bodies):
    data = {"body_nl": "", "body_fr": "", "body_en": "", "action": action, **bodies}
    return client.post(reverse("pages:block_edit", args=[key]), data)


def test_preview_shows_the_text_per_language_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    response = _edit(client, "home-welcome", "preview", body_nl="## Welkom\n\nKom **binnen**.")
    assert response.status_code == 200
    html = response.text
    assert "<h2>Welkom</h2>" in html and "<strong>binnen</strong>" in html
    # French and English not written: the preview shows the Dutch, marked as Dutch.
    assert html.count('<div class="preview-body" lang="nl">') == 3
    assert not PageBlock.objects.exists() and not Revision.objects.exists()


def test_a_coordinator_saves_publishes_and_the_home_page_shows_it_at_once(
    client, coordinator, django_capture_on_commit_callbacks
):
    visitor = client.__class__()
    assert WELCOME in visitor.get("/", HTTP_ACCEPT_LANGUAGE="en").text  # the page's own text
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client, "home-welcome", body_nl="Iedereen is welkom, ook jij.")
    assert response.status_code == 302
    block = PageBlock.objects.get(key="home-welcome")
    assert not block.is_published
    assert "Iedereen is welkom, ook jij." not in visitor.get("/").text

    with django_capture_on_commit_callbacks(execute=True):
        _edit(
            client,
            "home-welcome",
            "publish",
            body_nl="Iedereen is welkom, ook jij.",
            body_fr="Tout le monde est le bienvenu.",
        )
    visitor.cookies["django_language"] = "fr"
    html = visitor.get("/").text
    assert '<div class="page-block"><p>Tout le monde est le bienvenu.</p></div>' in html
    # No English yet: an English visitor reads the Dutch, marked as Dutch.
    visitor.cookies["django_language"] = "en"
    html = visitor.get("/").text
    assert '<div class="page-block" lang="nl"><p>Iedereen is welkom, ook jij.</p></div>' in html
    assert WELCOME not in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pages:block_unpublish", args=["home-welcome"]))
    assert WELCOME in visitor.get("/").text


def test_a_text_that_is_hard_to_use_shows_the_form_again_with_a_clear_sentence(client, coordinator):
    client.force_login(coordinator)
    response = _edit(
        client,
        "about",
        body_nl="Goed.",
        body_fr="## Titre\n\n#### Trop petit\n\n<script>alert(1)</script>",
    )
    assert response.status_code == 400
    assert "Een titel slaat een niveau over" in response.text
    assert "#### Trop petit" in response.text  # what was typed stays
    assert not PageBlock.objects.exists()
    response = _edit(client, "about", body_nl="![](/media/tuin.jpg) [](/agenda/)")
    assert "Elke afbeelding heeft een korte beschrijving nodig" in response.text
    assert "Elke link heeft een tekst nodig" in response.text


def test_the_service_refuses_what_the_form_refuses(coordinator):
    with pytest.raises(services.PagesError) as caught:
        services.block_save(
            key="about", texts=services.BlockTexts(body_nl="# Te groot"), actor=coordinator
        )
    assert caught.value.field == "body_nl"


def test_every_save_is_a_version_with_before_and_after_in_the_audit_and_can_be_restored(
    client, coordinator
):
    client.force_login(coordinator)
    _edit(client, "about", "publish", body_nl="Eerste versie.")
    _edit(client, "about", body_nl="Tweede versie.", body_en="Second version.")
    block = PageBlock.objects.get(key="about")
    first, second = block.revisions.order_by("created_at", "pk")
    assert first.texts["body_nl"] == "Eerste versie." and first.author == coordinator
    assert second.texts == {
        "body_nl": "Tweede versie.",
        "body_fr": "",
        "body_en": "Second version.",
    }
    entry = AuditEntry.objects.filter(action="pages.block.saved").order_by("pk").last()
    assert entry.data["changed"]["body_nl"] == {
        "before": "Eerste versie.",
        "after": "Tweede versie.",
    }

    history = client.get(reverse("pages:block_history", args=["about"])).text
    assert "Eerste versie." in history and "Tweede versie." in history
    response = client.post(reverse("pages:block_restore", args=["about", first.pk]))
    assert response.status_code == 302
    block.refresh_from_db()
    assert block.body_nl == "Eerste versie." and block.body_en == ""
    assert block.revisions.count() == 3
    restored = AuditEntry.objects.get(action="pages.block.restored")
    assert restored.data["changed"]["body_nl"]["after"] == "Eerste versie."
    assert "Eerste versie." in client.get(reverse("pages:about")).text


def test_a_version_of_another_text_cannot_be_restored(client, coordinator):
    client.force_login(coordinator)
    _edit(client, "about", body_nl="Over ons.")
    _edit(client, "home-what", body_nl="- koffie")
    other = PageBlock.objects.get(key="home-what").revisions.get()
    response = client.post(reverse("pages:block_restore", args=["about", other.pk]))
    assert response.status_code == 404


def _news(coordinator, title: str, days_ago: int, *, publish=True, **texts) -> NewsItem:
    return services.news_save(
        item=None,
        texts=services.NewsTexts(
            title_nl=title, date=timezone.localdate() - timedelta(days=days_ago), **texts
        ),
        publish=publish,
        actor=coordinator,
    )


def test_news_newest_first_the_latest_three_on_the_home_page_drafts_nowhere(client, coordinator):
    for number in range(1, 5):
        _news(coordinator, f"Bericht {number}", days_ago=number)
    draft = _news(coordinator, "Nog geheim", days_ago=0, publish=False)
    news_page = client.get(reverse("pages:news")).text
    assert [news_page.index(f"Bericht {n}") for n in range(1, 5)] == sorted(
        news_page.index(f"Bericht {n}") for n in range(1, 5)
    )
    assert "Nog geheim" not in news_page
    home = client.get("/").text
    assert all(f"Bericht {n}" in home for n in (1, 2, 3)) and "Bericht 4" not in home
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_news_item_in_french_or_in_dutch_marked_as_dutch(client, coordinator):
    item = _news(
        coordinator, "De tuin is open", 1, title_fr="Le jardin est ouvert", body_nl="Kom buiten."
    )
    client.cookies["django_language"] = "fr"
    html = client.get(item.get_absolute_url()).text
    assert "<h1>Le jardin est ouvert</h1>" in html
    assert '<div class="news-body" lang="nl"><p>Kom buiten.</p></div>' in html
    assert "Ce texte n’existe qu’en néerlandais." in html or "néerlandais" in html


def test_news_publish_unpublish_and_restore(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = client.post(
        reverse("pages:news_new"),
        {"date": timezone.localdate().isoformat(), "title_nl": "Open dag", "body_nl": "Welkom.",
         "title_fr": "", "title_en": "", "body_fr": "", "body_en": "", "action": "save"},
    )  # fmt: skip
    item = NewsItem.objects.get()
    assert response.status_code == 302 and not item.is_published
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pages:news_publish", args=[item.pk]))
    visitor = client.__class__()
    assert "Open dag" in visitor.get(reverse("pages:news")).text
    services.news_save(
        item=item,
        texts=services.NewsTexts(title_nl="Open dag (verzet)", date=item.date),
        actor=coordinator,
    )
    first = item.revisions.order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pages:news_restore", args=[item.pk, first.pk]))
    assert "Open dag (verzet)" not in visitor.get(reverse("pages:news")).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pages:news_unpublish", args=[item.pk]))
    assert "Open dag" not in visitor.get(reverse("pages:news")).text
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"pages.news.saved", "pages.news.published", "pages.news.restored"} <= actions


def test_a_function_page_shows_its_written_introduction_at_once(
    client, coordinator, django_capture_on_commit_callbacks
):
    own = "Choose an activity. Sign up, or just walk in"
    client.cookies["django_language"] = "en"
    assert own in client.get(reverse("ontmoeting:home")).text  # cached for anonymous visitors
    with django_capture_on_commit_callbacks(execute=True):
        services.block_save(
            key="intro-ontmoeting",
            texts=services.BlockTexts(body_nl="Kies een activiteit.", body_en="Pick an activity."),
            publish=True,
            actor=coordinator,
        )
    html = client.get(reverse("ontmoeting:home")).text
    assert '<div class="page-block"><p>Pick an activity.</p></div>' in html
    assert own not in html
