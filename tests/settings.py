"""Settings for the test suite: the portal's settings with fast hashing and a test broker.

PostgreSQL and Redis are used when ``DATABASE_URL`` and ``REDIS_URL`` are set (CI sets both);
otherwise SQLite and kombu's in-memory broker.
"""

import os

os.environ.setdefault("CELERY_BROKER_URL", os.environ.get("REDIS_URL") or "memory://")

from qa_portal.settings import *  # noqa: F403
from qa_portal.settings import CACHES, REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Parallel test processes (pytest-xdist) share Redis: each keeps its own keys and task queue.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
CACHES = {**CACHES, "default": {**CACHES["default"], "KEY_PREFIX": f"qa-portal-tests{WORKER}"}}
CELERY_TASK_DEFAULT_QUEUE = f"qa-portal-tests{WORKER}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
