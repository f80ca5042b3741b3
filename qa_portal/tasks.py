"""Background tasks of the portal shell."""

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from .models import WorkerHeartbeat
from .reports.tasks import fail_stalled_reports, generate_report, run_scheduled_reports

# The worker registers the tasks of the modules it imports: the reports' tasks live with them.
__all__ = [
    "announce_worker",
    "fail_stalled_reports",
    "generate_report",
    "heartbeat",
    "run_scheduled_reports",
]


@shared_task(bind=True, ignore_result=True)
def heartbeat(self):
    """Record that a worker picked up beat's heartbeat; /health/ reads it."""
    WorkerHeartbeat.objects.update_or_create(
        worker=self.request.hostname or "worker", defaults={"seen_at": timezone.now()}
    )


@worker_ready.connect
def announce_worker(sender, **kwargs):
    """A worker that has just started shows on /health/ without waiting for beat's minute."""
    heartbeat.delay()
