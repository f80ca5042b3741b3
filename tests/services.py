"""Markers for tests that need PostgreSQL or Redis.

They skip with a reason where the service is missing, and fail instead when
``REQUIRE_SERVICES=1`` (as in CI), so a CI run can never pass by skipping them.
"""

import os

import pytest
from django.conf import settings

REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


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
