from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "huis.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        from . import authz, privacy

        privacy.register()
        authz.connect_signals()
        register_dashboard_link(
            DashboardLink(
                section=_("People and organisations"),
                title=_("People and organisations"),
                url_name="people:list",
                description=_("Invite workers, change roles, deactivate people who leave."),
                perm="accounts.manage_people",
                order=90,
            )
        )
        register_dashboard_link(
            DashboardLink(
                section=_("People and organisations"),
                title=_("Import people"),
                url_name="people:import",
                description=_("A list of people from a CSV or XLSX file: preview, import, undo."),
                perm="accounts.import_people",
                order=91,
            )
        )
