"""What the benchmarks share: a database of their own, a gunicorn server, HTTP clients that
hold cookies as a browser does, and percentiles.

A benchmark's database is created, marked with a comment naming the benchmark, migrated by the
caller and dropped at the end; a database of that name that does not carry the mark is never
touched.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import environ
import psycopg2
from psycopg2 import sql

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "bench-pass-2026"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def admin_connection(config):
    """A connection to the server's maintenance database, to create and drop the bench's."""
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    connection.autocommit = True
    return connection


def create_database(config, mark, template=None):
    """Create the bench's database, first dropping one left behind by an earlier run; as a copy
    of the database ``template`` if given (one already migrated, which saves the migrations)."""
    name = config["NAME"]
    connection = admin_connection(config)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [name],
            )
            row = cursor.fetchone()
            if row is not None and row[0] != mark:
                raise SystemExit(
                    f"Database {name!r} exists and was not created by this benchmark; "
                    "set DATABASE_URL to another database name."
                )
            if row is not None:
                cursor.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
                )
            create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            cursor.execute(create)
            cursor.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(name), sql.Literal(mark)
                )
            )
    finally:
        connection.close()


def drop_database(config):
    connection = admin_connection(config)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(config["NAME"])
                )
            )
    finally:
        connection.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port, workers, log_path):
    """gunicorn from this virtualenv, in its own process group, logging to ``log_path``."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "qa_portal.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--timeout",
        "120",
    ]
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            command, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_up(server, port, log_path):
    """Return once the sign-in page answers; fail if gunicorn exits or takes over 60 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{tail(log_path)}")
        try:
            status, _body = Client(port).get("/en/accounts/login/")
        except OSError:
            status = None
        if status == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{tail(log_path)}")


def stop_server(server):
    """SIGTERM to gunicorn's master (it stops its workers); SIGKILL to its group if it hangs."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def tail(path, lines=30):
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


class Client:
    """What a person's browser holds: cookies (session, CSRF) and the last page's CSRF token.

    Every request opens its own connection, as gunicorn's sync workers close each one.
    """

    def __init__(self, port):
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.cookies = {}
        self.csrf = ""
        self.page = "/"

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"Origin": self.origin, "Referer": self.origin + self.page, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if method == "GET":
            self.page = path
        token = CSRF_INPUT.search(text)
        if token:
            self.csrf = token.group(1)
        return response.status, text

    def get(self, path):
        return self.request("GET", path)

    def sign_in(self, email):
        self.get("/en/accounts/login/")
        status, _text = self.request(
            "POST",
            "/en/accounts/login/",
            form={"username": email, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{email} could not sign in (HTTP {status})")


def in_parallel(function, *arguments):
    """``function`` over the argument lists from a few threads (sign-ins, page loads); pending
    calls are dropped if one fails or the run is interrupted."""
    pool = ThreadPoolExecutor(max_workers=8)
    try:
        return list(pool.map(function, *arguments))
    finally:
        pool.shutdown(cancel_futures=True)


@contextmanager
def serving(port, workers):
    """gunicorn on ``port`` for the with-block, logging into the run's temporary directory;
    the tail of its log is printed when the block fails."""
    log_path = Path(os.environ["QA_VAR_DIR"]) / "gunicorn.log"
    server = start_server(port, workers, log_path)
    try:
        wait_until_up(server, port, log_path)
        yield
    except Exception:
        print(f"gunicorn's log:\n{tail(log_path)}", file=sys.stderr)
        raise
    finally:
        stop_server(server)


def percentile(values, p):
    """The p-th percentile (1–99) of a list of numbers, inclusive method."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[p - 1]


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def stop_on_sigterm(_signum, _frame):
    """A SIGTERM ends the run through the same clean-up as an error."""
    raise SystemExit(143)


@contextmanager
def bench_environment(mark, default_database_url, debug, template=None):
    """Create the benchmark's database (a copy of ``template`` if given) and point this process
    (and the gunicorn it starts) at it, with files and broker (and the cache, without
    ``REDIS_URL``) in a temporary directory instead of var/; undo it all on the way out, also
    after an error or a SIGTERM. Yields the temporary directory."""
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    database_url = os.environ.get("DATABASE_URL") or default_database_url
    config = environ.Env.db_url_config(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit(f"DATABASE_URL must name a PostgreSQL database, not {database_url}")
    create_database(config, mark, template)
    print(f"Database {config['NAME']!r} created on {config['HOST'] or 'localhost'}")
    var_dir = tempfile.mkdtemp(prefix="qa-bench-")
    # With REDIS_URL, cache and sessions live in Redis as in production; else in var_dir.
    redis_url = os.environ.get("REDIS_URL", "")
    print(f"Cache and sessions: {'Redis at ' + redis_url if redis_url else 'files, no Redis'}")
    os.environ.update(
        REDIS_URL=redis_url,
        CELERY_BROKER_URL="filesystem://",
        EMAIL_URL="",
        DJANGO_SETTINGS_MODULE="qa_portal.settings",
        DJANGO_ENV="development",
        DJANGO_DEBUG="true" if debug else "false",
        DATABASE_URL=database_url,
        QA_VAR_DIR=var_dir,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(BASE_DIR))
    try:
        yield Path(var_dir)
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(config)
        shutil.rmtree(var_dir, ignore_errors=True)
        print(f"\nDatabase {config['NAME']!r} dropped")
