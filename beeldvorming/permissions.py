"""Who may do what in beeldvorming; the building blocks come from huis.accounts.access."""

import rules

rules.add_perm("beeldvorming.view_home", rules.always_allow)
