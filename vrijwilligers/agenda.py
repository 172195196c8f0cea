"""A volunteer's shifts in their own agenda ("Mijn activiteiten"), and an activity's volunteers
on its pages: registered in huis.core.registry, so ontmoeting shows them without importing this
app. The places are huis.places claims of a shift's offering (claims_of(holder_model=Shift))."""

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.core.registry import AgendaEntry, HeldClaim, StaffMember
from huis.places.models import PlaceClaim
from huis.places.selectors import claims_of

from .models import Shift

ACTIVE = (PlaceClaim.Status.CONFIRMED, PlaceClaim.Status.OFFERED, PlaceClaim.Status.WAITING)
STATUS_TEXT = {
    PlaceClaim.Status.CONFIRMED: _("You are on this shift."),
    PlaceClaim.Status.OFFERED: _("A place on this shift is free for you."),
    PlaceClaim.Status.WAITING: _("On the waiting list for this shift."),
}
ROLE_TEXT = {
    Shift.Kind.ACTIVITY_LEAD: _("leads"),
    Shift.Kind.ACTIVITY_HELP: _("helps"),
}


def agenda_entries(user: Any, claims: Sequence[HeldClaim] | None = None) -> list[AgendaEntry]:
    """The volunteer's coming shifts (two queries, however many shifts; one when the page gives
    the person's places, none when none of them is a shift's)."""
    if claims is None:
        claims = (
            claims_of(holder_model=Shift)
            .filter(user_id=user.pk, status__in=ACTIVE)
            .only("id", "offering_id", "status")
        )
    else:
        shift_type = ContentType.objects.get_for_model(Shift).pk  # Django keeps it: no query
        claims = [c for c in claims if c.holder_type_id == shift_type and c.status in ACTIVE]
    claims = {c.offering_id: c for c in claims}
    if not claims:
        return []
    shifts = Shift.objects.filter(offering_id__in=claims, ends_at__gt=timezone.now()).order_by(
        "starts_at", "pk"
    )
    return [
        AgendaEntry(
            title=shift.title,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            url=shift.get_absolute_url(),
            status=_("Cancelled by the house.")
            if shift.is_cancelled
            else STATUS_TEXT[claims[shift.offering_id].status],
            place=shift.place,
        )
        for shift in shifts
    ]


def staff_of(obj: Any) -> list[StaffMember]:
    """The volunteers with a place on a leading or helping shift of `obj` (two queries)."""
    if getattr(obj, "pk", None) is None:
        return []
    shifts = {
        s.offering_id: s
        for s in Shift.objects.filter(
            for_type=ContentType.objects.get_for_model(obj),
            for_id=obj.pk,
            kind__in=list(ROLE_TEXT),
            status=Shift.Status.PLANNED,
            offering__isnull=False,
        ).only("id", "kind", "offering_id")
    }
    if not shifts:
        return []
    claims = (
        PlaceClaim.objects.filter(offering_id__in=shifts, status=PlaceClaim.Status.CONFIRMED)
        .select_related("user")
        .order_by("pk")
    )
    order = list(ROLE_TEXT)
    people: dict[tuple[int, str], tuple[int, str, StaffMember]] = {}
    for claim in claims:
        kind = shifts[claim.offering_id].kind
        full = ((claim.user.display_name if claim.user_id else "") or claim.name or "").strip()
        if not full:
            continue
        member = StaffMember(first_name=full.split()[0], full_name=full, role=ROLE_TEXT[kind])
        key = (claim.user_id or -claim.pk, kind)
        people.setdefault(key, (order.index(kind), full.lower(), member))
    return [row[2] for row in sorted(people.values(), key=lambda row: row[:2])]
