"""The hook through which the upper layers add their demo data to ``manage.py seed_demo``.

governance is the ground floor and imports nothing above it; surveys, documents and
accreditation connect a receiver to ``demo_seeded`` in their ``AppConfig.ready``. Receivers run
inside the seeding transaction, get the seeder (people, bodies, terms already there) and return
lines for the command's report. They must be idempotent like the rest of ``seed_demo``.
"""

from django.dispatch import Signal

demo_seeded = Signal()
