"""Consent records are evidence: the database itself refuses to change one.

Deleting stays possible, so that erasing a person's account (and their stories) still works.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION beeldvorming_consent_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent records are immutable: add a new record instead';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER beeldvorming_consentrecord_no_update
    BEFORE UPDATE ON beeldvorming_consentrecord
    FOR EACH ROW EXECUTE FUNCTION beeldvorming_consent_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS beeldvorming_consentrecord_no_update ON beeldvorming_consentrecord;
DROP FUNCTION IF EXISTS beeldvorming_consent_immutable();
"""


class Migration(migrations.Migration):
    dependencies = [("beeldvorming", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
