"""Ervaringsdeskundigen: the coordination centre for experts by experience. Organisations ask
for experts; coordinators match, schedule and pay the legal volunteer allowance."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErvaringsdeskundigenConfig(AppConfig):
    name = "ervaringsdeskundigen"
    verbose_name = _("Experts by experience")

    def ready(self) -> None:
        from huis.core.allowance import register_allowance_figures, register_allowance_source

        from .report import register as register_report_section

        register_report_section()  # its part of the yearly report (huis.core.report)
        from huis.core.registry import OpenWorkProvider, register_open_work

        from .selectors import open_work_of

        register_open_work(
            OpenWorkProvider(
                name="ervaringsdeskundigen", label=_("Experts by experience"), items=open_work_of
            )
        )
        from huis.core.registry import (
            DashboardLink,
            PersonalDataProvider,
            RetentionRule,
            register_dashboard_link,
            register_personal_data,
            register_retention_rule,
        )

        from . import caching, privacy
        from .services import allowance

        caching.connect()
        # The experts' payments count in the house's one allowance register (with a person's
        # other roles), and the legal figures kept here are the ones every role uses.
        register_allowance_source(allowance.ALLOWANCE_SOURCE, allowance.register_totals)
        register_allowance_figures(allowance.legal_figures)

        section = _("Experts by experience")
        for link in [
            DashboardLink(
                section=section,
                title=_("Requests"),
                url_name="ervaringsdeskundigen:inbox",
                description=_("Requests from organisations: take them up, match and propose."),
                perm="ervaringsdeskundigen.manage",
                order=30,
            ),
            DashboardLink(
                section=section,
                title=_("Experts"),
                url_name="ervaringsdeskundigen:expert_list",
                description=_("The pool of experts by experience and their profiles."),
                perm="ervaringsdeskundigen.manage",
                order=31,
            ),
            DashboardLink(
                section=section,
                title=_("Planning"),
                url_name="ervaringsdeskundigen:board",
                description=_(
                    "All assignments per expert by week or month; clashes and overloads."
                ),
                perm="ervaringsdeskundigen.manage",
                order=32,
            ),
            DashboardLink(
                section=section,
                title=_("Hours and allowances"),
                url_name="ervaringsdeskundigen:reports",
                description=_("Approve reports; registers and monthly payout lists."),
                perm="ervaringsdeskundigen.manage",
                order=33,
            ),
            DashboardLink(
                section=section,
                title=_("Intervision"),
                url_name="ervaringsdeskundigen:intervision_list",
                description=_("Group sessions for experts, with places and attendance."),
                perm="ervaringsdeskundigen.manage",
                order=34,
            ),
        ]:
            register_dashboard_link(link)
        register_personal_data(
            PersonalDataProvider(
                name="ervaringsdeskundigen",
                label=_("Experts by experience"),
                export=privacy.export,
                erase=privacy.erase,
                order=30,
            )
        )
        register_retention_rule(
            RetentionRule(
                key="ervaringsdeskundigen.closed_requests",
                label=_("Contact details of closed requests for experts"),
                default_days=365 * 2,
                purge=privacy.purge_closed_requests,
            )
        )
