"""Policy recommendations: bundling signals (counted evidence), the workflow as service
transitions, printing and the PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from huis.audit.models import AuditEntry
from kwartiermaken import services
from kwartiermaken.models import PolicyRecommendation
from kwartiermaken.selectors.recommendations import recommendation_evidence
from kwartiermaken.services import KwartiermakenError
from tests.pdfcheck import assert_tagged_pdf

from .factories import RecommendationFactory, SignalFactory

pytestmark = pytest.mark.django_db
Status = PolicyRecommendation.Status


@pytest.fixture
def signals(organisation_a, organisation_b, neighbourhood, other_neighbourhood):
    return [
        SignalFactory(organisation=organisation_a, neighbourhood=neighbourhood, times_seen=4),
        SignalFactory(organisation=organisation_b, neighbourhood=neighbourhood, times_seen=2),
        SignalFactory(
            organisation=organisation_b,
            neighbourhood=other_neighbourhood,
            category="digital",
            times_seen=5,
        ),
    ]


def test_a_coordinator_bundles_signals_and_the_evidence_is_counted(client, coordinator, signals):
    client.force_login(coordinator)
    response = client.post(
        reverse("kwartiermaken:recommendation_create"),
        {
            "title": "Eén inloopmoment zonder afspraak",
            "addressed_to": "OCMW Zeestad",
            "problem": "Mensen wachten maanden op een eerste gesprek.",
            "proposal": "Elke dinsdag een inloop zonder afspraak.",
            "signals": [s.pk for s in signals],
        },
    )
    recommendation = PolicyRecommendation.objects.get()
    assert response.url == recommendation.get_absolute_url()
    assert recommendation.status == Status.DRAFT
    evidence = recommendation_evidence(recommendation=recommendation)
    assert (evidence.signal_count, evidence.times_seen, evidence.organisations) == (3, 11, 2)
    assert [(r.label, r.count, r.seen) for r in evidence.by_category] == [
        ("Long waiting time", 2, 6),
        ("Only online or digital", 1, 5),
    ]
    assert [(r.label, r.count, r.seen) for r in evidence.by_neighbourhood] == [
        ("Stationswijk", 2, 6),
        ("Visserswijk", 1, 5),
    ]
    listed = client.get(reverse("kwartiermaken:recommendation_list")).context["recommendations"]
    assert [(r.signal_count, r.times_seen) for r in listed] == [(3, 11)]


def test_the_whole_workflow_through_the_pages(client, coordinator, signals):
    recommendation = RecommendationFactory(signals=signals[:1])
    client.force_login(coordinator)
    client.post(reverse("kwartiermaken:recommendation_send", args=[recommendation.pk]))
    recommendation.refresh_from_db()
    assert recommendation.status == Status.SENT
    assert recommendation.sent_on is not None
    # Once sent, the text stays as it was sent.
    edit = client.get(reverse("kwartiermaken:recommendation_update", args=[recommendation.pk]))
    assert edit.status_code == 302
    answer = client.post(
        reverse("kwartiermaken:recommendation_answer", args=[recommendation.pk]),
        {"answer": "We bekijken het in de volgende raad.", "answered_on": "2026-11-20"},
    )
    assert answer.status_code == 302
    client.post(
        reverse("kwartiermaken:recommendation_decide", args=[recommendation.pk]),
        {"outcome": "implemented"},
    )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.IMPLEMENTED
    assert recommendation.answer == "We bekijken het in de volgende raad."
    actions = list(
        AuditEntry.objects.filter(object_id=str(recommendation.pk))
        .filter(action__startswith="kwartiermaken.recommendation_")
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "kwartiermaken.recommendation_sent",
        "kwartiermaken.recommendation_answered",
        "kwartiermaken.recommendation_implemented",
    ]


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.DRAFT, "answer"),
        (Status.DRAFT, "decide"),
        (Status.SENT, "send"),
        (Status.IMPLEMENTED, "decide"),
        (Status.REJECTED, "answer"),
    ],
)
def test_steps_out_of_order_are_refused(coordinator, signals, status, step):
    recommendation = RecommendationFactory(signals=signals, status=status)
    call = {
        "send": lambda: services.recommendation_send(
            recommendation=recommendation, actor=coordinator
        ),
        "answer": lambda: services.recommendation_record_answer(
            recommendation=recommendation, actor=coordinator, answer="Ja"
        ),
        "decide": lambda: services.recommendation_decide(
            recommendation=recommendation, actor=coordinator, outcome=Status.REJECTED
        ),
    }[step]
    with pytest.raises(KwartiermakenError):
        call()
    recommendation.refresh_from_db()
    assert recommendation.status == status


def test_a_recommendation_without_evidence_cannot_be_sent(client, coordinator):
    recommendation = RecommendationFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("kwartiermaken:recommendation_send", args=[recommendation.pk]), follow=True
    )
    assert "at least one signal" in response.text
    recommendation.refresh_from_db()
    assert recommendation.status == Status.DRAFT


def test_an_empty_answer_keeps_the_form_with_a_message(client, coordinator, signals):
    recommendation = RecommendationFactory(signals=signals, status=Status.SENT)
    client.force_login(coordinator)
    response = client.post(
        reverse("kwartiermaken:recommendation_answer", args=[recommendation.pk]),
        {"answer": "", "answered_on": "2026-11-20"},
    )
    assert response.status_code == 200
    assert "answer" in response.context["form"].errors


def test_print_page_and_pdf_hold_the_recommendation_and_its_counted_evidence(
    client, coordinator, signals
):
    recommendation = RecommendationFactory(signals=signals, title="Inloop zonder afspraak")
    client.force_login(coordinator)
    printable = client.get(reverse("kwartiermaken:recommendation_print", args=[recommendation.pk]))
    assert "Inloop zonder afspraak" in printable.text
    assert "print.css" in printable.text
    response = client.get(reverse("kwartiermaken:recommendation_pdf", args=[recommendation.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert_tagged_pdf(response.content, lang=None)  # the coordinator's own language
    assert "beleidsaanbeveling-inloop-zonder-afspraak.pdf" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Inloop zonder afspraak" in text
    assert "OCMW Zeestad" in text
    assert "Stationswijk" in text


def test_old_signals_are_not_offered_unless_the_draft_already_holds_them(
    client, coordinator, organisation_a, neighbourhood
):
    import datetime as dt

    from django.utils import timezone

    old = SignalFactory(
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        observed_on=timezone.localdate() - dt.timedelta(days=1000),
    )
    recent = SignalFactory(organisation=organisation_a, neighbourhood=neighbourhood)
    client.force_login(coordinator)
    offered = client.get(reverse("kwartiermaken:recommendation_create")).context["form"]
    assert list(offered.fields["signals"].queryset) == [recent]
    draft = RecommendationFactory(signals=[old])
    form = client.get(reverse("kwartiermaken:recommendation_update", args=[draft.pk])).context[
        "form"
    ]
    assert set(form.fields["signals"].queryset) == {old, recent}
