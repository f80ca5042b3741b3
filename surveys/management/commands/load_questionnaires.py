"""``manage.py load_questionnaires``: load the shipped questionnaires (``surveys.shipped``).

Idempotent: a questionnaire is matched by its code; when the shipped content changed, it gets a
new version (a locked version is never changed). Run it after ``migrate``; ``seed_demo`` can
call it with ``call_command("load_questionnaires")``.
"""

from django.core.management.base import BaseCommand, CommandError

from surveys.shipped import CREATED, NEW_VERSION, ShippedError, load_all


class Command(BaseCommand):
    help = "Load the shipped questionnaires in kk/ru/en; changed content becomes a new version."

    def handle(self, *args, **options):
        try:
            loaded = load_all()
        except ShippedError as exc:
            raise CommandError(f"The shipped questionnaires have problems:\n{exc}") from exc
        for code, outcome, version in loaded:
            line = f"{code}: {outcome}"
            if outcome in (CREATED, NEW_VERSION):
                line = self.style.SUCCESS(f"{line} (version {version.number})")
            self.stdout.write(line)
