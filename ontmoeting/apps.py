"""Ontmoeting: the open house. Visitors browse the programme of activities and sign up, or just
walk in.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntmoetingConfig(AppConfig):
    name = "ontmoeting"
    verbose_name = _("Meeting")

    def ready(self) -> None:
        from huis.core.registry import TranslationEditor, register_translation_editor

        register_translation_editor(
            TranslationEditor(model="ontmoeting.Activity", url_name="ontmoeting:activity_update")
        )
        from huis.core.registry import (
            DashboardLink,
            HomeSection,
            register_dashboard_link,
            register_home_section,
        )
        from huis.places.services import claim_promoted

        from . import notify, privacy, report
        from .services import on_claim_promoted

        privacy.register()
        report.register()
        notify.register_message_audience()

        register_home_section(
            HomeSection(
                name="ontmoeting.open_hours",
                template_name="ontmoeting/home_section.html",
                context=_home_context,
                order=10,
            )
        )
        claim_promoted.connect(on_claim_promoted, dispatch_uid="ontmoeting.claim_promoted")
        _invalidate_public_pages_on_change()
        for link in [
            DashboardLink(
                section=_("Meeting"),
                title=_("Programme"),
                url_name="ontmoeting:staff_list",
                description=_("Plan activities and series, see sign-ups and check people in."),
                perm="ontmoeting.manage_programme",
                order=10,
            ),
            DashboardLink(
                section=_("Meeting"),
                title=_("Open hours and walk-in"),
                url_name="ontmoeting:walk_in",
                description=_("When the house is open, and how many people dropped in."),
                perm="ontmoeting.manage_programme",
                order=11,
            ),
            DashboardLink(
                section=_("Meeting"),
                title=_("Figures per month and year"),
                url_name="ontmoeting:overview",
                description=_("Activities, sign-ups, attendance and walk-ins."),
                perm="ontmoeting.manage_programme",
                order=12,
            ),
        ]:
            register_dashboard_link(link)


def _home_context(request) -> dict:
    from .selectors import open_hours

    return {"open_hours": open_hours()}


def _invalidate_public_pages_on_change() -> None:
    """The public agenda and activity pages are cached for anonymous visitors (huis.core.pagecache,
    under the scopes "ontmoeting" and "places"): any change to what they show, through a service or
    the admin, renders them anew. huis.places bumps "places" itself."""
    from django.contrib.auth import get_user_model

    from huis.core.versioned_cache import unless_only, watch
    from huis.rooms.models import Room

    from .models import Activity, Series

    # The walk-in hours are the house's opening hours (huis.facts' OpeningPeriod): huis.facts
    # watches them and its service bumps after its bulk write under "house", a scope every cached
    # page carries (huis.core.pagecache.EVERY_PAGE); a watch here would miss that bulk write.
    watch(Activity, Series, Room, Activity.leaders, scopes=["ontmoeting"])
    # An activity's page names its leaders: a changed name shows at once (a login changes none).
    watch(get_user_model(), scopes=["ontmoeting"], when=unless_only("last_login"))
