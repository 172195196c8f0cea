"""Who may do what in ontmoeting; the building blocks come from huis.accounts.access."""

import rules

rules.add_perm("ontmoeting.view_home", rules.always_allow)
