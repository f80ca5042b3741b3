"""Periodic tasks that beat runs, written to django-celery-beat's tables after every migrate.

Each entry: a unique name, the task, and either ``every`` (seconds) or ``crontab`` (a dict of
crontab fields in the portal's time zone).
"""

from django.conf import settings

PERIODIC_TASKS = [
    {"name": "worker-heartbeat", "task": "qa_portal.tasks.heartbeat", "every": 60},
    # Seed 000 §2: members get the agenda N days before the meeting (body's charter).
    {
        "name": "send-due-agendas",
        "task": "governance.tasks.agenda.send_due_agendas",
        "crontab": {"minute": "*/15"},
    },
    {
        "name": "close-expired-votes",
        "task": "governance.tasks.votes.close_expired_votes",
        "every": 60,
    },
    # Seed 000 §2.2: a committee election closes by itself at its closing time.
    {
        "name": "close-due-elections",
        "task": "governance.tasks.elections.close_due_elections",
        "every": 60,
    },
    {
        "name": "remind-non-voters",
        "task": "governance.tasks.votes.remind_non_voters",
        "every": 300,
    },
    {
        "name": "improvement-action-reminders",
        "task": "governance.tasks.actions.remind_and_mark_overdue",
        "crontab": {"minute": "0", "hour": "8"},
    },
    # Issue 4: survey windows open and close on time; e-mail invitees get their link on opening.
    {
        "name": "survey-campaign-windows",
        "task": "surveys.tasks.update_campaign_windows",
        "every": 60,
    },
    # Reminders to those who have not answered, on the campaigns' reminder days (09:00).
    {
        "name": "survey-reminders",
        "task": "surveys.tasks.send_reminders",
        "crontab": {"minute": "*/15"},
    },
    # Issue 5, seed 002 §6: owners are reminded of their documents' periodic review.
    {
        "name": "document-review-reminders",
        "task": "documents.tasks.remind_reviews",
        "crontab": {"minute": "30", "hour": "8"},
    },
    # Seed 002 §3.3: those who have not acknowledged a document, before and on its deadline.
    {
        "name": "document-acknowledgement-reminders",
        "task": "documents.tasks.remind_acknowledgements",
        "crontab": {"minute": "45", "hour": "8"},
    },
    # Issue 6, seed 002 S10: the QA office is reminded 18, 12 and 6 months before an
    # accreditation expires (each reminder once).
    {
        "name": "accreditation-expiry-reminders",
        "task": "accreditation.tasks.remind_expiring_accreditations",
        "crontab": {"minute": "15", "hour": "9"},
    },
    # Issue 7: a report whose worker died is shown failed (and can be retried), a report
    # whose message was lost is sent again; scheduled reports are made when due.
    {
        "name": "fail-stalled-reports",
        "task": "qa_portal.reports.tasks.fail_stalled_reports",
        "every": 60,
    },
    {
        "name": "run-scheduled-reports",
        "task": "qa_portal.reports.tasks.run_scheduled_reports",
        "crontab": {"minute": "*/5"},
    },
]


def sync_periodic_tasks(**kwargs):
    """Create or update the beat entries above (post_migrate); idempotent."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    for entry in PERIODIC_TASKS:
        schedule = {"interval": None, "crontab": None}
        if "every" in entry:
            schedule["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=entry["every"], period=IntervalSchedule.SECONDS
            )
        else:
            schedule["crontab"], _ = CrontabSchedule.objects.get_or_create(
                timezone=settings.TIME_ZONE, **entry["crontab"]
            )
        PeriodicTask.objects.update_or_create(
            name=entry["name"], defaults={"task": entry["task"], **schedule}
        )
