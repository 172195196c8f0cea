"""Consents stay immutable, with one exception: when the worker who recorded one erases their
account, the link to them goes (ON DELETE SET NULL). Nothing else of the row may change."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION netwerk_consent_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'netwerk_consent'
       AND OLD.recorded_by_id IS NOT NULL AND NEW.recorded_by_id IS NULL
       AND (NEW.id, NEW.person_id, NEW.recorded_by_organisation_id, NEW.recorded_at,
            NEW.items, NEW.scope, NEW.text_version)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.person_id, OLD.recorded_by_organisation_id, OLD.recorded_at,
            OLD.items, OLD.scope, OLD.text_version) THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'netwerk_consentwithdrawal'
       AND OLD.recorded_by_id IS NOT NULL AND NEW.recorded_by_id IS NULL
       AND (NEW.id, NEW.consent_id, NEW.withdrawn_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.consent_id, OLD.withdrawn_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'consent records are immutable: add a new record instead';
END;
$$ LANGUAGE plpgsql;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION netwerk_consent_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent records are immutable: add a new record instead';
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0003_guidance_withdrawal_fields")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
