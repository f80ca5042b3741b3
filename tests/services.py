"""Markers for tests that need PostgreSQL or Redis, and what the tests that start real
workers or servers share.

They skip with a reason where the service is missing, and fail instead when
``REQUIRE_SERVICES=1`` (as in CI), so a CI run can never pass by skipping them.
"""

import os
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"
# The project's folder: the working directory of the workers and servers tests start.
ROOT = Path(__file__).resolve().parent.parent


def _missing(reason):
    if REQUIRED:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def need_postgres():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _missing("needs PostgreSQL: set DATABASE_URL=postgres://…")


def need_redis():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        _missing("needs Redis: set REDIS_URL=redis://…")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        _missing(f"Redis at {url} does not answer: {exc}")


def database_url():
    """The test database as a URL, for a worker or server started in a subprocess."""
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, timeout):
    """``predicate()``'s first true answer within ``timeout`` seconds, else None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    return None


def at_once(work, times=2):
    """Run ``work()`` in ``times`` threads released at the same moment (two beats, two
    workers), each on its own database connection; return the exceptions they raised."""
    barrier = threading.Barrier(times)
    errors = []

    def run():
        try:
            barrier.wait()
            work()
        except Exception as exc:  # pragma: no cover - returned to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
