"""Guards that keep privacy rights complete as functions are added.

- Every app with records about a person (a foreign key to the user) registers its part of
  "download my data / delete my account" (a provider named after the app).
- Over the whole demo house: after a person deletes their account, their email address is found
  in no table at all, and each person's download holds their own address.
"""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from huis.accounts.models import User
from huis.accounts.privacy import account_erase, personal_data_export
from huis.core.registry import personal_data_providers

# Apps whose person-records are covered by another provider, with why.
COVERED_ELSEWHERE = {
    "admin": "Django admin's own log: administrators only; the tombstone keeps it linked",
    "account": "allauth's email addresses: the accounts provider exports and deletes them",
    "mfa": "allauth's authenticators: the accounts provider deletes them",
    "usersessions": "allauth's sessions: the accounts provider exports and ends them",
    "audit": "append-only; exported by the audit provider, kept pointing to the tombstone",
    "rooms": "bookings name who booked (staff): kept, the tombstone has no name",
    "pages": "versions of a text name who saved it (coordinators): kept, the tombstone has no name",
}


def test_every_app_with_records_about_people_registers_its_personal_data():
    providers = {p.name.split(".")[0] for p in personal_data_providers()}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    missing = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                getattr(field, "related_model", None) is user_model
                and field.concrete
                and model is not user_model
            ):
                label = model._meta.app_label
                if label not in providers and label not in COVERED_ELSEWHERE:
                    missing.add(f"{label}.{model.__name__}.{field.name}")
    assert not missing, f"No personal-data provider for: {sorted(missing)}"


def _tables_holding(text: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" t WHERE t::text ILIKE %s', [f"%{text}%"]
            )
            if cursor.fetchone()[0]:
                found.append(table)
    return found


@pytest.mark.django_db
def test_nothing_of_an_erased_person_is_left_anywhere_in_the_demo_house(
    settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False
    from huis.accounts.demo import logins

    emails = [email for _role, email, _password in logins()]
    for email in emails:
        user = User.objects.get(email=email)
        exported = json.dumps(personal_data_export(user=user))
        assert email in exported
        with django_capture_on_commit_callbacks(execute=True):
            account_erase(user=user)
        assert _tables_holding(email) == [], email
