"""The roles of the portal as groups, with the permissions of the shared core's models."""

from django.db import migrations

from huis.accounts.migration_helpers import ensure_permissions, grant

ROLES = ["visitor", "expert", "partner_worker", "staff", "coordinator", "administrator"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    ensure_permissions(apps)
    grant(apps, "staff", ["rooms.view_room", "rooms.view_roombooking", "accounts.view_organisation"])
    grant(
        apps,
        "coordinator",
        [
            "rooms.view_room",
            "rooms.view_roombooking",
            "accounts.view_organisation",
            "accounts.add_organisation",
            "accounts.change_organisation",
            "accounts.view_membership",
            "accounts.add_membership",
            "accounts.change_membership",
        ],
    )
    Permission = apps.get_model("auth", "Permission")
    administrator = Group.objects.get(name="administrator")
    administrator.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["accounts", "rooms", "audit", "auth"]
        ).exclude(codename__in=["change_auditentry", "delete_auditentry", "add_auditentry"])
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("audit", "0001_initial"),
        ("rooms", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
