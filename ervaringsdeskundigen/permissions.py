"""Who may do what in ervaringsdeskundigen; the building blocks come from huis.accounts.access.

An expert's profile is seen by coordinators and by the expert, nobody else (staff and partners
neither). Requests are the coordinators' work. An assignment is seen by the coordinators and by
the expert whose part it is; only that expert reports on it.
"""

from typing import Any

import rules

from huis.accounts.access import is_authenticated, is_coordinator, is_expert

from .models import Expert


@rules.predicate
def is_own_profile(user: Any, expert: Any) -> bool:
    return expert is not None and getattr(expert, "user_id", None) == getattr(user, "pk", -1)


@rules.predicate
def is_own_assignment(user: Any, assignment: Any) -> bool:
    return (
        assignment is not None
        and assignment.expert is not None
        and assignment.expert.user_id == getattr(user, "pk", -1)
    )


@rules.predicate
def has_profile(user: Any) -> bool:
    return Expert.objects.filter(user_id=getattr(user, "pk", None)).exists()


rules.add_perm("ervaringsdeskundigen.view_home", rules.always_allow)
rules.add_perm("ervaringsdeskundigen.manage", is_coordinator)
rules.add_perm("ervaringsdeskundigen.view_request", is_coordinator)
rules.add_perm("ervaringsdeskundigen.view_expert", is_coordinator | is_own_profile)
rules.add_perm("ervaringsdeskundigen.change_expert", is_coordinator)
rules.add_perm("ervaringsdeskundigen.use_expert_pages", is_authenticated & is_expert & has_profile)
rules.add_perm("ervaringsdeskundigen.view_assignment", is_coordinator | is_own_assignment)
rules.add_perm("ervaringsdeskundigen.report_assignment", is_own_assignment)
rules.add_perm("ervaringsdeskundigen.view_intervision", is_coordinator | (is_expert & has_profile))
