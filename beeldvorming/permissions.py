"""Who may do what in beeldvorming; the building blocks come from huis.accounts.access.

- Everyone reads the published stories and the public page.
- Visitors and experts write their own stories and decide about their consent.
- The house's people (staff, coordinators, administrators) run campaigns, review stories and read
  the reach overview.
- Experts who take part in a campaign's actions may download its materials.
"""

from typing import Any

import rules

from huis.accounts.access import is_expert, is_house, is_visitor


@rules.predicate
def is_author(user: Any, testimony: Any) -> bool:
    """Like access.is_own, for a testimony's `author`."""
    return (
        testimony is not None
        and getattr(user, "is_authenticated", False)
        and testimony.author_id == user.pk
    )


@rules.predicate
def takes_part_in_campaign(user: Any, material: Any) -> bool:
    if material is None or not getattr(user, "is_authenticated", False):
        return False
    return material.campaign.actions.filter(experts=user).exists()


rules.add_perm("beeldvorming.view_home", rules.always_allow)
rules.add_perm("beeldvorming.manage_campaigns", is_house)
rules.add_perm("beeldvorming.view_material", is_house | (is_expert & takes_part_in_campaign))
rules.add_perm("beeldvorming.view_reach", is_house)
rules.add_perm("beeldvorming.review_testimonies", is_house)
rules.add_perm("beeldvorming.write_testimony", is_visitor | is_expert)
rules.add_perm("beeldvorming.change_own_testimony", is_author)
