"""Who may do what in vrijwilligers; the building blocks come from huis.accounts.access.

- Coordinators (and administrators) plan: applications, volunteers' profiles (with the legal
  facts), shifts, the boards, hours and figures.
- The house's staff see the boards (who opens the house tomorrow) but change nothing.
- A volunteer (the role, with an active profile) sees the open shifts, signs up, asks to swap or
  gives a shift back, reports hours and sees their own hours and shifts.
- Anyone may apply on the public page.
"""

from typing import Any

import rules

from huis.accounts.access import is_coordinator, is_house, is_volunteer


@rules.predicate
def has_active_profile(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_vrijwilligers_active", None)
    if cached is None:
        from .models import Volunteer

        cached = Volunteer.objects.filter(user=user, is_active=True).exists()
        user._vrijwilligers_active = cached
    return cached


is_active_volunteer = is_volunteer & has_active_profile

rules.add_perm("vrijwilligers.manage", is_coordinator)
rules.add_perm("vrijwilligers.view_board", is_house)
rules.add_perm("vrijwilligers.take_shifts", is_active_volunteer)
rules.add_perm("vrijwilligers.view_volunteer", is_coordinator)
rules.add_perm("vrijwilligers.view_shift", is_house | is_active_volunteer)
