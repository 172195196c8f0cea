"""uitdatabank: the house's public agenda published to publiq's UiTdatabank (and so to
UiTinVlaanderen, city agendas and apps), kept true by itself.

It learns about changes through model signals on ontmoeting's and herstelacademie's models
(named by label, not imported) and on the core's places; those apps do not know this one.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UitdatabankConfig(AppConfig):
    name = "uitdatabank"
    verbose_name = _("UiTdatabank")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link
        from huis.core.versioned_cache import watch

        from . import signals
        from .models import CategoryMapping, Change, Publication
        from .selectors import SCOPE

        signals.connect()
        # The publishing list's kept pages (selectors.TABLE).
        watch(Publication, Change, CategoryMapping, scopes=[SCOPE])
        watch(Change, scopes=[SCOPE], bumped_by="uitdatabank.services and uitdatabank.outbox")
        register_dashboard_link(
            DashboardLink(
                section=_("UiTdatabank"),
                title=_("Publishing to UiTdatabank"),
                url_name="uitdatabank:publications",
                description=_(
                    "Show activities and courses on UiTinVlaanderen and city agendas, and see "
                    "how it went."
                ),
                perm="uitdatabank.manage_publishing",
                order=15,
            )
        )
