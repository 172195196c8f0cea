"""Partners learn together, in a real browser on a 360 px phone, in Dutch: the coordinator makes
an intervision group with two partner workers and plans a session in a room of the house; a
member signs up and reads the agenda; a partner worker outside the group gets 404 for the group
and the session (they do not learn it exists). axe finds nothing on the pages on the way."""

import datetime as dt

import pytest
from django.utils import timezone

from huis.accounts.roles import Role
from huis.places.models import PlaceClaim
from netwerk.models import LearningGroup, LearningSession
from tests.browser.conftest import PHONE, screenshot
from tests.factories import MembershipFactory, OrganisationFactory, RoomFactory, UserFactory

from .test_browser import _fits_the_screen, _open, nl

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_coordinator_makes_a_group_a_member_signs_up_an_outsider_gets_404(
    browser, live_server, coordinator, partner_a, partner_b
):
    room = RoomFactory(name="Leslokaal 1")
    day = timezone.localdate() + dt.timedelta(days=9)

    # 1. Koen (coordinator) makes the group with Pia and Piet, Pia coordinates it.
    context, page, foreign = _open(browser, live_server, PHONE, coordinator)
    page.goto(live_server.url + "/netwerk/")
    page.get_by_role("link", name=nl("Learning together"), exact=True).first.click()
    page.get_by_role("link", name=nl("Make a group")).click()
    page.get_by_label(nl("Name")).fill("Intervisie outreach")
    page.get_by_role("radio", name=nl("Intervision")).check()
    page.get_by_label(nl("Coordinator of the group")).select_option(label="Pia")
    page.get_by_role("checkbox", name="Pia").check()
    page.get_by_role("checkbox", name="Piet").check()
    _fits_the_screen(page, PHONE)
    page.get_by_role("button", name=nl("Save")).click()
    group = LearningGroup.objects.get()
    assert page.url.endswith(group.get_absolute_url())
    assert set(group.members.all()) == {partner_a, partner_b}

    # 2. He plans a session in a room of the house, with an agenda.
    page.get_by_role("link", name=nl("Plan a session")).click()
    page.get_by_label(nl("Day")).fill(day.isoformat())
    page.get_by_label(nl("Start time")).fill("14:00")
    page.get_by_label(nl("End time")).fill("16:00")
    page.get_by_label(nl("Room of the house")).select_option(label="Leslokaal 1")
    page.get_by_label(nl("Number of places")).fill("8")
    page.get_by_label(nl("Agenda")).fill("Casus van Mila bespreken.")
    page.get_by_role("button", name=nl("Plan")).click()
    session = LearningSession.objects.get()
    assert page.url.endswith(session.get_absolute_url())
    assert session.room == room
    assert timezone.localtime(session.starts_at).hour == 14
    context.close()
    assert foreign == []

    # 3. Piet (member) finds the group, signs up and reads the agenda.
    context, page, foreign = _open(browser, live_server, PHONE, partner_b)
    page.goto(live_server.url + "/netwerk/leren/")
    page.get_by_role("link", name="Intervisie outreach").click()
    page.locator(f"main ul a[href$='/netwerk/leren/sessies/{session.pk}/']").click()
    page.get_by_role("button", name=nl("Sign up")).click()
    assert nl("You are signed up.") in page.locator(".messages").inner_text()
    assert "Casus van Mila bespreken." in page.locator("main").inner_text()
    assert PlaceClaim.objects.get(user=partner_b).status == PlaceClaim.Status.CONFIRMED
    _fits_the_screen(page, PHONE)
    screenshot(page, "netwerk-leren-sessie")
    context.close()
    assert foreign == []

    # 4. Cas (a partner worker of another organisation) does not learn the group exists.
    outsider = UserFactory(display_name="Cas", roles=[Role.PARTNER_WORKER])
    MembershipFactory(user=outsider, organisation=OrganisationFactory(name="Partner C"))
    context, page, foreign = _open(browser, live_server, PHONE, outsider)
    for url in (group.get_absolute_url(), session.get_absolute_url()):
        assert page.goto(live_server.url + url).status == 404
        assert "Mila" not in page.content()
    page.goto(live_server.url + "/netwerk/leren/")
    assert "Intervisie outreach" not in page.content()
    context.close()
    assert foreign == []
