"""Who may do what in kwartiermaken; the building blocks come from huis.accounts.access.

- Partner workers and the house's people log outreach work and signals for their organisation, and
  see and change only their organisation's records.
- Coordinators (and administrators) see every organisation's records and the overviews of all;
  they change only their own organisation's records (someone else's entry: 403).
- Coordinators write the policy recommendations and move them through their workflow.
"""

from typing import Any

import rules
from django.db.models import QuerySet

from huis.accounts.access import (
    belongs_to_own_organisation,
    is_coordinator,
    is_house,
    is_partner_worker,
    visible_to,
)

is_worker = is_house | is_partner_worker

rules.add_perm("kwartiermaken.view_home", is_worker)
rules.add_perm("kwartiermaken.log_work", is_worker)
rules.add_perm(
    "kwartiermaken.view_entry", is_coordinator | (is_worker & belongs_to_own_organisation)
)
rules.add_perm("kwartiermaken.change_entry", is_worker & belongs_to_own_organisation)
rules.add_perm(
    "kwartiermaken.view_signal", is_coordinator | (is_worker & belongs_to_own_organisation)
)
rules.add_perm("kwartiermaken.change_signal", is_worker & belongs_to_own_organisation)
rules.add_perm("kwartiermaken.view_overview", is_worker)
rules.add_perm("kwartiermaken.see_all_organisations", is_coordinator)
rules.add_perm("kwartiermaken.see_notes_readers", is_coordinator)
rules.add_perm("kwartiermaken.manage_recommendations", is_coordinator)


def narrowed[Q: QuerySet](user: Any, queryset: Q) -> Q:
    """Every list, search, overview and export of entries and signals goes through here."""
    if not is_worker.test(user):
        return queryset.none()
    return visible_to(user, queryset, organisation_field="organisation")
