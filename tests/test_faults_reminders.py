"""A worker killed in the middle of a reminder batch (issue 8, "Faults"): the task is delivered
again, and every invitee gets exactly one reminder — none twice, none missing.

A real Celery worker runs in a subprocess against the test database and Redis (``celery -A
tests.test_faults_reminders worker``: this module is its app). When the worker starts with
``QA_FAULTS_MAILBOX`` set — only this test sets it — its e-mails are files in that folder,
each written after a pause, so the test can kill the worker between two reminders; and Redis
gives an unacknowledged task back after a second instead of an hour, so the restarted worker
takes up the killed one's task at once (in production beat's next run does it sooner).
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from celery.signals import worker_init
from django.conf import settings as django_settings
from django.core.mail.backends import filebased

from qa_portal.celery import app

from .services import ROOT, database_url, need_postgres, need_redis, wait_for

MAILBOX = "QA_FAULTS_MAILBOX"
MAIL_PAUSE = 0.6
INVITEES = 8


class SlowMailbox(filebased.EmailBackend):
    """Django's file mailbox, writing each message after a pause."""

    def write_message(self, message):
        time.sleep(MAIL_PAUSE)
        super().write_message(message)


@worker_init.connect
def slow_mailbox(**kwargs):
    """In the worker subprocess of this test only: the slow mailbox, a short visibility."""
    if not os.environ.get(MAILBOX):
        return
    django_settings.EMAIL_BACKEND = f"{__name__}.SlowMailbox"
    django_settings.EMAIL_FILE_PATH = os.environ[MAILBOX]
    app.conf.broker_transport_options = {
        "visibility_timeout": 1,
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }


def _worker(log, mailbox):
    env = {
        **os.environ,
        MAILBOX: str(mailbox),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "celery", "-A", __name__, "worker", "--pool=solo"]
    command += ["--loglevel=INFO", "--without-gossip", "--without-mingle"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _kill(worker):
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def _recipients(mailbox):
    """Every ``To:`` address in the mailbox, once per message."""
    found = []
    for path in mailbox.glob("*.log"):
        found += re.findall(r"^To: (\S+)$", path.read_text(), flags=re.MULTILINE)
    return found


def kill_midway_and_restart(task, tmp_path, first, total, halfway_check):
    """Send ``task`` to a real worker, SIGKILL it between two e-mails once ``first`` are sent,
    call ``halfway_check(recipients so far)``, start a worker again and wait until ``total``
    e-mails are sent (and a little longer, for any second one); return every recipient."""
    mailbox = tmp_path / "mail"
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = _worker(log, mailbox)
        try:
            task.delay()
            assert wait_for(lambda: len(_recipients(mailbox)) >= first, timeout=90), (
                log_path.read_text()
            )
            time.sleep(MAIL_PAUSE / 3)  # inside the pause before the next e-mail
        finally:
            _kill(worker)
        halfway_check(_recipients(mailbox))

        worker = _worker(log, mailbox)
        try:
            everyone = wait_for(lambda: len(_recipients(mailbox)) >= total, timeout=90)
            assert everyone, log_path.read_text()
            time.sleep(3 * MAIL_PAUSE)  # a second delivery of the task would send by now
        finally:
            _kill(worker)
    return _recipients(mailbox)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_leaves_no_reminder_missing_or_doubled(tmp_path):
    need_postgres()
    need_redis()
    # Imported here: the worker imports this module before Django is set up.
    from surveys import tasks
    from surveys.models import Reminder

    from . import factories as f
    from . import factories_campaigns as fc
    from . import factories_surveys as fs

    school = f.SchoolFactory()
    programme = f.ProgrammeFactory(school=school)
    term = f.TermFactory()
    course = f.CourseFactory(programmes=[programme], teachers=[f.teacher(school)])
    students = [f.student(programme=programme) for _ in range(INVITEES)]
    for student in students:
        f.EnrolmentFactory(student=student, course=course, term=term)
    campaign = fs.CampaignFactory(
        audience_kind="courses", audience_term=term, **fc.window(10, 2, reminder_days=[7])
    )
    fc.drive(campaign, "open")

    def halfway(recipients):
        assert 3 <= len(recipients) < INVITEES
        # A claim stands only for a reminder sent: the one being written was given back.
        assert Reminder.objects.count() == len(recipients)

    recipients = kill_midway_and_restart(tasks.send_reminders, tmp_path, 3, INVITEES, halfway)
    assert sorted(recipients) == sorted(student.email for student in students)
    assert Reminder.objects.count() == INVITEES
