from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeeldvormingConfig(AppConfig):
    name = "beeldvorming"
    verbose_name = _("Destigmatisation")

    def ready(self) -> None:
        from huis.core.registry import TranslationEditor, register_translation_editor

        register_translation_editor(
            TranslationEditor(
                model="beeldvorming.Campaign", url_name="beeldvorming:campaign_update"
            )
        )
        from .report import register as register_report_section

        register_report_section()  # its part of the yearly report (huis.core.report)
        from huis.core.registry import DashboardLink, register_dashboard_link

        from . import privacy

        privacy.register()

        section = _("Destigmatisation")
        for link in [
            DashboardLink(
                section=section,
                title=_("Campaigns"),
                url_name="beeldvorming:campaign_list",
                description=_("Campaigns, talks, stands and their materials."),
                perm="beeldvorming.manage_campaigns",
                order=40,
            ),
            DashboardLink(
                section=section,
                title=_("Stories to read"),
                url_name="beeldvorming:review_list",
                description=_("Read the stories people send, and publish them."),
                perm="beeldvorming.review_testimonies",
                order=41,
            ),
            DashboardLink(
                section=section,
                title=_("Reach"),
                url_name="beeldvorming:reach",
                description=_(
                    "How many people the campaigns reached: per campaign, audience and month."
                ),
                perm="beeldvorming.view_reach",
                order=42,
            ),
        ]:
            register_dashboard_link(link)
