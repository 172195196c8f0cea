"""One trigger function per table: PL/pgSQL resolves every NEW.<column> of an expression, so a
shared function that names the consent's columns fails on the withdrawal table (and back)."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION netwerk_consent_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.recorded_by_id IS NOT NULL AND NEW.recorded_by_id IS NULL
       AND (NEW.id, NEW.person_id, NEW.recorded_by_organisation_id, NEW.recorded_at,
            NEW.items, NEW.scope, NEW.text_version)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.person_id, OLD.recorded_by_organisation_id, OLD.recorded_at,
            OLD.items, OLD.scope, OLD.text_version) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'consent records are immutable: add a new record instead';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION netwerk_consentwithdrawal_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.recorded_by_id IS NOT NULL AND NEW.recorded_by_id IS NULL
       AND (NEW.id, NEW.consent_id, NEW.withdrawn_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.consent_id, OLD.withdrawn_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'consent records are immutable: add a new record instead';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS netwerk_consentwithdrawal_no_update ON netwerk_consentwithdrawal;
CREATE TRIGGER netwerk_consentwithdrawal_no_update
    BEFORE UPDATE ON netwerk_consentwithdrawal
    FOR EACH ROW EXECUTE FUNCTION netwerk_consentwithdrawal_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS netwerk_consentwithdrawal_no_update ON netwerk_consentwithdrawal;
CREATE TRIGGER netwerk_consentwithdrawal_no_update
    BEFORE UPDATE ON netwerk_consentwithdrawal
    FOR EACH ROW EXECUTE FUNCTION netwerk_consent_immutable();
DROP FUNCTION IF EXISTS netwerk_consentwithdrawal_immutable();
"""


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0004_consent_recorder_may_be_forgotten")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
