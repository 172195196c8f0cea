from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "huis.core"
    label = "core"
    verbose_name = _("The house")

    def ready(self) -> None:
        post_migrate.connect(_sync_retention, sender=self, dispatch_uid="core.sync_retention")


def _sync_retention(sender, **kwargs) -> None:
    """Every registered retention rule gets its row (with the default days) after migrating."""
    from .retention import retention_policies_sync

    retention_policies_sync()
