"""Vrijwilligers: the volunteers who staff the reception, make the coffee, lead activities and
accompany visitors. A roster of shifts with places (huis.places), reminders (the outbox), hours
and the volunteer allowance in the house's one register (huis.core.allowance)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VrijwilligersConfig(AppConfig):
    name = "vrijwilligers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from huis.core.allowance import register_allowance_source
        from huis.core.registry import (
            STAFF_SCOPE,
            AgendaSource,
            DashboardLink,
            HomeSection,
            PersonalDataProvider,
            RetentionRule,
            SensitiveRecord,
            StaffProvider,
            register_agenda_source,
            register_dashboard_link,
            register_home_section,
            register_personal_data,
            register_retention_rule,
            register_sensitive_record,
            register_staff_provider,
        )
        from huis.core.versioned_cache import watch
        from huis.places.services import claim_promoted

        from . import agenda, caching, privacy, services
        from .models import Shift
        from .report import register as register_report_section

        register_report_section()  # its part of the yearly report (huis.core.report)
        # A volunteer's shifts in their own agenda; an activity's volunteers on its pages.
        register_agenda_source(AgendaSource(name="vrijwilligers", entries=agenda.agenda_entries))
        register_staff_provider(StaffProvider(name="vrijwilligers", people=agenda.staff_of))
        watch(Shift, scopes=[STAFF_SCOPE])  # a moved or cancelled shift renews the activity's page
        caching.connect()  # the coordinators' boards, kept until a shift or its people change

        claim_promoted.connect(services.on_claim_promoted, dispatch_uid="vrijwilligers.promoted")
        # A volunteer's allowance counts with what the same person gets in any other role.
        register_allowance_source(services.ALLOWANCE_SOURCE, services.register_totals)

        section = _("Volunteers")
        for link in [
            DashboardLink(
                section=section,
                title=_("Volunteer roster: week"),
                url_name="vrijwilligers:board_week",
                description=_("Who is on which shift this week, and where someone is missing."),
                perm="vrijwilligers.view_board",
                order=70,
            ),
            DashboardLink(
                section=section,
                title=_("Volunteer roster: month"),
                url_name="vrijwilligers:board_month",
                description=_("The month at a glance: gaps in words and colour."),
                perm="vrijwilligers.view_board",
                order=71,
            ),
            DashboardLink(
                section=section,
                title=_("Volunteers"),
                url_name="vrijwilligers:volunteer_list",
                description=_("Applications, profiles and the legal facts."),
                perm="vrijwilligers.manage",
                order=72,
            ),
            DashboardLink(
                section=section,
                title=_("Volunteer hours"),
                url_name="vrijwilligers:hours_list",
                description=_("Confirm hours; the allowance stays under the caps."),
                perm="vrijwilligers.manage",
                order=73,
            ),
            DashboardLink(
                section=section,
                title=_("Volunteer figures"),
                url_name="vrijwilligers:figures",
                description=_("Volunteers, hours and filled shifts per month."),
                perm="vrijwilligers.manage",
                order=74,
            ),
        ]:
            register_dashboard_link(link)
        register_home_section(
            HomeSection(
                name="vrijwilligers.my_shifts",
                template_name="vrijwilligers/home_section.html",
                context=_home_context,
                order=6,
            )
        )
        register_personal_data(
            PersonalDataProvider(
                name="vrijwilligers",
                label=_("Volunteers"),
                export=privacy.export_person,
                erase=privacy.erase_person,
                order=70,
            )
        )
        register_retention_rule(
            RetentionRule(
                key="vrijwilligers.applications",
                label=_("Answered applications to volunteer"),
                default_days=privacy.APPLICATION_DAYS,
                purge=privacy.purge_applications,
            )
        )
        # What someone wrote when applying may say something about their life: reads are logged.
        register_sensitive_record(
            SensitiveRecord(
                name="vrijwilligers.application",
                records=_applications,
                texts=lambda application: [application.message] if application.message else [],
            )
        )


def _applications() -> list:
    from .models import Application

    return list(Application.objects.exclude(message="").only("pk", "message"))


def _home_context(request) -> dict:
    """A volunteer's next shifts on the page they land on after logging in; for visitors and
    passers-by, an invitation to become a volunteer."""
    from huis.accounts.access import is_house, is_volunteer

    from .permissions import is_active_volunteer
    from .selectors import my_claims, volunteer_of

    user = request.user
    if not is_active_volunteer.test(user):
        return {} if is_house.test(user) or is_volunteer.test(user) else {"invite": True}
    volunteer = volunteer_of(user)
    return {"volunteer_claims": my_claims(volunteer=volunteer)[:3]}
