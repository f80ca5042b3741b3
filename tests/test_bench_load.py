"""The load benchmark (bench/load.py, issue 8) runs end to end at a tiny size: locust users
against gunicorn and PostgreSQL, every figure printed, no error, every submission and vote
counted once.

The bench's database is a copy of this test database (already migrated) and the server runs
with DEBUG on, so the run skips the migrations and collectstatic: about 20 s in all.
"""

import os
import subprocess
import sys

import pytest
from django.db import connection, connections

from .services import ROOT, database_url, need_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_load_bench_prints_its_figures_and_finds_no_error():
    need_postgres()
    template = connection.settings_dict["NAME"]
    connections.close_all()  # PostgreSQL copies a database nobody is connected to
    command = [sys.executable, "bench/load.py", "--template", template, "--debug"]
    command += ["--students", "20", "--clients", "5", "--members", "5", "--staff", "2"]
    command += ["--duration", "2", "--dashboard", "2", "--ramp", "0.5", "--wait", "0.05", "0.2"]
    command += ["--workers", "2"]
    bench_database = f"{database_url().rsplit('/', 1)[0]}/{template}_load"
    done = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": bench_database},
        capture_output=True,
        text=True,
        timeout=240,
    )
    out = done.stdout
    assert done.returncode == 0, out[-3000:] + done.stderr[-3000:]
    for title in ("1a. Semester-end peak, paced", "2. Council vote", "3. QA dashboard"):
        assert title in out
    for request in ("submission", "vote (open ballot)", "vote (secret ballot)", "QA dashboard"):
        assert f"\n  {request} " in out, request
    assert "20 receipts, 20 respondents" in out
    assert "open ballot: 5 accepted, 5 counted, 5 receipts, lost 0, doubled 0" in out
    assert "secret ballot: 5 accepted, 5 counted, 5 receipts, lost 0, doubled 0" in out
    assert "zero errors              met: 0 errors" in out
    assert "submission p95 < 150 ms" in out
    assert "CPU (cores)" in out
    assert "dropped" in out
