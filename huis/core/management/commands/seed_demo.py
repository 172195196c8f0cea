"""`manage.py seed_demo`: a realistic, fictional house so the portal is alive on first start.

Each app adds its part in its own demo.py (see huis.core.registry). Idempotent: running it twice
gives the same house. It refuses to run with DEBUG off, so it never touches a real house's data.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from huis.core.registry import demo_seeders


class Command(BaseCommand):
    help = "Fill the database with a fictional, Dutch-language demo house (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet_logins: bool = False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on: it is for demos, not for a real house."
            )
        autodiscover_modules("demo")
        with transaction.atomic():
            for seeder in demo_seeders():
                seeder.seed(stdout=self.stdout)
                self.stdout.write(f"  demo data: {seeder.name}")
        if not quiet_logins:
            from huis.accounts.demo import demo_accounts

            self.stdout.write(
                self.style.SUCCESS(
                    "\nDemo logins: fill in the email address on the login page and type the "
                    "code from the email (no password):"
                )
            )
            for role, email in demo_accounts():
                self.stdout.write(f"  {email:<36} {role}")
            self.stdout.write("Emails appear in this terminal (console backend).\n")
