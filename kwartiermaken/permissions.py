"""Who may do what in kwartiermaken; the building blocks come from huis.accounts.access."""

import rules

from huis.accounts.access import is_house, is_partner_worker

rules.add_perm("kwartiermaken.view_home", is_house | is_partner_worker)
