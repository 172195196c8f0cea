"""The house's facts as the portal knew them before they were data: the name and welcome text of
the home page, and the email and phone of the house's organisation when it has them."""

from django.db import migrations

WELCOME = {
    "nl": "Een huis midden in de stad. Hier kan je mensen ontmoeten, leren en samen herstellen.",
    "fr": (
        "Une maison au cœur de la ville. Ici, vous pouvez rencontrer des gens, apprendre et "
        "vous rétablir ensemble."
    ),
    "en": "A house in the middle of the city. Here you can meet people, learn and recover together.",
}


def seed(apps, schema_editor):
    HouseFacts = apps.get_model("facts", "HouseFacts")
    Organisation = apps.get_model("accounts", "Organisation")
    if HouseFacts.objects.filter(pk=1).exists():
        return
    house = Organisation.objects.filter(kind="house", is_active=True).first()
    HouseFacts.objects.create(
        pk=1,
        name="Huis met vele kamers",
        email=getattr(house, "email", "") or "",
        phone=getattr(house, "phone", "") or "",
        **{f"welcome_{lang}": text for lang, text in WELCOME.items()},
    )


class Migration(migrations.Migration):
    dependencies = [("facts", "0001_house_facts"), ("accounts", "0005_import_batch")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
