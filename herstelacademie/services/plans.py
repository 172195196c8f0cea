"""Mijn leertraject: goals and notes, and the learning companion the student chooses."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from huis.accounts.roles import Role
from huis.audit.services import log_action

from ..models import LearningEntry, LearningPlan
from .common import CourseError


def plan_for(*, user: Any) -> LearningPlan:
    plan, _created = LearningPlan.objects.get_or_create(user=user)
    return plan


@transaction.atomic
def entry_save(
    *,
    plan: LearningPlan,
    kind: str,
    text: str,
    is_shared: bool,
    actor: Any,
    is_done: bool = False,
    entry: LearningEntry | None = None,
) -> LearningEntry:
    text = text.strip()
    if not text:
        raise CourseError(_("Write something first."), field="text")
    if kind not in LearningEntry.Kind.values:
        raise CourseError(_("Choose a learning goal or a note."), field="kind")
    entry = entry or LearningEntry(plan=plan)
    entry.kind, entry.text, entry.is_shared, entry.is_done = kind, text[:2000], is_shared, is_done
    entry.save()
    log_action(actor=actor, action="herstelacademie.plan_entry_saved", obj=entry, subject=plan.user)
    return entry


@transaction.atomic
def entry_delete(*, entry: LearningEntry, actor: Any) -> None:
    log_action(
        actor=actor, action="herstelacademie.plan_entry_deleted", obj=entry, subject=entry.plan.user
    )
    entry.delete()


def companion_candidates():
    """Who a student may choose as learning companion: the house's staff and experts."""
    from huis.accounts.models import User

    roles = [Role.STAFF, Role.COORDINATOR, Role.EXPERT]
    return (
        User.objects.filter(is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("display_name", "pk")
    )


@transaction.atomic
def companion_set(
    *, plan: LearningPlan, companion: Any | None, share_courses: bool, actor: Any
) -> LearningPlan:
    if companion is not None:
        if companion.pk == plan.user_id:
            raise CourseError(
                _("Choose someone else as your learning companion."), field="companion"
            )
        if not companion_candidates().filter(pk=companion.pk).exists():
            raise CourseError(
                _("Choose a staff member or an expert by experience."), field="companion"
            )
    plan.companion = companion
    plan.share_courses = share_courses and companion is not None
    plan.save(update_fields=["companion", "share_courses", "updated_at"])
    log_action(
        actor=actor,
        action="herstelacademie.companion_set",
        obj=plan,
        subject=plan.user,
        data={"companion": companion.pk if companion else None, "courses": plan.share_courses},
    )
    return plan
