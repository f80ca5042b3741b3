"""The database cut off under load (issue 8, "Faults"): requests caught in it fail cleanly
(the static error page, never a traceback, never a hung request) and the portal serves again at
once, without a restart (``CONN_HEALTH_CHECKS`` replaces a dead persistent connection).

The portal runs in gunicorn against the test database, with ``DEBUG`` off as in production;
a few threads request a signed-in page while the test terminates every connection the portal
holds (``pg_terminate_backend``: what a PostgreSQL restart does to its clients, without
restarting the server the other tests share).
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import translation

from . import factories as f
from .services import ROOT, database_url, need_postgres, wait_for

CLIENTS = 4
TERMINATE = """
    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url, cookie):
    """(status, body) of a GET; an error page is an answer too."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def portal(tmp_path):
    """The portal in gunicorn (2 workers, persistent connections); its base URL."""
    need_postgres()
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "DJANGO_DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "gunicorn", "qa_portal.wsgi", "-w", "2"]
    command += ["-b", f"127.0.0.1:{port}", "--graceful-timeout", "2"]
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: _answers(base), timeout=60), (tmp_path / "gunicorn.log").read_text()
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _answers(base):
    try:
        return _get(f"{base}/health/", "")[0] in (200, 503)
    except OSError:
        return False


@pytest.mark.django_db(transaction=True)
def test_requests_fail_cleanly_while_the_database_is_cut_and_succeed_after(client, portal):
    student = f.student(programme=f.ProgrammeFactory())
    client.force_login(student)
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies['sessionid'].value}"
    with translation.override("en"):
        url = portal + reverse("surveys:mine")
    assert _get(url, cookie)[0] == 200

    answers = []  # (phase when sent, phase when answered, status, body)
    phase = ["before"]
    problems = []

    def hammer():
        while phase[0] != "done":
            sent = phase[0]
            try:
                status, body = _get(url, cookie)
            except OSError as exc:  # a hung or dropped request: reported below
                problems.append(repr(exc))
            else:
                answers.append((sent, phase[0], status, body))

    threads = [threading.Thread(target=hammer) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    phase[0] = "cut"
    terminated = 0
    with connection.cursor() as cursor:
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            cursor.execute(TERMINATE)
            terminated += cursor.fetchone()[0]
            time.sleep(0.02)
    phase[0] = "after"
    time.sleep(1.5)
    phase[0] = "done"
    for thread in threads:
        thread.join(timeout=30)

    assert problems == []
    assert terminated, "the portal held no connection to cut"
    before = [status for sent, answered, status, _body in answers if answered == "before"]
    assert before and set(before) == {200}
    failed = [(status, body) for _sent, _answered, status, body in answers if status != 200]
    assert failed, "no request was caught by the cut"
    for status, body in failed:
        assert status == 500, status
        assert "Traceback" not in body and "OperationalError" not in body
        assert "please try again later" in body
    # Requests sent once the cut is over succeed, in the same gunicorn workers.
    after = [status for sent, _answered, status, _body in answers if sent == "after"]
    assert len(after) >= CLIENTS and set(after) == {200}
