"""The demo house, seeded once for a whole test module inside a transaction that is rolled back at
the end, so no other test sees it. Each test of the module runs in a savepoint inside it.

    @pytest.fixture(scope="module")
    def demo_house(django_db_setup, django_db_blocker):
        with seeded_demo_house(django_db_blocker) as output:
            yield output
"""

import contextlib
import io
from collections.abc import Iterator

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@contextlib.contextmanager
def shared_transaction(django_db_blocker) -> Iterator[None]:
    """A transaction for a whole module, rolled back at its end; the tests' own transactions
    become savepoints inside it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@contextlib.contextmanager
def seeded_demo_house(django_db_blocker, *, quiet: bool = True) -> Iterator[str]:
    """Seed the demo house and yield what seed_demo printed."""
    with shared_transaction(django_db_blocker):
        out = io.StringIO()
        args = ["--quiet-logins"] if quiet else []
        with override_settings(DEBUG=True):
            call_command("seed_demo", *args, stdout=out)
        yield out.getvalue()
