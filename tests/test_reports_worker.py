"""A worker killed in the middle of a report (issue 7): the job ends up failed, not as a
progress bar stuck for ever, and a retry completes it.

A real Celery worker runs in a subprocess against the test database and Redis (``celery -A
tests.test_reports_worker worker``: this module is its app, and it registers the tests'
digest report when the worker starts); the test kills its process group with SIGKILL while
the report is running.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import worker_init
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from qa_portal.celery import app

from .services import ROOT, database_url, need_postgres, need_redis, wait_for


@worker_init.connect
def register_the_digest(**kwargs):
    """In the worker subprocess: Django, then the tests' kind of report."""
    import django

    django.setup()
    from qa_portal.reports import registry
    from tests.factories_reports import DIGEST

    registry.register(DIGEST)


def _start_worker_process(log):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "tests.test_reports_worker",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_a_failed_job_that_a_retry_completes(
    world, client, settings, tmp_path
):
    need_postgres()
    need_redis()
    from qa_portal.models import Report, ReportStatus

    from .factories_reports import ask

    rector = world.users["rector"]
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = _start_worker_process(log)
        try:
            report = ask(rector, pause=1.0)
            running = wait_for(
                lambda: Report.objects.filter(
                    pk=report.pk, status=ReportStatus.RUNNING, progress__gt=0
                ).first(),
                timeout=90,
            )
            assert running, "the worker never started the report:\n" + log_path.read_text()
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RUNNING

    settings.REPORT_STALL_SECONDS = 2
    time.sleep(2.5)
    client.force_login(rector)
    with translation.override("en"):
        page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        assert "The background worker stopped while making this report" in page
        assert "Try again" in page and "hx-get" not in page

        with start_worker(
            app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10
        ):
            client.post(reverse("reports:retry", args=[report.pk]))
            done = wait_for(
                lambda: Report.objects.filter(pk=report.pk, status=ReportStatus.DONE).first(),
                timeout=30,
            )
        assert done, Report.objects.get(pk=report.pk).__dict__
        assert done.attempts == 2 and done.sha256
        page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        assert "Download the PDF" in page and done.sha256 in page
