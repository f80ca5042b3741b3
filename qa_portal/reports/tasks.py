"""Celery tasks of the reports (imported by ``qa_portal.tasks`` so the worker finds them)."""

from celery import shared_task
from celery.signals import worker_init

from . import jobs, schedules


@shared_task(ignore_result=True)
def generate_report(report_id, attempt):
    """Make one attempt of a report job (a repeated or outdated delivery does nothing)."""
    jobs.run(report_id, attempt)


@shared_task(ignore_result=True)
def fail_stalled_reports():
    """Every minute: give up the jobs whose worker died, send again the ones still queued."""
    jobs.fail_stalled()
    jobs.resend_queued()


@shared_task(ignore_result=True)
def run_scheduled_reports():
    """Every few minutes: the scheduled reports that are due."""
    schedules.run_due()


@worker_init.connect
def load_the_typesetter(**kwargs):
    """Import WeasyPrint when the worker starts (about a second on 2 cores) rather than in the
    first report someone waits for; the worker's pool processes inherit it."""
    import weasyprint  # noqa: F401
