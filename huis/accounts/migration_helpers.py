"""Helpers for data migrations that give roles their permissions.

Each app's own migration calls `grant(apps, role, [...])` for the permissions of its models, so a
role's rights grow with the apps and are visible in the migration history.
"""

from collections.abc import Iterable


def ensure_permissions(apps) -> None:
    """Django creates permissions after migrating; data migrations need them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, role: str, permissions: Iterable[str]) -> None:
    """Give `role` the permissions named "app_label.codename"."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=role)
    for name in permissions:
        app_label, codename = name.split(".", 1)
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
