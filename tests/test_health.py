"""/health/ reports the database, the cache, the broker and the worker."""

from datetime import timedelta

from django.utils import timezone

from qa_portal import health
from qa_portal.models import WorkerHeartbeat


def test_health_reports_each_service(client, db):
    body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "worker"}
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "ok"
    # No worker has run the heartbeat in this test database.
    assert body["checks"]["worker"]["status"] == "error"


def test_worker_is_healthy_after_a_recent_heartbeat_only(client, db):
    beat = WorkerHeartbeat.objects.create(worker="celery@host", seen_at=timezone.now())
    assert client.get("/health/").json()["checks"]["worker"]["status"] == "ok"
    beat.seen_at = timezone.now() - timedelta(minutes=10)
    beat.save()
    worker = client.get("/health/").json()["checks"]["worker"]
    assert worker["status"] == "error"
    assert "ago" in worker["detail"]


def test_database_failure_makes_the_portal_unhealthy(client, db, monkeypatch):
    def broken():
        raise ConnectionError("database is down")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "error",
        "detail": "database is down",
    }


def test_broker_failure_is_reported_but_pages_still_served(client, db, monkeypatch):
    def broken():
        raise ConnectionRefusedError("broker unreachable")

    monkeypatch.setitem(health.CHECKS, "broker", broken)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["status"] == "error"
