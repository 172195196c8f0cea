"""Who may write the public pages' texts and news: the coordinators (and administrators)."""

import rules

from huis.accounts.access import is_coordinator

rules.add_perm("pages.edit_pages", is_coordinator)
