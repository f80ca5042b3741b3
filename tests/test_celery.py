"""Celery: a real worker (Redis in CI) runs tasks; beat's schedule lives in the database."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django_celery_beat.models import PeriodicTask

from qa_portal.celery import app
from qa_portal.models import WorkerHeartbeat
from qa_portal.schedule import PERIODIC_TASKS
from qa_portal.tasks import heartbeat

from .services import need_redis


@pytest.fixture
def real_worker(transactional_db):
    if os.environ.get("REDIS_URL") or os.environ.get("REQUIRE_SERVICES") == "1":
        need_redis()
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10
    ):
        yield


def _wait_for(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_real_worker_runs_the_heartbeat(real_worker):
    assert not WorkerHeartbeat.objects.exists()
    heartbeat.delay()
    assert _wait_for(WorkerHeartbeat.objects.exists), "the worker did not run the task"


def test_beat_schedule_is_in_the_database_after_migrate(db):
    app.loader.import_default_modules()
    for entry in PERIODIC_TASKS:
        task = PeriodicTask.objects.get(name=entry["name"])
        assert task.enabled
        assert task.task == entry["task"]
        assert task.task in app.tasks, f"{task.task} is not a registered task"
        assert task.interval or task.crontab


def test_schedule_sync_is_idempotent(db):
    from qa_portal.schedule import sync_periodic_tasks

    before = PeriodicTask.objects.count()
    sync_periodic_tasks()
    sync_periodic_tasks()
    assert PeriodicTask.objects.count() == before


def test_tasks_are_not_run_eagerly():
    assert not app.conf.task_always_eager
