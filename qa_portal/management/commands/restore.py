"""``manage.py restore ARCHIVE``: put a backup back (``make restore FILE=…``)."""

from django.core.management.base import BaseCommand, CommandError

from qa_portal import backup


def _confirmed():
    try:
        answer = input("This replaces the portal's database and files. Type 'yes' to go on: ")
    except EOFError:
        return False
    return answer.strip() == "yes"


class Command(BaseCommand):
    help = "Restore the database and the stored files from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file written by `manage.py backup`")
        parser.add_argument(
            "--database-url",
            help="restore into this database instead of the portal's own (a restore drill)",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="do not ask before replacing the portal's own database",
        )

    def handle(self, *args, archive, database_url, yes, **options):
        if not (database_url or yes or _confirmed()):
            raise CommandError("nothing restored")
        try:
            manifest = backup.restore(archive, database_url)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored the {manifest['database']} database of {manifest['created_at']} "
            f"and {manifest['restored_files']} files"
        )
