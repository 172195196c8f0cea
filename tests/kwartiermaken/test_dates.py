"""Dates in the house's one style per language (issue 22): the outreach list and the experts'
request inbox write "7 dec 2026" in Dutch (months in lower case), never "07/12/2026"."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.ervaringsdeskundigen.factories import ExpertRequestFactory

pytestmark = pytest.mark.django_db

NUMERIC = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
MONTH = r"\b\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\b"


def _dutch(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"


def test_the_outreach_list_writes_dates_in_the_house_style(client, settings, partner_a, entry_a):
    entry_a.date = dt.date(2026, 12, 5)
    entry_a.follow_up_on = dt.date(2026, 12, 7)
    entry_a.save()
    _dutch(client, settings)
    client.force_login(partner_a)
    page = client.get(reverse("kwartiermaken:entry_list")).text
    assert "5 dec 2026" in page
    assert "7 dec 2026" in page
    assert not NUMERIC.findall(page)
    home = client.get(reverse("kwartiermaken:home")).text
    assert not NUMERIC.findall(home)
    assert "Maandag" not in home


def test_the_request_inbox_writes_months_in_lower_case(client, settings, coordinator):
    ExpertRequestFactory()
    _dutch(client, settings)
    client.force_login(coordinator)
    page = client.get(reverse("ervaringsdeskundigen:inbox")).text
    assert not NUMERIC.findall(page)
    months = re.findall(MONTH, page, re.I)
    assert months, "no short date in the inbox"
    assert all(month == month.lower() for month in months)
