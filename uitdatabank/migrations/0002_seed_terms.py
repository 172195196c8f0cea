"""The kinds table seeded from publiq's taxonomy terms (event types named in publiq's Entry API
guides, cultuurnet/apidocs a40a0e22); staff change them on the kinds page. Kinds without a clear
match get the closest general type and are not published by default. Facility terms start empty
here; 0005_facility_terms fills them in with publiq's ids."""

from django.db import migrations

WORKSHOP = ("0.3.1.0.0", "Cursus of workshop")
OPEN_SESSIONS = ("0.3.1.0.1", "Cursus met open sessies")
LECTURE = ("0.3.2.0.0", "Lezing of congres")
OUTING = ("0.7.0.0.0", "Begeleide uitstap of rondleiding")
GAME = ("0.50.21.0.0", "Spel of quiz")

KINDS = [
    ("activity:ontmoeting", "Ontmoeting", OPEN_SESSIONS, False),
    ("activity:creatief", "Creatief", WORKSHOP, True),
    ("activity:beweging", "Bewegen", OPEN_SESSIONS, False),
    ("activity:uitstap", "Uitstap", OUTING, True),
    ("activity:maaltijd", "Maaltijd", OPEN_SESSIONS, False),
    ("activity:vorming", "Vorming", WORKSHOP, True),
    ("activity:andere", "Andere", GAME, False),
    ("course:workshop", "Herstelacademie: workshop", WORKSHOP, True),
    ("course:series", "Herstelacademie: reeks", OPEN_SESSIONS, True),
    ("course:lecture", "Herstelacademie: lezing", LECTURE, True),
]
FACILITIES = [
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "quiet_room",
    "sign_language",
    "easy_to_read",
]


def seed(apps, schema_editor):
    CategoryMapping = apps.get_model("uitdatabank", "CategoryMapping")
    FacilityMapping = apps.get_model("uitdatabank", "FacilityMapping")
    for key, label, (term_id, term_label), default in KINDS:
        CategoryMapping.objects.get_or_create(
            key=key,
            defaults={
                "label": label,
                "eventtype_id": term_id,
                "eventtype_label": term_label,
                "publish_by_default": default,
            },
        )
    for field in FACILITIES:
        FacilityMapping.objects.get_or_create(field=field)


class Migration(migrations.Migration):
    dependencies = [("uitdatabank", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
