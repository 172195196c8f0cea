"""The contract step of 0004/0005: OpenHours and the walk-in counts' link to it go.

Ship it one release after 0005 (the rule of huis.core.migration_safety): the version still serving
while this runs no longer reads OpenHours. Counts or hours the version before 0005's wrote after
0005 ran are moved first, by 0005's own (idempotent) step. Backwards: the table comes back empty
and the counts keep their times (0005's note: the house's hours are the source now).
"""

import importlib

from django.db import migrations, models

move = importlib.import_module("ontmoeting.migrations.0005_open_hours_into_house_facts").forwards


class Migration(migrations.Migration):
    huis_contract = True  # the release that brought 0005 stopped using OpenHours

    dependencies = [("ontmoeting", "0005_open_hours_into_house_facts")]

    operations = [
        migrations.RunPython(move, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="walkintally", name="walk_in_once_per_session"),
        migrations.RemoveField(model_name="walkintally", name="open_hours"),
        migrations.AlterField(
            model_name="walkintally",
            name="opens_at",
            field=models.TimeField(verbose_name="opens"),
        ),
        migrations.AlterField(
            model_name="walkintally",
            name="closes_at",
            field=models.TimeField(verbose_name="closes"),
        ),
        migrations.DeleteModel(name="OpenHours"),
        migrations.AddConstraint(
            model_name="walkintally",
            constraint=models.UniqueConstraint(
                fields=("date", "opens_at"), name="walk_in_once_per_period"
            ),
        ),
    ]
