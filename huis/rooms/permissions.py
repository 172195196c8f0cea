"""Who may book the house's rooms, see a partner's booking, and set the rooms' rules."""

import rules

from huis.accounts.access import belongs_to_own_organisation, is_house, is_partner_worker

rules.add_perm("rooms.book_room", is_partner_worker)
rules.add_perm("rooms.manage_rooms", is_house)
rules.add_perm("rooms.view_partner_booking", is_house | belongs_to_own_organisation)
