"""``/health/``: whether the database, the cache, the broker and the worker answer."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .celery import app as celery_app
from .models import WorkerHeartbeat

WORKER_SILENCE_LIMIT = timedelta(minutes=3)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache():
    cache.set("health-check", "ok", 10)
    if cache.get("health-check") != "ok":
        raise RuntimeError("value written to the cache was not read back")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_broker():
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        return conn.transport.driver_name


def check_worker():
    beat = WorkerHeartbeat.objects.order_by("-seen_at").first()
    if beat is None:
        raise RuntimeError("no worker has run the heartbeat task yet")
    age = timezone.now() - beat.seen_at
    if age > WORKER_SILENCE_LIMIT:
        raise RuntimeError(f"last heartbeat {int(age.total_seconds())} s ago")
    return f"{beat.worker}, {int(age.total_seconds())} s ago"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker,
}
# The portal serves pages without a worker (tasks wait in the broker), so only these are fatal.
CRITICAL = {"database"}


@never_cache
def health(request):
    report, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            report[name] = {"status": "ok", "detail": check()}
        except Exception as exc:
            report[name] = {"status": "error", "detail": str(exc) or type(exc).__name__}
            healthy = healthy and name not in CRITICAL
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": report}, status=200 if healthy else 503
    )
