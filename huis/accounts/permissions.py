"""Rules for the shared core's own pages. Function apps keep theirs in their `permissions.py`."""

import rules

from .access import is_administrator, is_authenticated, is_coordinator, is_house

rules.add_perm("core.view_dashboard", is_house)
rules.add_perm("core.use_admin", is_administrator)
rules.add_perm("core.view_report", is_coordinator)  # the yearly report (huis.core.report)
rules.add_perm("accounts.edit_own_profile", is_authenticated)
