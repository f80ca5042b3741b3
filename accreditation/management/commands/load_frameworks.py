"""``manage.py load_frameworks``: load the standards frameworks the portal ships.

ESG 2015 Part 1 and the eleven internal standards of seed 002 with their indicators, risks
and crosswalk to the ESG (``accreditation/frameworks/*.yaml``). Safe to run again: only what
differs from the files is written (``accreditation.framework_import``).
"""

from django.core.management.base import BaseCommand, CommandError

from accreditation.framework_import import ShippedError, load_shipped


class Command(BaseCommand):
    help = "Load the shipped standards frameworks (ESG 2015 Part 1, seed 002). Idempotent."

    def handle(self, *args, **options):
        try:
            results = load_shipped()
        except ShippedError as error:
            raise CommandError(str(error)) from error
        for code, counts in results.items():
            self.stdout.write(
                f"{code}: {counts['new']} new, {counts['changed']} changed, "
                f"{counts['unchanged']} unchanged"
            )
