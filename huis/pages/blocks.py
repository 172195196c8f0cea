"""The blocks staff can write, and where each one shows. A page names its block in its template
(`{% page_block "intro-ontmoeting" %}today's text{% endpage_block %}`); the text between the tags
stays on the page until a block is written and published."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class BlockKind:
    key: str
    label: Promise | str
    where: str  # the URL name of the page that shows it


BLOCKS: tuple[BlockKind, ...] = (
    BlockKind("home-welcome", _("Home page: welcome"), "core:home"),
    BlockKind("home-what", _("Home page: what happens in the house"), "core:home"),
    BlockKind("about", _("About the house"), "pages:about"),
    BlockKind("intro-ontmoeting", _("Introduction: meeting and agenda"), "ontmoeting:home"),
    BlockKind("intro-herstelacademie", _("Introduction: Recovery College"), "herstelacademie:home"),
    BlockKind(
        "intro-ervaringsdeskundigen",
        _("Introduction: experts by experience"),
        "ervaringsdeskundigen:home",
    ),
    BlockKind("intro-beeldvorming", _("Introduction: talking openly"), "beeldvorming:home"),
    BlockKind("intro-kwartiermaken", _("Introduction: making room"), "kwartiermaken:home"),
    BlockKind("intro-netwerk", _("Introduction: the network"), "netwerk:home"),
    BlockKind("intro-trajecten", _("Introduction: guidance"), "trajecten:home"),
    BlockKind("intro-vrijwilligers", _("Introduction: volunteers"), "vrijwilligers:apply"),
)
BY_KEY = {kind.key: kind for kind in BLOCKS}
