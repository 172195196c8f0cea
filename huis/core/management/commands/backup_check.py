"""`manage.py backup_check --dir /srv/huis/backups`: restore the newest dump into a scratch
database and check it (tables present, row counts as dumped, migrations applied). Exit code 1
when anything is wrong, so a timer or monitor notices."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huis.core.backups import BackupError, backup_check, latest_dump


class Command(BaseCommand):
    help = "Check that the newest backup restores: into a scratch database, never the live one."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--dir", type=Path, help="Check the newest .dump in this directory.")
        source.add_argument("--dump", type=Path, help="Check this .dump file.")
        parser.add_argument(
            "--scratch-db", default=None, help="Scratch database (default: <name>_restore_check)."
        )
        parser.add_argument(
            "--keep-scratch", action="store_true", help="Leave the scratch database to look at."
        )

    def handle(self, *args, dir, dump, scratch_db, keep_scratch, **options):
        try:
            dump = dump or latest_dump(dir)
            result = backup_check(dump=dump, scratch=scratch_db, keep_scratch=keep_scratch)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {result.dump.name} into {result.scratch}: {result.tables} tables, "
            f"{result.rows} rows, {result.migrations} migrations."
        )
        if not result.ok:
            raise CommandError("The backup check failed:\n- " + "\n- ".join(result.problems))
        self.stdout.write(self.style.SUCCESS("The backup restores and matches its manifest."))
