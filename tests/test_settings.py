"""The embedded default needs no server; the environment switches to PostgreSQL and Redis."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'], "
    "'broker': settings.CELERY_BROKER_URL, 'cache': settings.CACHES['default']['BACKEND'], "
    "'email': settings.EMAIL_BACKEND, 'beat': settings.CELERY_BEAT_SCHEDULER, "
    "'eager': getattr(settings, 'CELERY_TASK_ALWAYS_EAGER', False), "
    "'lang': settings.LANGUAGE_CODE}))"
)


def _settings(tmp_path, **env):
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "qa_portal.settings"}
    base["QA_VAR_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_default_needs_no_server(tmp_path):
    conf = _settings(tmp_path)
    assert conf["db"] == "django.db.backends.sqlite3"
    assert conf["broker"] == "filesystem://"
    assert conf["cache"].endswith("FileBasedCache")
    assert conf["email"].endswith("filebased.EmailBackend")
    assert conf["beat"] == "django_celery_beat.schedulers:DatabaseScheduler"
    assert conf["eager"] is False
    assert conf["lang"] == "kk"
    assert (tmp_path / "broker" / "queue").is_dir()


def test_empty_variables_mean_the_embedded_default(tmp_path):
    """``DATABASE_URL= REDIS_URL= make run`` (variables set but empty) needs no server."""
    conf = _settings(tmp_path, DATABASE_URL="", REDIS_URL="")
    assert conf["db"] == "django.db.backends.sqlite3"
    assert conf["broker"] == "filesystem://"
    assert conf["cache"].endswith("FileBasedCache")


def test_environment_switches_to_postgres_redis_and_smtp(tmp_path):
    conf = _settings(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/qa",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp+tls://user:pw@mail.example.kz:587",
    )
    assert conf["db"] == "django.db.backends.postgresql"
    assert conf["broker"] == "redis://127.0.0.1:6379/0"
    assert conf["cache"].endswith("RedisCache")
    assert conf["email"].endswith("smtp.EmailBackend")
