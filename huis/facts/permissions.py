"""Who may change the house's facts: the house's own staff (staff, coordinators, administrators)."""

import rules

from huis.accounts.access import is_house

rules.add_perm("facts.edit_facts", is_house)
