"""A test marked `serialized_rollback` starts from the migrations' rows, whatever ran before it
(tests/migration_rows.py): also after a transactional test emptied the tables and made the
content types again under new ids, and also once the browser runs. In two processes the order
of the tests differs from one process; before this, the same browser test could pass in one and
fail in the other."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections

from ervaringsdeskundigen.models import AllowanceRate
from huis.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_transactional_test_leaves_the_tables_empty_and_the_content_types_new(browser):
    # `browser`: from here on the session runs inside Playwright's context, where Django's
    # connections are not the ones that held the serialized rows.
    Organisation.objects.create(name="Weg na de test")
    ContentType.objects.get_for_model(Organisation)  # kept in the content type cache


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_next_test_with_the_mark_has_the_migrations_rows_and_nothing_else(browser):
    assert not hasattr(connections["default"], "_test_serialized_contents")
    assert not Organisation.objects.filter(name="Weg na de test").exists()
    # The roles' groups and their permissions, as huis/accounts/migrations/0002_roles.py made them.
    coordinator = Group.objects.get(name="coordinator")
    assert coordinator.permissions.filter(codename="change_organisation").exists()
    # One content type per model, and the cache gives the row that is in the table.
    cached = ContentType.objects.get_for_model(Organisation)
    assert ContentType.objects.get(app_label="accounts", model="organisation").pk == cached.pk
    assert Permission.objects.filter(content_type=cached, codename="view_organisation").exists()
    # The rows came back with their own ids; a new row gets an id after theirs, not one taken.
    assert AllowanceRate.objects.exists()
    AllowanceRate.objects.create(year=2099, daily_cap=Decimal("1"), yearly_cap=Decimal("1"))


@pytest.mark.django_db(transaction=True)
def test_so_does_a_second_one_in_a_row_asking_through_the_fixture(
    browser, django_db_serialized_rollback
):
    assert Group.objects.filter(name="coordinator").exists()
    assert not AllowanceRate.objects.filter(year=2099).exists()
    AllowanceRate.objects.create(year=2099, daily_cap=Decimal("1"), yearly_cap=Decimal("1"))
