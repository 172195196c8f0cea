from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "huis.core"
    label = "core"
    verbose_name = _("The house")

    def ready(self) -> None:
        from . import csrf_secrets
        from .content_language import pin_original_fields_to_dutch
        from .input_guard import install_single_line_guard
        from .registry import DashboardLink, register_dashboard_link

        # Every form of the portal (and allauth's): single-line fields stay on one line.
        install_single_line_guard()
        pin_original_fields_to_dutch()
        csrf_secrets.install()

        post_migrate.connect(_sync_retention, sender=self, dispatch_uid="core.sync_retention")
        for link in [
            DashboardLink(
                section=_("Reports"),
                title=_("Yearly report"),
                url_name="core:report",
                description=_(
                    "The figures of every function for a year or a period: PDF, workbook, CSV."
                ),
                perm="core.view_report",
                order=90,
            ),
            DashboardLink(
                section=_("Reports"),
                title=_("Missing translations"),
                url_name="core:missing_translations",
                description=_("Which texts have no French or English yet, with links to add them."),
                perm="core.view_missing_translations",
                order=92,
            ),
            DashboardLink(
                section=_("Trust and privacy"),
                title=_("Audit log"),
                url_name="admin:audit_auditentry_changelist",
                description=_("Who read or changed which data, when and from where. Read only."),
                perm="core.use_admin",
                order=95,
            ),
            DashboardLink(
                section=_("Trust and privacy"),
                title=_("Retention periods"),
                url_name="admin:core_retentionpolicy_changelist",
                description=_("How long each kind of record is kept before it is erased."),
                perm="core.use_admin",
                order=96,
            ),
        ]:
            register_dashboard_link(link)


def _sync_retention(sender, **kwargs) -> None:
    """Every registered retention rule gets its row (with the default days) after migrating."""
    from django.db import connections

    from .models import RetentionPolicy
    from .retention import retention_policies_sync

    # `migrate <one app>` may run before this app's own table exists: then there is nothing to sync.
    using = kwargs.get("using") or "default"
    if RetentionPolicy._meta.db_table not in connections[using].introspection.table_names():
        return
    retention_policies_sync()
