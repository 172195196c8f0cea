"""Rules for the shared core's own pages. Function apps keep theirs in their `permissions.py`."""

import rules

from .access import is_administrator, is_authenticated, is_coordinator, is_house

rules.add_perm("core.view_dashboard", is_house)
rules.add_perm("core.use_admin", is_administrator)
rules.add_perm("core.view_report", is_coordinator)  # the yearly report (huis.core.report)
# Which content lacks French or English (huis.core.translations_overview).
rules.add_perm("core.view_missing_translations", is_coordinator)
rules.add_perm("accounts.edit_own_profile", is_authenticated)


@rules.predicate
def is_contact_person(user) -> bool:
    from .models import Membership

    return bool(getattr(user, "is_authenticated", False)) and (
        Membership.objects.filter(user=user, is_contact_person=True, ended_on__isnull=True).exists()
    )


# People and organisations (issue #25): coordinators for everyone; an organisation's contact
# person invites their own colleagues.
rules.add_perm("accounts.view_people", is_coordinator | is_contact_person)
rules.add_perm("accounts.manage_people", is_coordinator)
# Importing a list of people: the house's own people.
rules.add_perm("accounts.import_people", is_house)
