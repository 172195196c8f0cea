"""Het netwerk: the partner network (charter, warm referrals, shared guidance, welcoming places)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = _("Partner network")

    def ready(self) -> None:
        from huis.core.registry import TranslationEditor, register_translation_editor

        register_translation_editor(
            TranslationEditor(model="netwerk.WelcomingPlace", url_name="netwerk:place_update")
        )
        from .report import register as register_report_section

        register_report_section()  # its part of the yearly report (huis.core.report)
        from huis.core.registry import OpenWorkProvider, register_open_work

        from .selectors import open_work_of

        register_open_work(OpenWorkProvider(name="netwerk", label=_("Network"), items=open_work_of))
        from huis.core.registry import RepresentedData, register_represented_data

        from . import privacy as network_privacy

        register_represented_data(
            RepresentedData(
                name=network_privacy.SUBJECT,
                label=_("Partner network"),
                export=network_privacy.export_referred_person,
                subject_label=network_privacy.referred_person_label,
                url=network_privacy.referred_person_url,
            )
        )
        from huis.core.registry import OnboardingStep, register_onboarding_step

        from .onboarding import charter_states

        register_onboarding_step(
            OnboardingStep(
                name="netwerk.charter", label=_("Network charter"), states=charter_states
            )
        )
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

        from . import privacy

        section = _("Partner network")
        for link in [
            DashboardLink(
                section=section,
                title=_("Partner network"),
                url_name="netwerk:home",
                description=_("Refer a person; the inbox of referrals; evaluations coming up."),
                perm="netwerk.view_home",
                order=60,
            ),
            DashboardLink(
                section=section,
                title=_("Guidance without a lead partner"),
                url_name="netwerk:guidance_without_lead",
                description=_("After a partner withdrew: find another partner to take over."),
                perm="netwerk.see_guidance_without_lead",
                order=61,
            ),
            DashboardLink(
                section=section,
                title=_("The network's charter"),
                url_name="netwerk:charter",
                description=_("Versions, who signed which; publish a new version."),
                perm="netwerk.view_network",
                order=62,
            ),
            DashboardLink(
                section=section,
                title=_("Welcoming places"),
                url_name="netwerk:place_manage",
                description=_("Clubs and businesses that welcome people; the public list."),
                perm="netwerk.manage_places",
                order=63,
            ),
            DashboardLink(
                section=section,
                title=_("Intervision and working groups"),
                url_name="netwerk:group_list",
                description=_("Partners learn together: groups, sessions, agendas and minutes."),
                perm="netwerk.view_groups",
                order=64,
            ),
        ]:
            register_dashboard_link(link)
        register_home_section(
            HomeSection(
                name="netwerk.inbox",
                template_name="netwerk/home_section.html",
                context=_home_context,
                order=6,
            )
        )
        register_personal_data(
            PersonalDataProvider(
                name="netwerk",
                label=_("Partner network"),
                export=privacy.export_person,
                erase=privacy.erase_person,
                order=60,
            )
        )
        register_retention_rule(
            RetentionRule(
                key="netwerk.person_details",
                label=_("Details of persons whose referrals ended"),
                default_days=privacy.PERSON_DETAILS_RETENTION_DAYS,
                purge=privacy.purge_person_details,
            )
        )
        # A referral carries a person's question and what a partner needs to know: every read by
        # someone other than the person is recorded (the crawl in tests/trust checks every page).
        register_sensitive_record(
            SensitiveRecord(
                name="netwerk.referral",
                records=_referrals,
                texts=lambda referral: [referral.question, referral.minimum_needed],
                owner_id=lambda referral: referral.person.user_id,
            )
        )


def _home_context(request) -> dict:
    """A worker's inbox count and the charter to sign, on the page they land on; nothing for
    others."""
    from .permissions import is_worker
    from .selectors import current_charter, inbox_counts, organisations_to_sign

    user = request.user
    if not is_worker.test(user):
        return _learning_context(user)
    return {
        "counts": inbox_counts(user=user),
        "to_sign": organisations_to_sign(user=user),
        "charter": current_charter(),
    }


def _learning_context(user) -> dict:
    """An expert by experience in a partners' group finds it from the page they land on
    (workers reach it through the network's pages)."""
    from huis.accounts.access import is_expert

    if not is_expert.test(user):
        return {}
    from .models import LearningGroup

    count = LearningGroup.objects.filter(members=user).count()
    return {"learning_groups": count} if count else {}


def _referrals() -> list:
    from .models import Referral

    return list(
        Referral.objects.select_related("person").only(
            "pk", "question", "minimum_needed", "person__user_id"
        )
    )
