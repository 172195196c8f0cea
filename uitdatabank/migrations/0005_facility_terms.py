"""The house's accessibility facts mapped to UiTdatabank's facility terms (domain `facility`).

The ids are publiq's own, from:
- cultuurnet/udb3-backend, src/Event/EventFacilityResolver.php (commit bbca90ac6b58): the
  facility terms UiTdatabank accepts on an event, with their Dutch labels;
- cultuurnet/uit-documentatie, content/uitdatabank/latest/categorisatie/voorzieningen.md
  ("Voorzieningen op eventniveau"), the same ids with their explanation;
- cultuurnet/apidocs, projects/uitdatabank/docs/taxonomy-api/terms.md (a40a0e22), the English
  names and meaning (e.g. "Accessible for wheelchairs": entrance, venue and sanitary facilities).

Facility terms are behind a permission at publiq (trusted partners, ask partnerships@publiq.be);
an administrator empties a term id in the admin to stop sending it. Only empty mappings are
filled: what staff set stays as it is.
"""

from django.db import migrations

FACILITY_TERMS = {
    # Drempelvrij: the public area is reachable without steps -> "Rolstoeltoegankelijk".
    "step_free": ("3.27.0.0.0", "Rolstoeltoegankelijk"),
    "accessible_toilet": ("3.31.0.0.0", "Toegankelijk sanitair"),
    "hearing_loop": ("3.17.1.0.0", "Ringleiding"),
    # A quiet room to withdraw to is publiq's "low-incentive" offer.
    "quiet_room": ("H28fcfRKFQAQs00K9NF9hh", "Prikkelarm aanbod"),
    "sign_language": ("3.33.0.0.0", "Tolken Vlaamse Gebarentaal"),
    "easy_to_read": ("3.34.0.0.0", "Vereenvoudigde informatie"),
}


def seed(apps, schema_editor):
    FacilityMapping = apps.get_model("uitdatabank", "FacilityMapping")
    for field, (term_id, label) in FACILITY_TERMS.items():
        mapping, _created = FacilityMapping.objects.get_or_create(field=field)
        if not mapping.term_id:
            mapping.term_id = term_id
            mapping.term_label = label
            mapping.save(update_fields=["term_id", "term_label"])


class Migration(migrations.Migration):
    dependencies = [("uitdatabank", "0004_publication_source_series")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
