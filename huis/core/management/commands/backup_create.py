"""`manage.py backup_create --dir /srv/huis/backups [--keep 14]`: a pg_dump with its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huis.core.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Dump the database (pg_dump custom format) with a manifest of row counts and migrations."

    def add_arguments(self, parser):
        parser.add_argument("--dir", required=True, type=Path, help="Where the dumps are kept.")
        parser.add_argument(
            "--keep", type=int, default=0, help="Keep only this many newest dumps (0: all)."
        )

    def handle(self, *args, dir: Path, keep: int, **options):
        try:
            dump = backup_create(directory=dir, keep=keep)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written: {dump} (manifest {dump.with_suffix('.json').name})")
