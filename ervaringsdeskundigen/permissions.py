"""Who may do what in ervaringsdeskundigen; the building blocks come from huis.accounts.access."""

import rules

rules.add_perm("ervaringsdeskundigen.view_home", rules.always_allow)
