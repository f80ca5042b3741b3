"""Issue 8, Security and Operations: the production settings harden HTTPS, cookies and framing,
refuse a missing or placeholder SECRET_KEY, and log one JSON object per line."""

import io
import json
import logging
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from celery import shared_task

from qa_portal.celery import app
from qa_portal.logging_json import JsonFormatter

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "PASSWORD_RESET_TIMEOUT",
    "DEBUG",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "STATICFILES_DIRS",
)
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    f"print(json.dumps({{name: getattr(settings, name) for name in {SETTINGS!r}}}, default=str))"
)
LOG_PROBE = """
import django, logging
django.setup()
from django.test import RequestFactory
request = RequestFactory().get("/surveys/")
logging.getLogger("django.request").warning(
    "Not Found: %s", request.path, extra={"status_code": 404, "request": request}
)
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("qa").exception("boom")
"""


def _run(tmp_path, code, *args, **env):
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "qa_portal.settings",
        "QA_VAR_DIR": str(tmp_path),
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "qa.example.kz",
    }
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, cwd=ROOT, env={**base, **env}, capture_output=True, text=True, check=False
    )


def _settings(tmp_path, **env):
    done = _run(tmp_path, PROBE, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_settings_are_https_only_and_deny_framing(tmp_path):
    conf = _settings(tmp_path)
    assert conf["DEBUG"] is False
    assert conf["SESSION_COOKIE_SECURE"] and conf["CSRF_COOKIE_SECURE"]
    assert conf["LANGUAGE_COOKIE_SECURE"] and conf["SESSION_COOKIE_HTTPONLY"]
    assert conf["SECURE_SSL_REDIRECT"] is True
    assert conf["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert conf["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert conf["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert conf["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert conf["SECURE_REFERRER_POLICY"] == "same-origin"
    assert conf["X_FRAME_OPTIONS"] == "DENY"
    # Password reset links expire within a day.
    assert 0 < conf["PASSWORD_RESET_TIMEOUT"] <= 24 * 3600
    # Uploads live outside everything served as static files.
    media = Path(conf["MEDIA_ROOT"])
    for served in [conf["STATIC_ROOT"], *conf["STATICFILES_DIRS"]]:
        assert not media.is_relative_to(served) and not Path(served).is_relative_to(media)


def test_development_cookies_work_over_plain_http(tmp_path):
    conf = _settings(tmp_path, DJANGO_ENV="development")
    assert not conf["SESSION_COOKIE_SECURE"] and not conf["SECURE_SSL_REDIRECT"]
    assert conf["SECURE_HSTS_SECONDS"] == 0


def test_the_deployment_check_passes_with_production_settings(tmp_path):
    done = _run(tmp_path, None, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("key", ["", "CHANGE-me-to-a-long-random-string", "short"])
def test_production_refuses_a_missing_or_placeholder_secret_key(tmp_path, key):
    done = _run(tmp_path, PROBE, SECRET_KEY=key)
    assert done.returncode != 0
    assert "Set SECRET_KEY to a long random string in production." in done.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_logs_are_json_lines_with_request_and_exception(tmp_path):
    done = _run(tmp_path, LOG_PROBE)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    not_found = next(line for line in lines if line["logger"] == "django.request")
    assert not_found["level"] == "WARNING"
    assert not_found["message"] == "Not Found: /surveys/"
    assert not_found["path"] == "/surveys/" and not_found["status"] == 404
    assert not_found["time"].endswith("+00:00")
    boom = next(line for line in lines if line["logger"] == "qa")
    assert boom["level"] == "ERROR" and "ZeroDivisionError" in boom["exc_info"]


def test_development_logs_are_plain_text(tmp_path):
    done = _run(tmp_path, LOG_PROBE, DJANGO_ENV="development")
    assert done.returncode == 0, done.stderr
    assert "WARNING django.request Not Found: /surveys/" in done.stderr
    assert not any(line.startswith("{") for line in done.stderr.splitlines())


def test_log_lines_of_a_request_carry_its_id_path_person_and_status(client, world):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    student = world.users["student"]
    client.force_login(student)
    try:
        response = client.get("/no-such-page/", headers={"X-Request-ID": "proxy-42"})
        spoofed = client.get("/no-such-page/", headers={"X-Request-ID": "a b\n{"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    assert response["X-Request-ID"] == "proxy-42"
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["request_id"] == "proxy-42"
    assert first["path"] == "/no-such-page/" and first["status"] == 404
    assert first["user_id"] == student.pk
    assert "task" not in first
    # A header that is not a plain token is replaced by a fresh id.
    assert second["request_id"] == spoofed["X-Request-ID"] != "a b\n{"
    assert len(second["request_id"]) == 32


@shared_task(name="tests.log_probe")
def _log_in_a_task():
    logging.getLogger("qa").warning("reminders sent: %s", 3)


def test_worker_log_lines_name_the_task_and_go_through_the_portals_logging():
    assert app.conf.worker_hijack_root_logger is False
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("qa")
    logger.addHandler(handler)
    try:
        _log_in_a_task.apply(task_id="task-7")
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert line["message"] == "reminders sent: 3"
    assert line["task"] == "tests.log_probe" and line["task_id"] == "task-7"
