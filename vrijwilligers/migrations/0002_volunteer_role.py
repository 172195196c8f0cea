"""The volunteer role (a group, like the other roles of huis.accounts.roles)."""

from django.db import migrations


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="volunteer")


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="volunteer").delete()


class Migration(migrations.Migration):
    dependencies = [("vrijwilligers", "0001_initial"), ("accounts", "0002_roles")]
    operations = [migrations.RunPython(create_role, remove_role)]
