"""The ranked list of experts for a request: the rules, the reasons, and a fixed query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ervaringsdeskundigen.matching import rank_experts
from ervaringsdeskundigen.models import Absence

from .factories import (
    AssignmentFactory,
    ExpertFactory,
    ExpertRequestFactory,
    language,
    next_weekday,
    theme,
)

pytestmark = pytest.mark.django_db


def _by_name(matches):
    return {m.expert.user.display_name: m for m in matches}


def test_themes_rank_first_and_are_named():
    psychose, trauma = theme("psychose"), theme("trauma")
    request = ExpertRequestFactory(themes=[psychose, trauma])
    both = ExpertFactory(user__display_name="Both", themes=[psychose, trauma])
    one = ExpertFactory(user__display_name="One", themes=[psychose])
    none = ExpertFactory(user__display_name="None", themes=[])
    matches = rank_experts(request=request)
    assert [m.expert for m in matches] == [both, one, none]
    assert "Psychose" in matches[0].reasons[0] and "Trauma" in matches[0].reasons[0]


def test_excluded_themes_and_paused_experts_are_never_listed():
    trauma = theme("trauma")
    request = ExpertRequestFactory(themes=[trauma])
    excluding = ExpertFactory(themes=[trauma])
    excluding.excluded_themes.add(trauma)
    ExpertFactory(is_paused=True, themes=[trauma])
    fine = ExpertFactory(themes=[trauma])
    assert [m.expert for m in rank_experts(request=request)] == [fine]


def test_availability_at_that_time():
    start = next_weekday(2, hour=19)  # a Wednesday evening
    request = ExpertRequestFactory(starts_at=start)
    free = ExpertFactory(user__display_name="Free", slots=[(2, "evening")])
    mornings = ExpertFactory(user__display_name="Mornings", slots=[(2, "morning")])
    matches = _by_name(rank_experts(request=request))
    assert "Usually free at that time" in matches["Free"].reasons
    assert any("Not usually free" in w for w in matches["Mornings"].warnings)
    assert matches["Free"].score > matches["Mornings"].score
    assert rank_experts(request=request)[0].expert == free
    assert matches["Mornings"].can_propose  # a warning, not a refusal: ask first
    assert mornings


def test_a_clash_or_a_period_away_makes_proposing_impossible():
    request = ExpertRequestFactory()
    busy = ExpertFactory(user__display_name="Busy")
    AssignmentFactory(
        expert=busy,
        request=ExpertRequestFactory(starts_at=request.starts_at + dt.timedelta(hours=1)),
    )
    away = ExpertFactory(user__display_name="Away")
    day = request.starts_at.date()
    Absence.objects.create(expert=away, starts_on=day, ends_on=day + dt.timedelta(days=3))
    ok = ExpertFactory(user__display_name="Ok")
    matches = _by_name(rank_experts(request=request))
    assert matches["Busy"].problems == ["Another assignment at that time"]
    assert matches["Away"].problems == ["Away that day"]
    assert matches["Ok"].can_propose
    assert rank_experts(request=request)[0].expert == ok


def test_an_assignment_just_before_is_no_clash():
    request = ExpertRequestFactory()
    expert = ExpertFactory()
    AssignmentFactory(
        expert=expert,
        request=ExpertRequestFactory(
            starts_at=request.starts_at - dt.timedelta(hours=2), duration_minutes=120
        ),
    )
    [match] = rank_experts(request=request)
    assert match.can_propose


def test_this_months_load_against_the_maximum():
    today = timezone.localdate()
    month = (today.replace(day=1) + dt.timedelta(days=40)).replace(day=10)
    start = timezone.make_aware(dt.datetime.combine(month, dt.time(14)))
    request = ExpertRequestFactory(starts_at=start)
    full = ExpertFactory(user__display_name="Full", max_per_month=2)
    for days in (1, 2):
        AssignmentFactory(
            expert=full, request=ExpertRequestFactory(starts_at=start + dt.timedelta(days=days))
        )
    room = ExpertFactory(user__display_name="Room", max_per_month=3)
    AssignmentFactory(
        expert=room, request=ExpertRequestFactory(starts_at=start - dt.timedelta(days=5))
    )
    # Last month's assignments do not count.
    AssignmentFactory(
        expert=room, request=ExpertRequestFactory(starts_at=start - dt.timedelta(days=12))
    )
    matches = _by_name(rank_experts(request=request))
    assert matches["Full"].problems == ["Month full: 2 of at most 2"]
    assert "This month: 1 of at most 3" in matches["Room"].reasons


def test_language_region_and_permission_warnings():
    french = language("fr")
    request = ExpertRequestFactory(spoken_language=french, region="Brussel")
    speaks = ExpertFactory(user__display_name="Speaks", region="Brussel")
    speaks.languages.add(french)
    other = ExpertFactory(user__display_name="Other", region="Gent", receives_benefit=True)
    matches = _by_name(rank_experts(request=request))
    assert "Same region" in matches["Speaks"].reasons
    assert any("Does not speak" in w for w in matches["Other"].warnings)
    assert any("Other region" in w for w in matches["Other"].warnings)
    assert "Sickness fund's permission not on file" in matches["Other"].warnings
    assert rank_experts(request=request)[0].expert == speaks
    assert other


@pytest.mark.parametrize("pool", [3, 30])
def test_the_ranking_costs_the_same_queries_for_any_pool(pool):
    themes = [theme("psychose"), theme("depressie")]
    request = ExpertRequestFactory(themes=themes, spoken_language=language("nl"))
    for n in range(pool):
        expert = ExpertFactory(themes=themes[: n % 2 + 1])
        expert.languages.add(language("nl"))
        if n % 3 == 0:
            AssignmentFactory(expert=expert)
    with CaptureQueriesContext(connection) as queries:
        matches = rank_experts(request=request)
        [str(m.reasons) + str(m.expert.user.display_name) for m in matches]
    assert len(matches) == pool
    assert len(queries) == 10
