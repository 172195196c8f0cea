"""Who may change the house's words: coordinators (and administrators)."""

import rules

from huis.accounts.access import is_coordinator

rules.add_perm("glossary.edit_terms", is_coordinator)
