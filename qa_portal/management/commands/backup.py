"""``manage.py backup``: the database and every stored file in one archive (``make backup``)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qa_portal import backup


class Command(BaseCommand):
    help = "Write a backup archive of the database and the stored files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.VAR_DIR / "backups"),
            help="directory for the archive (default: var/backups)",
        )

    def handle(self, *args, output, **options):
        try:
            path = backup.create(output)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
