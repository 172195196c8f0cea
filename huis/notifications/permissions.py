"""Who may see and retry the outbox's failed messages: the house's own people."""

import rules

from huis.accounts.access import is_house

rules.add_perm("notifications.view_failed", is_house)
rules.add_perm("notifications.retry", is_house)
