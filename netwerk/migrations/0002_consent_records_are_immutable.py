"""Consents and their withdrawals are evidence: the database itself refuses to change one.

Deleting stays possible (erasing a person, retention); a change of mind is a new row.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION netwerk_consent_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent records are immutable: add a new record instead';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER netwerk_consent_no_update
    BEFORE UPDATE ON netwerk_consent
    FOR EACH ROW EXECUTE FUNCTION netwerk_consent_immutable();
CREATE TRIGGER netwerk_consentwithdrawal_no_update
    BEFORE UPDATE ON netwerk_consentwithdrawal
    FOR EACH ROW EXECUTE FUNCTION netwerk_consent_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS netwerk_consent_no_update ON netwerk_consent;
DROP TRIGGER IF EXISTS netwerk_consentwithdrawal_no_update ON netwerk_consentwithdrawal;
DROP FUNCTION IF EXISTS netwerk_consent_immutable();
"""


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
