"""Who may do what in ontmoeting; the building blocks come from huis.accounts.access."""

import rules

from huis.accounts.access import is_authenticated, is_house, is_own

# Everyone sees the public agenda and signs up (with an account or as a guest).
rules.add_perm("ontmoeting.view_home", rules.always_allow)
rules.add_perm("ontmoeting.view_own_registrations", is_authenticated)
# A sign-up (a huis.places claim) belongs to the person who made it; staff see all of them.
rules.add_perm("ontmoeting.view_registration", is_own | is_house)
rules.add_perm("ontmoeting.change_registration", is_own | is_house)
# Planning the programme, the desk and the figures: the house's own people.
rules.add_perm("ontmoeting.manage_programme", is_house)
