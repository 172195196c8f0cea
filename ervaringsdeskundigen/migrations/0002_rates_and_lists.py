"""The legal allowance figures for 2025 and 2026, and the first managed lists.

Daily and yearly caps are the legal ones (issue 6). The higher yearly cap is left empty (the
normal cap applies until an administrator fills it in from the yearly circular), and the km rate
is the indexed rate for volunteers at the time of writing: both are editable in the admin.
"""

from decimal import Decimal

from django.db import migrations

RATES = [
    # year, daily cap, yearly cap, km rate
    (2025, "42.31", "1692.51", "0.4415"),
    (2026, "44.02", "1760.83", "0.4246"),
]

THEMES = [
    ("psychose", "Psychose"),
    ("depressie", "Depressie"),
    ("verslaving", "Verslaving"),
    ("trauma", "Trauma"),
    ("dakloosheid", "Dakloosheid"),
    ("familielid", "Familielid"),
    ("angst", "Angst"),
    ("bipolariteit", "Bipolariteit"),
    ("eetstoornis", "Eetstoornis"),
    ("suicide", "Zelfdoding en suïcidale gedachten"),
    ("burn-out", "Burn-out"),
    ("opname", "Opname en dwang"),
]

WORK_KINDS = [
    ("getuigenis", "Getuigenis", False),
    ("vorming", "Vorming of training", False),
    ("co-teaching", "Co-teaching", False),
    ("panel", "Panelgesprek", False),
    ("beleidsadvies", "Beleidsadvies", False),
    ("ondersteuning", "Ondersteuning op een afdeling", True),
]

LANGUAGES = [
    ("nl", "Nederlands"),
    ("fr", "Frans"),
    ("en", "Engels"),
    ("de", "Duits"),
    ("ar", "Arabisch"),
    ("tr", "Turks"),
    ("vgt", "Vlaamse Gebarentaal"),
]


def forwards(apps, schema_editor):
    rate = apps.get_model("ervaringsdeskundigen", "AllowanceRate")
    for year, daily, yearly, km in RATES:
        rate.objects.update_or_create(
            year=year,
            defaults={
                "daily_cap": Decimal(daily),
                "yearly_cap": Decimal(yearly),
                "km_rate": Decimal(km),
                "km_yearly_max": 2000,
            },
        )
    for model_name, rows in (("Theme", THEMES), ("Language", LANGUAGES)):
        model = apps.get_model("ervaringsdeskundigen", model_name)
        for order, (slug, name) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    kind = apps.get_model("ervaringsdeskundigen", "WorkKind")
    for order, (slug, name, higher) in enumerate(WORK_KINDS):
        kind.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order, "higher_cap": higher}
        )


class Migration(migrations.Migration):
    dependencies = [("ervaringsdeskundigen", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
