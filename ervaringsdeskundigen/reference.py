"""The reference data the data migrations write (managed lists, legal figures, places).

A database emptied by a flush (a transactional test, or `flush` before `seed_demo`) has lost
it; `restore()` puts it back with the current models, as the migrations wrote it. Existing
rows are left as an administrator edited them.
"""

import importlib
from decimal import Decimal

from django.apps import apps

from . import caching


def _migration(name: str):
    return importlib.import_module(f"ervaringsdeskundigen.migrations.{name}")


def restore() -> None:
    from .models import AllowanceRate, Language, Theme, WorkKind

    lists = _migration("0002_rates_and_lists")
    for year, daily, yearly, _km in lists.RATES:
        AllowanceRate.objects.get_or_create(
            year=year,
            defaults={
                "daily_cap": Decimal(daily),
                "yearly_cap": Decimal(yearly),
                "km_yearly_max": 2000,
            },
        )
    for model, rows in ((Theme, lists.THEMES), (Language, lists.LANGUAGES)):
        for order, (slug, name) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    for order, (slug, name, higher) in enumerate(lists.WORK_KINDS):
        WorkKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order, "higher_cap": higher}
        )
    # The legal figures, the corrections of 0002 and the places, as the later migration writes
    # them (its fields all exist in the current models).
    _migration("0004_legal_figures_and_places").forwards(apps, None)
    caching.bump_pool()  # the places, written through the migration's own models
