"""The publishing list's pages are drawn once and kept (issue #30), and show every change at
once: staff's own choices, the outbox's work (much of it written without model signals) and a
kind's default."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActivityFactory
from uitdatabank import outbox, services
from uitdatabank.models import CategoryMapping, Change, Publication

pytestmark = pytest.mark.django_db

URL = reverse("uitdatabank:publications")


def _publication_queries(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL).text
    return page, sum('FROM "uitdatabank_publication"' in q["sql"] for q in queries)


def test_a_kept_page_reads_no_publication_until_one_changes(as_role):
    staff = as_role("staff")
    activity = ActivityFactory(category="creatief", title="Klei")
    staff.get(URL)
    page, read = _publication_queries(staff)
    assert read == 0 and "Klei" in page
    Publication.objects.create(source="activity", object_id=activity.pk, wanted=True)
    page, read = _publication_queries(staff)
    assert read == 1 and "Niet publiceren" in page  # the button now withdraws


def test_the_outbox_s_writes_without_signals_show_at_once(connected, as_role):
    connected.fail_next.append(
        ("POST", "/events", 503, {"title": "Service Unavailable", "status": 503})
    )
    activity = ActivityFactory(category="creatief", title="Wandelen")
    outbox.send_due()  # tried once: waiting, with publiq's words
    staff = as_role("staff")
    assert "503" in staff.get(URL).text
    # The next sweep claims it (an update, no signal): being sent, the old error is not shown.
    assert outbox.claim(now=Change.objects.get().due_at) is not None
    assert "503" not in staff.get(URL).text
    outbox.send_claimed(token=Change.objects.get().claim_token)
    publication = Publication.objects.get(object_id=activity.pk)
    assert publication.event_id in staff.get(URL).text  # published
    # A change put in the outbox (a bulk insert, no signal): waiting again.
    services.change_enqueue(publication=publication, kind=Change.Kind.AVAILABILITY)
    page = staff.get(URL).text
    assert "Wacht" in page and publication.event_id not in page


def test_a_kind_s_default_shows_at_once(as_role):
    # The kinds table as the migration seeds it (a transactional test may have emptied it).
    seed = importlib.import_module("uitdatabank.migrations.0002_seed_terms").seed
    seed(django_apps, None)
    staff = as_role("staff")
    ActivityFactory(category="creatief", title="Klei")
    mapping = CategoryMapping.objects.get(key="activity:creatief")
    for default in (True, False, True):
        mapping.publish_by_default = default
        mapping.save()
        page = staff.get(URL).text
        assert ("Niet publiceren" in page) is default


def test_the_kept_forms_carry_the_viewer_s_own_token(staff):
    activity = ActivityFactory(category="creatief", title="Klei")
    tokens = []
    for _ in range(2):  # the second session is served the kept page
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(staff)
        page = browser.get(URL).text
        assert "__huis_csrf_token__" not in page
        tokens.append((browser, re.search(r'csrfmiddlewaretoken" value="([^"]+)"', page)[1]))
    (first, _first_token), (second, second_token) = tokens
    publish = reverse("uitdatabank:set_publish", kwargs={"source": "activity", "pk": activity.pk})
    assert (
        first.post(publish, {"wanted": "1", "csrfmiddlewaretoken": second_token}).status_code == 403
    )
    response = second.post(publish, {"wanted": "1", "csrfmiddlewaretoken": second_token})
    assert response.status_code == 302
    assert Publication.objects.get(object_id=activity.pk).wanted
