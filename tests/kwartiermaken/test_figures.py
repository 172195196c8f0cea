"""The overviews read monthly figures (kwartiermaken.figures) instead of counting the entries on
every visit. These tests hold the figures to a live count: after every kind of change through the
services they are equal, for a partner and for a coordinator, with and without filters; the nightly
recount repairs a change made past the services; and concurrent changes in the same month, from two
organisations at once (real threads on their own connections), still add up exactly.
"""

import datetime as dt
import threading
from dataclasses import replace

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kwartiermaken import services
from kwartiermaken.models import OutreachEntry, OutreachMonth
from kwartiermaken.selectors.overview import OverviewFilter, overview_export_rows, overview_for
from kwartiermaken.tasks import refresh_figures_task

from .factories import NeedFactory, NeighbourhoodFactory
from .live_overview import overview_live


def _filters(year: int, neighbourhood, organisation) -> list[OverviewFilter]:
    return [
        OverviewFilter(year=year),
        OverviewFilter(),
        OverviewFilter(year=year, kind="street"),
        OverviewFilter(year=year, neighbourhood=neighbourhood.pk),
        OverviewFilter(year=year, organisation=organisation.pk),
    ]


def _assert_equal_to_live(users, neighbourhood, organisation) -> None:
    year = timezone.localdate().year
    for user in users:
        for filters in _filters(year, neighbourhood, organisation):
            assert overview_for(user=user, filters=filters) == overview_live(
                user=user, filters=filters
            ), (user, filters)


@pytest.mark.django_db
def test_figures_equal_a_live_count_after_every_change_through_the_services(
    partner_a, partner_b, coordinator, organisation_a, organisation_b
):
    today = timezone.localdate()
    home, street = NeighbourhoodFactory(name="Kerkwijk"), NeighbourhoodFactory(name="Oosthoek")
    housing, debt = NeedFactory(name="Wonen"), NeedFactory(name="Schulden")
    users = [partner_a, partner_b, coordinator]
    _assert_equal_to_live(users, home, organisation_a)  # nothing yet: empty and equal

    entries = []
    for n in range(6):
        entries.append(
            services.entry_create(
                actor=partner_a if n % 2 else partner_b,
                organisation=organisation_a if n % 2 else organisation_b,
                needs=[housing, debt][: n % 3],
                details=services.EntryDetails(
                    date=today - dt.timedelta(days=n * 9),
                    neighbourhood=home if n % 3 else street,
                    kind="street" if n % 2 else "home_visit",
                    people_reached=n + 1,
                    referrals=n % 2,
                    follow_up_on=today + dt.timedelta(days=3) if n < 3 else None,
                ),
            )
        )
    signal = services.signal_create(
        actor=partner_a,
        organisation=organisation_a,
        entry=entries[1],
        details=services.SignalDetails(
            observed_on=today,
            category="waiting",
            neighbourhood=home,
            description="Lange wachttijd.",
        ),
    )
    _assert_equal_to_live(users, home, organisation_a)

    # A date moved to another month takes its figures along; a follow-up done closes it.
    services.entry_update(
        entry=entries[1],
        actor=partner_a,
        needs=[debt],
        details=replace(services.EntryDetails.of(entries[1]), date=today - dt.timedelta(days=70)),
    )
    services.entry_follow_up_done(entry=entries[0], actor=partner_b)
    services.signal_update(
        signal=signal,
        actor=partner_a,
        details=replace(
            services.SignalDetails.of(signal),
            observed_on=today - dt.timedelta(days=40),
            times_seen=4,
        ),
    )
    _assert_equal_to_live(users, home, organisation_a)
    assert overview_for(user=coordinator, filters=OverviewFilter()).total_entries == 6


@pytest.mark.django_db
def test_the_export_holds_the_same_figures_as_a_live_count(
    partner_a, coordinator, organisation_a, neighbourhood
):
    today = timezone.localdate()
    for n in range(4):
        services.entry_create(
            actor=partner_a,
            organisation=organisation_a,
            details=services.EntryDetails(
                date=today - dt.timedelta(days=n * 20),
                neighbourhood=neighbourhood,
                kind="club" if n % 2 else "home_visit",
                people_reached=2,
            ),
        )
    live = (
        OutreachEntry.objects.annotate(month=TruncMonth("date"))
        .values("month", "kind")
        .annotate(n=Count("pk"), people=Sum("people_reached"))
        .order_by("month", "kind")
    )
    exported = overview_export_rows(user=coordinator, filters=OverviewFilter())
    assert [(r["month"], r["entries"], r["people"]) for r in exported] == [
        (row["month"].strftime("%Y-%m"), row["n"], row["people"]) for row in live
    ]


@pytest.mark.django_db
def test_the_nightly_recount_repairs_a_change_made_past_the_services(
    partner_a, coordinator, organisation_a, neighbourhood
):
    entry = services.entry_create(
        actor=partner_a,
        organisation=organisation_a,
        details=services.EntryDetails(
            date=timezone.localdate(), neighbourhood=neighbourhood, people_reached=3
        ),
    )
    OutreachEntry.objects.filter(pk=entry.pk).update(people_reached=30)  # a correction in the DB
    filters = OverviewFilter()
    assert overview_for(user=coordinator, filters=filters).total_people == 3
    assert refresh_figures_task() >= 1
    assert overview_for(user=coordinator, filters=filters).total_people == 30
    assert overview_for(user=coordinator, filters=filters) == overview_live(
        user=coordinator, filters=filters
    )
    OutreachEntry.objects.all().delete()
    refresh_figures_task()
    assert not OutreachMonth.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_changes_in_the_same_month_from_two_organisations_at_once_add_up(
    partner_a, partner_b, coordinator, organisation_a, organisation_b, neighbourhood
):
    """Every change recounts its month and the network's totals under the month's advisory lock;
    without it two recounts would read each other's half-written rows (or collide on the
    network's row). Real threads, each on its own connection, started together."""
    rounds, start = 5, threading.Barrier(2)
    errors: list[BaseException] = []
    today = timezone.localdate()

    def log(actor, organisation) -> None:
        try:
            start.wait()
            for n in range(rounds):
                services.entry_create(
                    actor=actor,
                    organisation=organisation,
                    details=services.EntryDetails(
                        date=today.replace(day=1) + dt.timedelta(days=n % 2),
                        neighbourhood=neighbourhood,
                        people_reached=1,
                    ),
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=log, args=(partner_a, organisation_a)),
        threading.Thread(target=log, args=(partner_b, organisation_b)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    network = OutreachMonth.objects.get(organisation__isnull=True)
    assert network.entries == network.people == 2 * rounds
    assert overview_for(user=coordinator, filters=OverviewFilter()) == overview_live(
        user=coordinator, filters=OverviewFilter()
    )
