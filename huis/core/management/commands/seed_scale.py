"""`manage.py seed_scale`: five busy years of a house, for the benchmark (`bench/run`).

Deterministic (a seeded random generator: the same sizes give the same rows) and fast: every app's
part (its `scale.py`, see huis.core.registry) inserts in bulk, never row by row through services.
Sizes are options; `--scale 0.01` shrinks them all. It refuses to run on a database that already
has people in it unless `--force`, and with DEBUG off, so it never touches a real house.
"""

import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import autodiscover_modules

from huis.core.registry import scale_seeders

# Five years of a busy house (issue 12).
DEFAULT_SIZES = {
    "people": 40_000,
    "activities": 25_000,
    "registrations": 250_000,
    "courses": 1_500,
    "course_sessions": 9_000,
    "enrolments": 30_000,
    "experts": 600,
    "requests": 20_000,
    "assignments": 30_000,
    "partners": 20,
    "outreach": 300_000,
    "signals": 40_000,
    "referrals": 5_000,
    "audit": 1_000_000,
    "volunteers": 400,
    "shifts": 15_000,
}


class Command(BaseCommand):
    help = "Fill an empty scratch database with five busy years of data for the benchmark."

    def add_arguments(self, parser):
        for name, default in DEFAULT_SIZES.items():
            parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=default)
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every size.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--force", action="store_true", help="Run even when the database has people."
        )

    def handle(self, *args, scale: float, seed: int, force: bool, **options):
        if not settings.DEBUG:
            raise CommandError("seed_scale only runs with DEBUG on: it is for scratch databases.")
        if get_user_model().objects.exists() and not force:
            raise CommandError(
                "This database already has people in it. seed_scale fills an empty scratch "
                "database (bench/run makes one); add --force if you really mean this one."
            )
        sizes = {
            name: max(1, round(options[name] * scale)) if options[name] else 0
            for name in DEFAULT_SIZES
        }
        autodiscover_modules("scale")
        rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        started = time.monotonic()
        for seeder in scale_seeders():
            began = time.monotonic()
            with transaction.atomic():
                seeder.seed(sizes=sizes, rng=rng, stdout=self.stdout)
            self.stdout.write(f"  {seeder.name}: {time.monotonic() - began:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.0f} s.")
        )
