"""Kwartiermaken: neighbourhood work. Partners log outreach, signal thresholds and gaps, and the
house turns them into policy recommendations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwartiermakenConfig(AppConfig):
    name = "kwartiermaken"
    verbose_name = _("Neighbourhood work")

    def ready(self) -> None:
        from .report import register as register_report_section

        register_report_section()  # its part of the yearly report (huis.core.report)
        from huis.core.registry import (
            DashboardLink,
            HomeSection,
            PersonalDataProvider,
            RetentionRule,
            SensitiveRecord,
            register_dashboard_link,
            register_home_section,
            register_personal_data,
            register_retention_rule,
            register_sensitive_record,
        )

        from . import figures_cache, privacy

        # What the overview's cached drawings are made of (the administrators' lists of
        # neighbourhoods and needs, for one, do not know about that drawing).
        figures_cache.connect()

        section = _("Neighbourhood work")
        for link in [
            DashboardLink(
                section=section,
                title=_("Neighbourhood work"),
                url_name="kwartiermaken:home",
                description=_("Log outreach work; follow-ups due."),
                perm="kwartiermaken.view_home",
                order=50,
            ),
            DashboardLink(
                section=section,
                title=_("Signals"),
                url_name="kwartiermaken:signal_list",
                description=_("Thresholds and gaps that partners ran into."),
                perm="kwartiermaken.log_work",
                order=51,
            ),
            DashboardLink(
                section=section,
                title=_("Overview of the neighbourhood work"),
                url_name="kwartiermaken:overview",
                description=_("Per neighbourhood, kind of work and month: charts, tables, CSV."),
                perm="kwartiermaken.view_overview",
                order=52,
            ),
            DashboardLink(
                section=section,
                title=_("Policy recommendations"),
                url_name="kwartiermaken:recommendation_list",
                description=_("Signals bundled into proposals for services and policy makers."),
                perm="kwartiermaken.manage_recommendations",
                order=53,
            ),
        ]:
            register_dashboard_link(link)
        register_home_section(
            HomeSection(
                name="kwartiermaken.follow_ups",
                template_name="kwartiermaken/home_section.html",
                context=_home_context,
                order=5,
            )
        )
        register_personal_data(
            PersonalDataProvider(
                name="kwartiermaken",
                label=_("Neighbourhood work"),
                export=privacy.export_person,
                erase=privacy.erase_person,
                order=50,
            )
        )
        register_retention_rule(
            RetentionRule(
                key="kwartiermaken.entry_notes",
                label=_("Notes and contact codes of outreach entries"),
                default_days=privacy.NOTES_RETENTION_DAYS,
                purge=privacy.purge_notes,
            )
        )
        # The notes of an outreach entry say something about a person's life: reading them is
        # recorded (a partner's own list shows the entries, never the notes).
        register_sensitive_record(
            SensitiveRecord(
                name="kwartiermaken.entry_notes",
                records=_entry_notes,
                texts=lambda entry: [entry.notes],
            )
        )


def _entry_notes() -> list:
    from .models import OutreachEntry

    return list(OutreachEntry.objects.exclude(notes="").only("pk", "notes"))


def _home_context(request) -> dict:
    """A worker's follow-ups due, on the page they land on after logging in; nothing for others."""
    from .permissions import is_worker
    from .selectors import follow_ups_due

    user = request.user
    if not is_worker.test(user):
        return {}
    return {"follow_ups": follow_ups_due(user=user, limit=5)}
