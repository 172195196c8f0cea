"""Linking the house's places: searched in UiTdatabank first, created only when none exists."""

import pytest
from django.core.management import CommandError, call_command

from uitdatabank.models import Venue

pytestmark = pytest.mark.django_db


def test_a_place_is_created_once_and_then_found_and_reused(connected, capsys):
    Venue.objects.all().delete()
    args = ["house", "Huis met vele kamers", "Kerkstraat 1", "9000", "Gent"]
    call_command("uitdatabank_link_place", *args)
    assert "created in UiTdatabank" in capsys.readouterr().out
    assert len(connected.places) == 1
    place_id = Venue.objects.get(key="house").place_id
    assert place_id in connected.places
    # Linked again (or by another house's portal): the existing place is found, not duplicated.
    call_command("uitdatabank_link_place", "Wandeling: station Gent", *args[1:])
    assert "reused" in capsys.readouterr().out
    assert len(connected.places) == 1
    assert Venue.objects.get(key="Wandeling: station Gent").place_id == place_id
    searches = [r for r in connected.requests if r[1].startswith("/places/?")]
    assert len(searches) == 2


def test_linking_without_credentials_says_what_to_do(settings):
    settings.UITDATABANK_CLIENT_ID = ""
    with pytest.raises(CommandError, match="UITDATABANK_CLIENT_ID"):
        call_command("uitdatabank_link_place", "house", "Huis", "Kerkstraat 1", "9000", "Gent")
