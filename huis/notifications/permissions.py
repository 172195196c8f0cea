"""Who may see and retry the outbox's failed messages: the house's own people."""

import rules

from huis.accounts.access import is_house

rules.add_perm("notifications.view_failed", is_house)
rules.add_perm("notifications.retry", is_house)
# Writing to everyone signed up for an activity or a course: the house's own people.
rules.add_perm("notifications.write_message", is_house)
