from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeeldvormingConfig(AppConfig):
    name = "beeldvorming"
    verbose_name = _("Destigmatisation")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        register_dashboard_link(
            DashboardLink(
                section=_("Destigmatisation"),
                title=_("Destigmatisation"),
                url_name="beeldvorming:home",
                description=_("Campaigns, talks, testimonies and their reach."),
                perm="beeldvorming.view_home",
                order=40,
            )
        )
