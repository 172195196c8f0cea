"""Who may do what in uitdatabank: the house's people decide what the house publishes."""

import rules

from huis.accounts.access import is_house

rules.add_perm("uitdatabank.manage_publishing", is_house)
