"""Residents heard: a visitor proposes an activity or an idea (with or without an account), sees
what became of it through a private link, and the house answers, publicly when it says so."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huis.audit.models import AuditEntry
from ontmoeting.models import Proposal
from ontmoeting.services import ActivityError, proposal_answer, proposal_submit

pytestmark = pytest.mark.django_db

PROPOSAL = {"kind": "activity", "title": "Samen koken", "text": "Op zaterdag, voor iedereen."}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def _other_client() -> Client:
    """Another browser (not logged in), reading English."""
    other = Client()
    other.cookies["django_language"] = "en"
    return other


def test_a_guest_proposes_and_sees_the_public_answer(client, staff):
    response = client.post(reverse("ontmoeting:propose"), {**PROPOSAL, "name": "Nora"})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.user, proposal.name, proposal.status) == (None, "Nora", "new")
    status_url = response.url
    page = client.get(status_url)
    assert "Thank you for your proposal" in page.text
    assert "Received, not answered yet" in page.text and "Samen koken" in page.text
    # The link's token is not stored: only its hash.
    token = status_url.rstrip("/").rsplit("/", 1)[1]
    assert token not in proposal.token_hash
    staff_client = _other_client()
    staff_client.force_login(staff)
    answer_url = reverse("ontmoeting:staff_proposal_answer", args=[proposal.pk])
    assert "Nora" in staff_client.get(answer_url).text
    answered = staff_client.post(
        answer_url,
        {"status": "planned", "answer": "Ja! Vanaf maart, elke zaterdag.", "is_public": "on"},
    )
    assert answered.status_code == 302
    page = _other_client().get(status_url)
    assert "Yes, we are going to do it" in page.text and "Vanaf maart" in page.text
    public = _other_client().get(reverse("ontmoeting:proposals")).text
    assert "Samen koken" in public and "Vanaf maart" in public
    assert "Nora" not in public  # never the name
    assert AuditEntry.objects.filter(action="ontmoeting.proposal_answered").exists()


def test_an_answer_not_made_public_stays_with_the_person(staff):
    proposal, _token = proposal_submit(kind="idea", title="Meer planten", text="In de gang.")
    proposal_answer(
        proposal=proposal, actor=staff, status="not_now", answer="Later dit jaar.", is_public=False
    )
    assert "Meer planten" not in Client().get(reverse("ontmoeting:proposals")).text


def test_a_visitor_with_an_account_sees_their_proposals(client, visitor):
    client.force_login(visitor)
    client.post(reverse("ontmoeting:propose"), PROPOSAL)
    assert Proposal.objects.get().user == visitor
    page = client.get(reverse("ontmoeting:propose"))
    assert "Your proposals" in page.text and "Samen koken" in page.text


def test_bad_input_is_refused_with_a_reason(client, staff):
    response = client.post(reverse("ontmoeting:propose"), {**PROPOSAL, "title": ""})
    assert response.status_code == 400 and not Proposal.objects.exists()
    with pytest.raises(ActivityError):
        proposal_submit(kind="petition", title="X", text="Y")
    proposal, _token = proposal_submit(kind="idea", title="X", text="Y")
    client.force_login(staff)
    url = reverse("ontmoeting:staff_proposal_answer", args=[proposal.pk])
    refused = client.post(url, {"status": "planned", "answer": ""})
    assert refused.status_code == 400
    assert client.post(url, {"status": "new", "answer": "Ja"}).status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == "new"


def test_an_unknown_link_is_404(client):
    assert client.get(reverse("ontmoeting:proposal_status", args=["nope"])).status_code == 404


def test_a_flood_of_proposals_is_stopped(client):
    url = reverse("ontmoeting:propose")
    statuses = [
        client.post(url, {**PROPOSAL, "title": f"T{n}"}, REMOTE_ADDR="203.0.113.9").status_code
        for n in range(8)
    ]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    assert Proposal.objects.count() == 5
    assert Client().post(url, PROPOSAL, REMOTE_ADDR="198.51.100.3").status_code == 302


def _grow(staff, n):
    for i in range(n):
        proposal, _token = proposal_submit(kind="idea", title=f"Idee {i}", text="Tekst")
        if i % 2:
            proposal_answer(
                proposal=proposal, actor=staff, status="done", answer="Gedaan.", is_public=True
            )


@pytest.mark.parametrize("url_name", ["ontmoeting:proposals", "ontmoeting:staff_proposals"])
def test_the_lists_cost_the_same_with_few_or_many_proposals(client, staff, url_name):
    client.force_login(staff)
    url = reverse(url_name)
    client.get(url)
    counts = []
    for n in (2, 20):
        _grow(staff, n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_proposal_is_in_the_export_and_loses_its_author_on_erasure(visitor):
    from ontmoeting import privacy

    proposal, _token = proposal_submit(
        kind="idea", title="Meer planten", text="In de gang.", name="Vera", user=visitor
    )
    assert privacy.export(visitor)["proposals"][0]["title"] == "Meer planten"
    privacy.erase(visitor)
    proposal.refresh_from_db()
    assert (proposal.user, proposal.name) == (None, "")
