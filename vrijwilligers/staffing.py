"""What a shift can staff: a coming activity (ontmoeting) or course session (herstelacademie).

Read through those apps' selectors only; a shift names its object generically (for_type,
for_id), so those apps need no column and no migration for it. The volunteers on such a shift
are the activity's leaders or helpers, from the roster instead of a name typed as free text."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from herstelacademie import selectors as academy
from ontmoeting import selectors as meeting

from .models import Shift

LIMIT = 60


def choices(*, user: Any) -> list[tuple[str, str, Any]]:
    """(value, label, object) for the coming activities and course sessions."""
    activities, _more = meeting.staff_activities()
    sessions = (
        academy.sessions_to_manage(user=user)
        .filter(starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")[:LIMIT]
    )
    rows = [
        (f"activity:{a.pk}", f"{timezone.localtime(a.starts_at):%d/%m %H:%M} {a.title}", a)
        for a in activities[:LIMIT]
        if a.status != "cancelled"
    ]
    rows += [(f"session:{s.pk}", str(s), s) for s in sessions]
    return rows


def staffed_object(shift: Shift) -> tuple[str, str] | None:
    """(label, url) of what the shift staffs, for its page."""
    if not shift.for_type_id or not shift.for_id:
        return None
    model = ContentType.objects.get_for_id(shift.for_type_id).model_class()
    obj = model._default_manager.filter(pk=shift.for_id).first() if model else None
    if obj is None:
        return None
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    if not url and hasattr(obj, "course"):
        url = obj.course.get_absolute_url()
    return str(getattr(obj, "title", None) or obj), url
