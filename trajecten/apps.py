"""Trajecten: programmes such as Housing First for families. A worker prepares an application with
the family, an inclusion committee of partners decides, admitted households get a trajectory with a
plan per life domain, and the outcomes are measured from the trajectories themselves."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajectories")

    def ready(self) -> None:
        from .report import register as register_report_section

        register_report_section()  # its part of the yearly report (huis.core.report)
        from huis.core.registry import (
            DashboardLink,
            PersonalDataProvider,
            RetentionRule,
            SensitiveRecord,
            register_dashboard_link,
            register_personal_data,
            register_retention_rule,
            register_sensitive_record,
        )

        from . import privacy

        section = _("Trajectories")
        for link in [
            DashboardLink(
                section=section,
                title=_("Trajectories"),
                url_name="trajecten:home",
                description=_(
                    "Applications, the inclusion committee and the families in guidance."
                ),
                perm="trajecten.view_home",
                order=60,
            ),
            DashboardLink(
                section=section,
                title=_("Inclusion committee"),
                url_name="trajecten:meeting_list",
                description=_("Meetings, agenda and decisions."),
                perm="trajecten.view_meetings",
                order=61,
            ),
            DashboardLink(
                section=section,
                title=_("Results of the programmes"),
                url_name="trajecten:results",
                description=_("Housing kept and goals reached, computed from the trajectories."),
                perm="trajecten.view_results",
                order=62,
            ),
        ]:
            register_dashboard_link(link)
        register_personal_data(
            PersonalDataProvider(
                name="trajecten",
                label=_("Trajectories"),
                export=privacy.export_person,
                erase=privacy.erase_person,
                order=60,
            )
        )
        register_retention_rule(
            RetentionRule(
                key="trajecten.closed_applications",
                label=_("Stories of applications that were not admitted or were withdrawn"),
                default_days=privacy.CLOSED_APPLICATION_DAYS,
                purge=privacy.purge_closed_applications,
            )
        )
        # An application holds a family's story and question: every read is recorded (the crawl in
        # tests/trust checks every page).
        register_sensitive_record(
            SensitiveRecord(
                name="trajecten.application",
                records=_applications,
                texts=lambda application: [application.in_their_words, application.what_they_ask],
            )
        )


def _applications() -> list:
    from .models import Application

    return list(Application.objects.only("pk", "in_their_words", "what_they_ask"))
