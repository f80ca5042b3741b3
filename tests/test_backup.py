"""Backup and restore (issue 8): a backup restored into a fresh database holds every survey
result, vote and document, and every stored file comes back."""

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from documents.models import Edition
from governance.models import NamedVote, SecretTally
from governance.voting import cast_vote, close_vote, open_vote
from qa_portal import backup
from surveys.models import AnswerCounter, TextAnswer

from . import factories as f
from . import factories_documents as fd
from . import factories_results as fr
from .services import need_postgres


def _portal_data(world):
    """A published course evaluation, an open and a secret vote, a document with its file."""
    fr.course_evaluation_answered(world, extra_students=2)
    for kind in ("open", "secret"):
        _body, meeting, members = f.body_with_members(3)
        motion = f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting), ballot=kind)
        motion = open_vote(motion)
        for person in members:
            cast_vote(motion, person, "for")
        close_vote(motion)
    return fd.EditionFactory()


def _table_counts(cursor):
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            table = model._meta.db_table
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def _live_counts():
    from django.db import connection

    with connection.cursor() as cursor:
        return _table_counts(cursor)


@pytest.fixture
def archive(world, tmp_path):
    edition = _portal_data(world)
    stored = edition.file.read()
    path = backup.create(tmp_path)
    return path, edition, stored


def test_a_postgresql_backup_restores_into_a_fresh_database(transactional_db, archive):
    need_postgres()
    path, edition, stored = archive
    config = settings.DATABASES["default"]
    fresh = f"qa_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"]
    )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{config['USER']}@{config['HOST']}:{config['PORT']}/{fresh}"
        default_storage.delete(edition.file.name)
        call_command("restore", str(path), database_url=url)
        with psycopg2.connect(
            dbname=fresh, user=config["USER"], host=config["HOST"], port=config["PORT"]
        ) as restored:
            counts = _table_counts(restored.cursor())
        restored.close()
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()
    assert counts == _live_counts(), "a table lost or gained rows"
    assert counts[AnswerCounter._meta.db_table] > 0
    assert counts[TextAnswer._meta.db_table] > 0
    assert counts[NamedVote._meta.db_table] == 3
    assert counts[SecretTally._meta.db_table] > 0
    assert counts[Edition._meta.db_table] == 1
    with default_storage.open(edition.file.name, "rb") as restored_file:
        assert restored_file.read() == stored


def _manage(env, *args):
    """``manage.py`` of a portal of its own (``env``), as a newcomer runs it."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_make_backup_and_restore_on_the_embedded_sqlite_default(tmp_path):
    """The embedded default (no database server): ``make backup`` copies the SQLite file and
    the stored files, ``make restore`` puts both back after they are lost. The database file
    holds one table written here: the commands copy the file whatever it holds, and migrating
    every app on SQLite would take a minute."""
    var = tmp_path / "var"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qa_portal.settings",
        "QA_VAR_DIR": str(var),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    (var / "media" / "evidence").mkdir(parents=True)
    (var / "media" / "evidence" / "charter.txt").write_text("Жарғы")
    with sqlite3.connect(var / "qa_portal.sqlite3") as database:
        database.execute("CREATE TABLE governance_school (code, name_kk)")
        database.execute("INSERT INTO governance_school VALUES ('LAW', 'Құқық мектебі')")
    archive = _manage(env, "backup", "--output", str(tmp_path / "backups")).splitlines()[-1]

    (var / "qa_portal.sqlite3").unlink()
    (var / "media" / "evidence" / "charter.txt").unlink()
    _manage(env, "restore", archive, "--yes")

    assert (var / "media" / "evidence" / "charter.txt").read_text() == "Жарғы"
    with sqlite3.connect(var / "qa_portal.sqlite3") as restored:
        rows = restored.execute("SELECT code, name_kk FROM governance_school").fetchall()
    assert rows == [("LAW", "Құқық мектебі")]


def test_a_damaged_backup_is_refused(db, archive, tmp_path):
    path, _edition, _stored = archive
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(path) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("database"):
                content = content[:-10] + b"0123456789"
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), database_url="sqlite:///" + str(tmp_path / "x"))


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not a QA Portal backup"):
        call_command("restore", str(other), database_url="sqlite:///" + str(tmp_path / "x"))


def test_restoring_over_the_portal_needs_a_yes(db, archive, monkeypatch):
    path, _edition, _stored = archive
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="nothing restored"):
        call_command("restore", str(path))
