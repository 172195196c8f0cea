"""Open now, and when next: around the edges (the closing minute, closed days, a daylight-saving
day, after the last period of the day, a week of closed days)."""

from datetime import UTC, date, datetime, time

from django.utils import translation

from huis.facts.hours import HOUSE_ZONE, status_at, week
from huis.facts.selectors import Facts

# Monday to Friday 10:00-12:30 and 13:30-17:00; Saturday 10:00-13:00; Sunday closed.
WEEKDAY = ((time(10), time(12, 30)), (time(13, 30), time(17)))
PERIODS = (
    *((day, opens, closes) for day in range(5) for opens, closes in WEEKDAY),
    (5, time(10), time(13)),
)
FACTS = Facts(periods=PERIODS)


def at(y, m, d, hh, mm=0, ss=0) -> datetime:
    """A moment on the house's clock (Europe/Brussels)."""
    return datetime(y, m, d, hh, mm, ss, tzinfo=HOUSE_ZONE)


def sentence(facts: Facts, now: datetime) -> str:
    with translation.override("nl"):
        return status_at(facts, now).sentence


def test_open_during_a_period_until_its_end():
    # Tuesday 8 December 2026, 11:00.
    status = status_at(FACTS, at(2026, 12, 8, 11))
    assert status.is_open and status.until == time(12, 30)
    assert sentence(FACTS, at(2026, 12, 8, 11)) == "Nu open tot 12:30"


def test_the_closing_minute_is_closed_and_the_opening_minute_open():
    assert status_at(FACTS, at(2026, 12, 8, 16, 59, 59)).is_open
    closed = status_at(FACTS, at(2026, 12, 8, 17))
    assert not closed.is_open
    assert closed.next_opening == at(2026, 12, 9, 10)
    assert status_at(FACTS, at(2026, 12, 8, 10)).is_open
    assert not status_at(FACTS, at(2026, 12, 8, 9, 59, 59)).is_open


def test_the_lunch_break_opens_again_today():
    status = status_at(FACTS, at(2026, 12, 8, 12, 45))
    assert not status.is_open and status.next_opening == at(2026, 12, 8, 13, 30)
    assert sentence(FACTS, at(2026, 12, 8, 12, 45)) == (
        "Nu gesloten — we zijn weer open vandaag om 13:30"
    )


def test_after_the_last_period_of_friday_the_next_opening_is_saturday_then_monday():
    friday_evening = at(2026, 12, 11, 18)
    assert status_at(FACTS, friday_evening).next_opening == at(2026, 12, 12, 10)
    assert sentence(FACTS, friday_evening) == "Nu gesloten — we zijn weer open morgen om 10:00"
    saturday_afternoon = at(2026, 12, 12, 14)
    assert status_at(FACTS, saturday_afternoon).next_opening == at(2026, 12, 14, 10)
    assert sentence(FACTS, saturday_afternoon) == (
        "Nu gesloten — we zijn weer open maandag om 10:00"
    )


def test_a_closed_day_is_closed_all_day_and_skipped_for_the_next_opening():
    # Christmas 2026 is a Friday; the house closes on Thursday evening until Saturday.
    facts = Facts(periods=PERIODS, closures=((date(2026, 12, 25), "Kerstmis"),))
    assert not status_at(facts, at(2026, 12, 25, 11)).is_open
    assert status_at(facts, at(2026, 12, 24, 18)).next_opening == at(2026, 12, 26, 10)
    assert status_at(FACTS, at(2026, 12, 25, 11)).is_open  # without the closed day: open


def test_closed_days_in_a_row_and_a_far_next_opening_name_the_date():
    closures = tuple((date(2026, 12, d), "Kerstvakantie") for d in range(19, 31))
    facts = Facts(periods=PERIODS, closures=closures)
    status = status_at(facts, at(2026, 12, 18, 18))
    assert status.next_opening == at(2026, 12, 31, 10)
    with translation.override("nl"):
        assert status.sentence == ("Nu gesloten — we zijn weer open donderdag 31 december om 10:00")


def test_periods_without_a_break_read_as_one():
    facts = Facts(periods=((0, time(10), time(13)), (0, time(13), time(17))))
    assert status_at(facts, at(2026, 12, 7, 11)).until == time(17)


def test_daylight_saving_days_keep_the_clock_of_the_house():
    # Sunday 28 March 2027 the clocks go forward; Sunday 31 October 2027 they go back.
    facts = Facts(periods=((6, time(10), time(12)),))
    # 08:30 UTC is 10:30 in Brussels the day summer time begins (09:30 the day before).
    spring = datetime(2027, 3, 28, 8, 30, tzinfo=UTC)
    assert status_at(facts, spring).is_open
    assert not status_at(facts, datetime(2027, 3, 28, 10, 0, tzinfo=UTC)).is_open  # 12:00
    # 09:30 UTC is 10:30 in Brussels on the day winter time begins.
    autumn = datetime(2027, 10, 31, 9, 30, tzinfo=UTC)
    assert status_at(facts, autumn).is_open
    assert not status_at(facts, datetime(2027, 10, 31, 8, 30, tzinfo=UTC)).is_open  # 09:30
    # The next opening after a Sunday before the change is 10:00 on the house's clock.
    before = status_at(facts, at(2027, 3, 21, 13))
    assert before.next_opening == at(2027, 3, 28, 10)
    assert before.next_opening.utcoffset().total_seconds() == 7200


def test_no_hours_at_all_says_closed_without_a_time():
    assert sentence(Facts(), at(2026, 12, 8, 11)) == "Nu gesloten"


def test_the_week_marks_today_and_its_closed_day():
    facts = Facts(periods=PERIODS, closures=((date(2026, 12, 25), "Kerstmis"),))
    with translation.override("nl"):
        days = week(facts, date(2026, 12, 25))
    friday = days[4]
    assert friday.is_today and friday.closed_reason == "Kerstmis" and friday.name == "Vrijdag"
    assert [d.is_today for d in days].count(True) == 1
    assert days[6].periods == []


def test_english_names_the_day_with_a_capital_french_without():
    saturday_afternoon = at(2026, 12, 12, 14)
    with translation.override("en"):
        assert status_at(FACTS, saturday_afternoon).sentence == (
            "Closed now. We open again Monday at 10:00"
        )
    with translation.override("fr"):
        assert status_at(FACTS, saturday_afternoon).sentence == (
            "Fermé maintenant. Nous rouvrons lundi à 10:00"
        )
