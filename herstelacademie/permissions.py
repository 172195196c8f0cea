"""Who may do what in the Recovery College; the building blocks come from huis.accounts.access.

- Everyone reads the catalogue, course pages and the programme; enrolling needs an account.
- Trainers see their own courses, their students, take attendance, decide on intakes and read
  the evaluations of their courses. The house's staff see and manage all courses; evaluations are
  for the course's trainers and the coordinators.
- "Mijn leertraject" is the student's alone. A learning companion sees only what the student
  shares; nobody else (administrators neither) reads it.
"""

from typing import Any

import rules

from huis.accounts.access import is_authenticated, is_coordinator, is_house, is_own


@rules.predicate
def is_trainer_somewhere(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_herstel_is_trainer", None)
    if cached is None:
        cached = user.herstel_trainings.exists()
        user._herstel_is_trainer = cached
    return cached


def _course_of(obj: Any) -> Any:
    if obj is None:
        return None
    return getattr(obj, "course", obj)


@rules.predicate
def is_trainer_of(user: Any, obj: Any) -> bool:
    """The user trains the course (or the course of the session or enrolment)."""
    course = _course_of(obj)
    if course is None or not getattr(user, "is_authenticated", False):
        return False
    return any(t.user_id == user.pk for t in course.trainers.all())


@rules.predicate
def is_companion_of(user: Any, plan: Any) -> bool:
    return (
        plan is not None
        and getattr(user, "is_authenticated", False)
        and plan.companion_id == user.pk
    )


@rules.predicate
def owns_entry(user: Any, entry: Any) -> bool:
    return (
        entry is not None
        and getattr(user, "is_authenticated", False)
        and entry.plan.user_id == user.pk
    )


rules.add_perm("herstelacademie.view_home", rules.always_allow)
rules.add_perm("herstelacademie.enrol", is_authenticated)
rules.add_perm("herstelacademie.view_plan", is_authenticated)
rules.add_perm("herstelacademie.view_enrollment", is_own)
rules.add_perm("herstelacademie.change_entry", owns_entry)
rules.add_perm("herstelacademie.accompany", is_authenticated)
rules.add_perm("herstelacademie.view_shared_plan", is_companion_of)
# Teaching: a trainer's own courses; the house's people see all courses.
rules.add_perm("herstelacademie.teach", is_house | is_trainer_somewhere)
rules.add_perm("herstelacademie.teach_course", is_house | is_trainer_of)
rules.add_perm("herstelacademie.view_evaluations", is_coordinator | is_trainer_of)
# Planning terms, courses and sessions.
rules.add_perm("herstelacademie.manage_courses", is_house)
