"""The house's own words in Dutch, French and English, so a new portal explains them at once."""

from django.db import migrations


def seed(apps, schema_editor):
    from huis.glossary.words import seed_words

    seed_words(apps.get_model("glossary", "Word"))


class Migration(migrations.Migration):
    dependencies = [("glossary", "0001_glossary_words")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
