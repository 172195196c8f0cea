"""Who may do what in herstelacademie; the building blocks come from huis.accounts.access."""

import rules

rules.add_perm("herstelacademie.view_home", rules.always_allow)
