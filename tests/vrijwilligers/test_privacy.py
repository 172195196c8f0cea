"""A volunteer's data download and account erasure, and the retention of applications: the hours
and allowances stay counted (the house's figures and the legal register), the name goes."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from vrijwilligers import privacy, services
from vrijwilligers.models import Application, ShiftHours, Volunteer

from .factories import move_to_past, shift, volunteer

pytestmark = pytest.mark.django_db


def test_export_and_erase_keep_the_hours_without_the_name(coordinator):
    v = volunteer("Mira", availability="Dinsdag")
    Application.objects.create(name="Mira", email=v.user.email, message="Ik help graag")
    s = shift(coordinator)
    services.shift_sign_up(shift=s, volunteer=v, actor=v.user)
    s = move_to_past(s, day=timezone.localdate() - dt.timedelta(days=1))
    services.hours_report(shift=s, volunteer=v, hours=3, km=0, actor=v.user)

    data = privacy.export_person(v.user)
    json.dumps(data)
    assert data["profile"]["availability"] == "Dinsdag"
    assert data["applications"][0]["message"] == "Ik help graag"
    assert data["hours"][0]["hours"] == "3.00"

    privacy.erase_person(v.user)
    v.refresh_from_db()
    assert v.user is None and v.availability == "" and not v.is_active
    assert not Application.objects.exists()
    assert ShiftHours.objects.filter(volunteer=v).count() == 1


def test_answered_applications_are_erased_after_the_retention_period(coordinator):
    old = services.application_submit(name="Oud", email="oud@example.org", tasks=[])
    services.application_decline(application=old, actor=coordinator)
    Application.objects.filter(pk=old.pk).update(decided_at=timezone.now() - dt.timedelta(days=400))
    fresh = services.application_submit(name="Nieuw", email="nieuw@example.org", tasks=[])
    assert privacy.purge_applications(cutoff=timezone.now() - dt.timedelta(days=365)) == 1
    assert list(Application.objects.all()) == [fresh]
    assert Volunteer.objects.count() == 0
