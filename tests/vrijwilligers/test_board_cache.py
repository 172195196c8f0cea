"""The coordinators' boards are kept in the cache (vrijwilligers.caching), and every change a
coordinator must see shows on the very next view: a volunteer taking or giving back a shift, a
shift cancelled, a volunteer's new name, a person's details erased. Unchanged, the next view
reads no shift from the database."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huis.places.models import PlaceClaim
from huis.places.privacy import claims_erase_contact
from vrijwilligers import services

from .factories import shift, volunteer

pytestmark = pytest.mark.django_db

WEEK = reverse("vrijwilligers:board_week")
MONTH = reverse("vrijwilligers:board_month")


@pytest.fixture
def board(coordinator):
    client = Client()
    client.force_login(coordinator)
    the_shift = shift(coordinator, days=1, hour=9, needed=2, title="Onthaal ochtend")
    day = the_shift.starts_at.date().isoformat()

    def view(which: str = "week") -> str:
        if which == "week":
            response = client.get(WEEK, {"van": day})
        else:
            response = client.get(MONTH, {"maand": day[:7]})
        assert response.status_code == 200
        return response.content.decode()

    return the_shift, view, client, day


def _shift_queries(client, url, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return sum('"vrijwilligers_shift"' in q["sql"] for q in queries)


def test_an_unchanged_board_is_served_from_the_cache(board):
    _shift, view, client, day = board
    assert "Onthaal ochtend" in view()
    assert _shift_queries(client, WEEK, {"van": day}) == 0
    view("month")
    assert _shift_queries(client, MONTH, {"maand": day[:7]}) == 0


@pytest.mark.parametrize("which", ["week", "month"])
def test_a_volunteer_taking_and_giving_back_a_shift_shows_at_once(board, which):
    the_shift, view, _client, _day = board
    anna = volunteer("Anna Peeters")
    assert "2 vrijwilligers ontbreken (0 van 2)" in view(which)
    services.shift_sign_up(shift=the_shift, volunteer=anna, actor=anna.user)
    page = view(which)
    if which == "week":
        assert "Anna Peeters" in page
    assert "1 vrijwilliger ontbreekt (1 van 2)" in page  # was: 2 of 2 missing
    services.shift_give_back(shift=the_shift, volunteer=anna, actor=anna.user)
    page = view(which)
    assert "Anna Peeters" not in page and "2 vrijwilligers ontbreken (0 van 2)" in page


def test_a_new_name_a_cancelled_shift_and_an_erasure_show_at_once(board, coordinator):
    the_shift, view, _client, _day = board
    anna = volunteer("Anna Peeters")
    services.shift_sign_up(shift=the_shift, volunteer=anna, actor=anna.user)
    assert "Anna Peeters" in view()
    anna.user.display_name = "Anna De Smet"
    anna.user.save()
    page = view()
    assert "Anna De Smet" in page and "Anna Peeters" not in page

    claims_erase_contact(claims=PlaceClaim.objects.filter(user=anna.user))
    assert "Anna De Smet" not in view()

    services.shift_cancel(shift=the_shift, actor=coordinator, reason="Het huis is dicht.")
    assert "vw-cancelled" in view()
