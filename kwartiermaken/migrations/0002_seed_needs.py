"""The needs list starts with the needs partners see most; administrators keep it up to date."""

from django.db import migrations

NEEDS = [
    "Wonen",
    "Inkomen",
    "Schulden",
    "Gezondheid",
    "Psychisch welzijn",
    "Eenzaamheid",
    "Administratie en papieren",
    "Taal",
    "Werk en dagbesteding",
    "Digitale vaardigheden",
    "Opvoeding en gezin",
    "Verslaving",
]


def seed(apps, schema_editor):
    Need = apps.get_model("kwartiermaken", "Need")
    for order, name in enumerate(NEEDS, start=1):
        if not Need.objects.filter(name__iexact=name).exists():
            Need.objects.create(name=name, order=order * 10)


class Migration(migrations.Migration):
    dependencies = [("kwartiermaken", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
