"""Herstelacademie: the Recovery College. Courses made and given together by an expert by
experience and a professional, open to all.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerstelacademieConfig(AppConfig):
    name = "herstelacademie"
    verbose_name = _("Recovery College")

    def ready(self) -> None:
        from huis.core.registry import (
            DashboardLink,
            PersonalDataProvider,
            RetentionRule,
            register_dashboard_link,
            register_personal_data,
            register_retention_rule,
        )
        from huis.places.services import claim_promoted

        from . import privacy
        from .services import on_claim_promoted

        claim_promoted.connect(on_claim_promoted, dispatch_uid="herstelacademie.claim_promoted")
        section = _("Recovery College")
        for link in [
            DashboardLink(
                section=section,
                title=_("Terms and courses"),
                url_name="herstelacademie:staff_list",
                description=_("Plan terms, courses, trainers and sessions."),
                perm="herstelacademie.manage_courses",
                order=20,
            ),
            DashboardLink(
                section=section,
                title=_("Teaching: courses, students and attendance"),
                url_name="herstelacademie:teach",
                description=_("Students, intakes, attendance per session and evaluations."),
                perm="herstelacademie.teach",
                order=21,
            ),
            DashboardLink(
                section=section,
                title=_("Students I accompany"),
                url_name="herstelacademie:companion_list",
                description=_("What students share with you as their learning companion."),
                perm="herstelacademie.teach",
                order=22,
            ),
        ]:
            register_dashboard_link(link)
        register_personal_data(
            PersonalDataProvider(
                name="herstelacademie",
                label=_("Recovery College"),
                export=privacy.export,
                erase=privacy.erase,
                order=20,
            )
        )
        register_retention_rule(
            RetentionRule(
                key="herstelacademie.enrolment_notes",
                label=_("Recovery College: notes with enrolments and intakes"),
                default_days=730,
                purge=privacy.purge_notes,
            )
        )
