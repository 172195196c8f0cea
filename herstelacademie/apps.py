"""Herstelacademie: the Recovery College. Courses made and given together by an expert by
experience and a professional, open to all.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerstelacademieConfig(AppConfig):
    name = "herstelacademie"
    verbose_name = _("Recovery College")

    def ready(self) -> None:
        from huis.core.registry import TranslationEditor, register_translation_editor

        register_translation_editor(
            TranslationEditor(
                model="herstelacademie.Course", url_name="herstelacademie:course_update"
            )
        )
        register_translation_editor(
            TranslationEditor(model="herstelacademie.Term", url_name="herstelacademie:term_update")
        )
        from .report import register as register_report_section

        register_report_section()  # its part of the yearly report (huis.core.report)
        from huis.core.registry import (
            DashboardLink,
            PersonalDataProvider,
            RetentionRule,
            register_dashboard_link,
            register_personal_data,
            register_retention_rule,
        )
        from huis.places.services import claim_promoted

        from . import notify, privacy
        from .services import on_claim_promoted

        notify.register_message_audience()

        claim_promoted.connect(on_claim_promoted, dispatch_uid="herstelacademie.claim_promoted")
        _invalidate_public_pages_on_change()
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


def _invalidate_public_pages_on_change() -> None:
    """The catalogue and course pages are cached for anonymous visitors (huis.core.pagecache):
    any change to what they show, through a service or the admin, renders them anew. Places come
    from huis.places, which bumps "places" with every sign-up, cancellation and promotion."""
    from django.contrib.auth import get_user_model

    from huis.core.versioned_cache import unless_only, watch
    from huis.rooms.models import Room

    from .models import Course, CourseSession, CourseTrainer, Enrollment, Term, Theme

    watch(
        Course,
        CourseSession,
        CourseTrainer,
        Enrollment,
        Term,
        Theme,
        Room,
        Course.themes,
        scopes=["herstelacademie"],
    )
    # The catalogue and a course's page name the trainers: a changed name shows at once.
    watch(get_user_model(), scopes=["herstelacademie"], when=unless_only("last_login"))
